package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import java.util.OptionalInt;

/**
 * Management-key authentication, the one way: the factory key first (a card that still has it needs
 * nothing from anyone), else the key from {@code secrets} (KEYS_YUBIKEY_MANAGEMENT_KEY, or a
 * prompt), once: a wrong key is an error and nothing is changed.
 */
public final class ManagementKeyAuth {
  private ManagementKeyAuth() {}

  /**
   * @param warnings told that the card still has the factory key (a back end making a key), or null
   *     (a command that is about to change it)
   */
  public static void authenticate(
      PivSession s, YubiKeyDevice device, SecretProvider secrets, YubiKeyUser warnings)
      throws KeysException {
    try (ManagementKey factory = ManagementKey.factoryDefault()) {
      if (s.authenticate(factory)) {
        if (warnings != null) {
          warnings.warn(
              device.name() + " still uses the factory management key",
              device.remedy(Remedy.Kind.CHANGE_FACTORY_CREDENTIAL));
        }
        return;
      }
    }
    SecretRequest req =
        new SecretRequest(
            SecretRequest.Kind.MANAGEMENT_KEY,
            null,
            null,
            device.subject(),
            1,
            OptionalInt.empty());
    try (Secret hex =
        secrets
            .obtain(req)
            .orElseThrow(
                () ->
                    new YubiKeyException(
                        device.name()
                            + " has a changed management key: set KEYS_YUBIKEY_MANAGEMENT_KEY (48 hex digits) or run on a terminal",
                        ExitCode.NEEDS_INPUT))) {
      ManagementKey mk;
      try {
        mk = ManagementKey.fromHex(hex.chars());
      } catch (IllegalArgumentException e) {
        throw new YubiKeyException(e.getMessage(), ExitCode.USAGE);
      }
      try (mk) {
        if (!s.authenticate(mk)) {
          throw new YubiKeyException(
              "wrong management key for " + device.name() + ": nothing was changed",
              ExitCode.WRONG_SECRET);
        }
      }
    }
  }
}
