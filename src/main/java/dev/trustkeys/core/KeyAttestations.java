package dev.trustkeys.core;

import java.security.PublicKey;
import java.util.List;

/**
 * Checks the hardware attestation recorded with a public key (a YubiKey's PIV attestation: device
 * and key certificates): which device holds the key, which trusted root vouches for it, and the
 * advisories known for that device. A back end that can attest keys implements it ({@code
 * backend.yubikey.YubiKeyAttestations}); code that reviews keys (the ceremony) is given one, so it
 * never needs to know a back end.
 */
public interface KeyAttestations {
  /**
   * Verifies {@code pem}, recorded with {@code key}.
   *
   * @throws KeysException when it does not certify {@code key} or does not chain to a trusted root
   *     (the reason in people's words)
   */
  Attested verify(String pem, PublicKey key) throws KeysException;

  /**
   * A verified attestation.
   *
   * @param device the device and its policies, for people ("YubiKey 5.7.1, serial 123, PIN policy
   *     once, ...")
   * @param anchor the trusted root it chains to
   * @param advisories security advisories that apply to that device and key, one line each
   */
  record Attested(String device, String anchor, List<String> advisories) {
    public Attested {
      advisories = List.copyOf(advisories);
    }
  }
}
