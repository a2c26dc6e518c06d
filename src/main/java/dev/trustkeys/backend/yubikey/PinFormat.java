package dev.trustkeys.backend.yubikey;

/** What a PIV PIN or PUK must look like on a YubiKey: 6 to 8 ASCII characters. */
public final class PinFormat {
  public static final int MIN = 6;
  public static final int MAX = 8;

  /** For prompts: "6 to 8 characters". */
  public static final String HINT = MIN + " to " + MAX + " characters";

  private PinFormat() {}

  /**
   * What is wrong with {@code value} as the {@code what} ("new PIN", "PUK"), or null when it will
   * do.
   */
  public static String problem(char[] value, String what) {
    if (value.length < MIN || value.length > MAX) {
      return "the " + what + " must have " + HINT + ", not " + value.length;
    }
    for (char c : value) {
      if (c > 0x7f) {
        return "the " + what + " must be ASCII";
      }
    }
    return null;
  }
}
