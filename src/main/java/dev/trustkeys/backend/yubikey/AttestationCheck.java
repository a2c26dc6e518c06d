package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.ExitCode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * Checks a PIV attestation: the slot's attestation certificate certifies the expected public key, is signed by
 * the device's attestation certificate (slot f9), carries the device's serial when it has the serial extension,
 * and the device certificate is signed by one of the trusted roots (Yubico's PIV root CA for real YubiKeys).
 */
final class AttestationCheck {
  static final String SERIAL_OID = "1.3.6.1.4.1.41482.3.7";

  /** The outcome: whether the chain reached a trusted root. */
  record Result(boolean rootVerified) {}

  private AttestationCheck() {}

  static Result verify(X509Certificate attestation, X509Certificate device, PublicKey expected, int serial,
      List<X509Certificate> roots) throws YubiKeyException {
    if (!attestation.getPublicKey().equals(expected)) {
      throw fail("the attestation certifies a different public key than the one generated");
    }
    try {
      attestation.verify(device.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw fail("the attestation certificate is not signed by the YubiKey's attestation key (slot f9)");
    }
    byte[] ext = attestation.getExtensionValue(SERIAL_OID);
    if (ext != null) {
      BigInteger s = ASN1Integer.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getValue();
      if (s.longValue() != (serial & 0xFFFFFFFFL)) {
        throw fail("the attestation names serial " + s + ", not " + serial);
      }
    }
    if (roots.isEmpty()) {
      return new Result(false);
    }
    for (X509Certificate root : roots) {
      try {
        device.verify(root.getPublicKey());
        return new Result(true);
      } catch (GeneralSecurityException e) {
        // try the next root
      }
    }
    throw fail("the YubiKey's attestation certificate (" + device.getSubjectX500Principal().getName()
        + ") is not signed by the attestation root given (" + roots.get(0).getSubjectX500Principal().getName() + ")");
  }

  private static YubiKeyException fail(String why) {
    return new YubiKeyException("attestation failed: " + why, ExitCode.VERIFICATION_FAILED);
  }
}
