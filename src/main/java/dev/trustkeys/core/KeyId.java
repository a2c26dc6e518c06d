package dev.trustkeys.core;

import java.nio.charset.StandardCharsets;

/**
 * The ID a key has in the keyring: 64 lower-case hex digits. Which digits a public key gets is the
 * keyring's {@link KeyNaming} rule's business, not this class's: the same rule for every back end,
 * so that one key has one ID wherever it lives (a YubiKey slot and its backup file).
 */
public final class KeyId implements Comparable<KeyId> {
  /** The shortest prefix commands accept. */
  public static final int MIN_PREFIX = 7;

  private final String hex;

  private KeyId(String hex) {
    this.hex = hex;
  }

  public static KeyId of(String hex) throws UsageException {
    if (!isKeyId(hex)) {
      throw new UsageException(
          "not a key ID: " + Untrusted.quote(hex) + " (expected 64 lower-case hex characters)");
    }
    return new KeyId(hex);
  }

  /**
   * The key ID {@code hex} is, or null when it is none: one check, for readers of many names (a
   * listing of thousands of key files).
   */
  public static KeyId ofOrNull(String hex) {
    return isKeyId(hex) ? new KeyId(hex) : null;
  }

  /** Whether {@code s} is a well-formed full key ID. */
  public static boolean isKeyId(String s) {
    // Over the bytes, not a regex nor charAt: `keys list` checks every file name at start-up, in
    // the interpreter.
    if (s == null || s.length() != 64) {
      return false;
    }
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 64; i++) {
      int c = b[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  public String hex() {
    return hex;
  }

  /** The 7-character form used in prompts. */
  public String shortId() {
    return hex.substring(0, MIN_PREFIX);
  }

  @Override
  public int compareTo(KeyId o) {
    return hex.compareTo(o.hex);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyId && ((KeyId) o).hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  @Override
  public String toString() {
    return hex;
  }
}
