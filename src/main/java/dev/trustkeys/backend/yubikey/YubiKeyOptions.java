package dev.trustkeys.backend.yubikey;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How keys are made and used on a YubiKey.
 *
 * @param onDevice generate keys on the YubiKey (never exportable, attested) instead of on the host
 *     with an encrypted backup file (Notary's way, the default)
 * @param pinPolicy PIN policy of new keys (DEFAULT: the slot's, "always" for 9c)
 * @param touchPolicy touch policy of new keys
 * @param allowLastPinTry spend the last PIN try without asking (scripts)
 * @param attestationRoots CAs an attestation must chain to (Yubico's PIV root CA for real devices);
 *     empty: checked up to the device's own attestation certificate only, with a warning
 */
public record YubiKeyOptions(
    boolean onDevice,
    PinPolicy pinPolicy,
    TouchPolicy touchPolicy,
    boolean allowLastPinTry,
    List<X509Certificate> attestationRoots) {
  public YubiKeyOptions {
    Objects.requireNonNull(pinPolicy, "pinPolicy");
    Objects.requireNonNull(touchPolicy, "touchPolicy");
    attestationRoots = List.copyOf(attestationRoots);
  }

  public static YubiKeyOptions defaults() {
    return new YubiKeyOptions(false, PinPolicy.DEFAULT, TouchPolicy.DEFAULT, false, List.of());
  }

  public YubiKeyOptions withAllowLastPinTry(boolean allow) {
    return new YubiKeyOptions(onDevice, pinPolicy, touchPolicy, allow, attestationRoots);
  }
}
