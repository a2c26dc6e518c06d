package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.WrongSecretException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import java.util.OptionalInt;

/**
 * Gets the PIN verified: reads the tries left first (an empty VERIFY, one APDU: never spends a try
 * to find out), never tries a default PIN, refuses to spend the last try unless the user confirms
 * or allowed it, asks a person again after a wrong PIN (but never re-sends a PIN from the
 * environment), and warns about the factory PIN.
 */
public final class PinEntry {
  /**
   * The PIV application's factory PIN and PUK: never tried by keys, only recognised (and refused as
   * new values).
   */
  public static final String FACTORY_PIN = "123456";

  public static final String FACTORY_PUK = "12345678";

  private PinEntry() {}

  /**
   * The one guard before a PIN is sent: a blocked PIN is an error that says how to unblock it, and
   * the last try is not spent unless {@code allowLastTry} or the person at the YubiKey confirms.
   *
   * @param tries the tries left, as the card reports them (negative: verified in this session
   *     already)
   */
  public static void guardLastTry(
      int tries, YubiKeyDevice device, YubiKeyUser user, boolean allowLastTry)
      throws KeysException {
    if (tries == 0) {
      throw new PinBlockedException(
          "the PIN of " + device.identified() + " is blocked",
          device.remedy(Remedy.Kind.UNBLOCK_PIN));
    }
    if (tries == 1 && !allowLastTry) {
      user.require(
          lastTryQuestion(device.identified()),
          "the last PIN try of " + device.name() + " was kept");
    }
  }

  /**
   * Verifies the PIN unless it is verified already and {@code always} is false. {@code always} is
   * for keys with PIN policy "always" (slot 9c by default), which want a VERIFY right before every
   * signature: for them the tries are read before each VERIFY, as the first time. A PIN this
   * session verified ({@link PivSession#pinVerified()}) costs no APDU; one the card holds verified
   * for another reason costs the empty VERIFY that finds out.
   */
  static void verify(
      PivSession s,
      YubiKeyDevice device,
      SecretProvider pins,
      YubiKeyUser user,
      boolean allowLastTry,
      boolean always)
      throws KeysException {
    if (!always && s.pinVerified()) {
      return;
    }
    for (int attempt = 1; ; attempt++) {
      int tries = s.getPinAttempts();
      if (tries < 0 && !always) {
        return;
      }
      // tries < 0: the PIN was verified in this session, so the card's counter is full
      guardLastTry(tries, device, user, allowLastTry);
      SecretRequest req =
          new SecretRequest(
              SecretRequest.Kind.PIN,
              null,
              null,
              device.subject(),
              attempt,
              tries < 0 ? OptionalInt.empty() : OptionalInt.of(tries));
      try (Secret pin =
          pins.obtain(req)
              .orElseThrow(
                  () ->
                      new YubiKeyException(
                          "no terminal to ask for the PIN of "
                              + device.name()
                              + ": set KEYS_YUBIKEY_PIN",
                          ExitCode.NEEDS_INPUT))) {
        try {
          s.verifyPin(pin.chars());
        } catch (InvalidPinException e) {
          if (pin.origin() != Secret.Origin.PROMPT) {
            throw new WrongSecretException(
                e.getMessage(), OptionalInt.of(e.getAttemptsRemaining()));
          }
          user.say("Wrong PIN: " + e.getAttemptsRemaining() + " tries left.");
          continue;
        }
        if (isFactory(pin.chars())) {
          user.warn(
              device.name() + " still uses the factory PIN 123456",
              device.remedy(Remedy.Kind.CHANGE_FACTORY_CREDENTIAL));
        }
        return;
      }
    }
  }

  /**
   * The question before the last PIN try of {@code device} ("YubiKey 123"), the same for every
   * command.
   */
  public static String lastTryQuestion(String device) {
    return "Only one PIN try is left on "
        + device
        + "; a wrong PIN blocks it. Enter the PIN anyway?";
  }

  private static boolean isFactory(char[] pin) {
    return java.util.Arrays.equals(pin, FACTORY_PIN.toCharArray());
  }
}
