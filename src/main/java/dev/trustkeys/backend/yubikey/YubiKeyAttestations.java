package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.KeyAttestations;
import dev.trustkeys.core.KeysException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * YubiKey PIV attestations checked against a set of trusted attestation roots, with Yubico's
 * advisories.
 */
public final class YubiKeyAttestations implements KeyAttestations {
  private final List<X509Certificate> trusted;

  public YubiKeyAttestations(List<X509Certificate> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /** Trusting Yubico's PIV attestation roots (bundled) only. */
  public static YubiKeyAttestations yubico() {
    return new YubiKeyAttestations(PivAttestation.yubicoRoots());
  }

  @Override
  public Attested verify(String pem, PublicKey key) throws KeysException {
    PivAttestation.Verified v = PivAttestation.parse(pem).verify(key, trusted);
    List<String> advisories = new ArrayList<>();
    if (v.firmware().isPresent()) {
      for (YubicoAdvisories.Advisory a :
          YubicoAdvisories.forKey(v.firmware().get(), key.getAlgorithm(), true)) {
        advisories.add(a.toString());
      }
    }
    return new Attested(v.describe(), v.anchor(), advisories);
  }
}
