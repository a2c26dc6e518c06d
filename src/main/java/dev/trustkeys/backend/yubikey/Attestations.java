package dev.trustkeys.backend.yubikey;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Attesting a slot on demand ({@code keys yubikey attest SLOT}). */
public final class Attestations {
  /**
   * A checked attestation: PEM of the slot's and the device's certificates, and the policies it
   * states.
   */
  public record Attested(
      String pem, boolean rootVerified, PinPolicy pinPolicy, TouchPolicy touchPolicy) {}

  private Attestations() {}

  public static Attested attest(PivSession s, Slot slot, int serial, List<X509Certificate> roots)
      throws YubiKeyException {
    X509Certificate a = s.attestKey(slot);
    X509Certificate device =
        s.attestationIssuer()
            .orElseThrow(
                () ->
                    new YubiKeyException(
                        "YubiKey " + serial + " has no attestation certificate in slot f9"));
    Optional<X509Certificate> slotCert = s.readCertificate(slot);
    PublicKey expected = slotCert.map(X509Certificate::getPublicKey).orElse(a.getPublicKey());
    AttestationCheck.Result r = AttestationCheck.verify(a, device, expected, serial, roots);
    AttestationCheck.Policies p = AttestationCheck.Policies.of(a, slot);
    try {
      return new Attested(
          AttestationStore.pem(a) + AttestationStore.pem(device),
          r.rootVerified(),
          p.pin(),
          p.touch());
    } catch (CertificateEncodingException e) {
      throw new YubiKeyException("cannot encode the attestation: " + e.getMessage());
    }
  }
}
