package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.ExitCode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * Checks a PIV attestation: the slot's attestation certificate certifies the expected public key,
 * is signed by the device's attestation certificate (slot f9), carries the device's serial when it
 * has the serial extension, and the device certificate is signed by one of the trusted attestation
 * certificates (Yubico's PIV root CA for real YubiKeys; for firmware 5.7.4 and later, Yubico's PIV
 * attestation intermediates, which the device does not hold, are given as trusted too).
 */
final class AttestationCheck {
  static final String SERIAL_OID = "1.3.6.1.4.1.41482.3.7";

  /** The outcome: the trusted certificate the chain reached, or null when none was given. */
  record Result(boolean rootVerified, X509Certificate anchor) {}

  /**
   * The PIN and touch policies a key's attestation certificate states (Yubico's extension), else
   * the slot's.
   */
  record Policies(PinPolicy pin, TouchPolicy touch) {
    static Policies of(X509Certificate attestation, Slot slot) {
      byte[] ext = attestation.getExtensionValue(SlotCertificate.POLICY_OID);
      if (ext != null) {
        byte[] v = org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets();
        if (v.length == 2) {
          return new Policies(
              PinPolicy.fromValue(v[0]).effective(slot), TouchPolicy.fromValue(v[1]));
        }
      }
      return new Policies(PinPolicy.DEFAULT.effective(slot), TouchPolicy.DEFAULT);
    }
  }

  private AttestationCheck() {}

  static Result verify(
      X509Certificate attestation,
      X509Certificate device,
      PublicKey expected,
      int serial,
      List<X509Certificate> roots)
      throws YubiKeyException {
    return verify(attestation, device, expected, OptionalInt.of(serial), roots);
  }

  /**
   * {@code serial}: the YubiKey's serial to match, or empty to take the one the attestation names.
   */
  static Result verify(
      X509Certificate attestation,
      X509Certificate device,
      PublicKey expected,
      OptionalInt serial,
      List<X509Certificate> roots)
      throws YubiKeyException {
    if (!attestation.getPublicKey().equals(expected)) {
      throw fail("the attestation certifies a different public key than the one generated");
    }
    try {
      attestation.verify(device.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw fail(
          "the attestation certificate is not signed by the YubiKey's attestation key (slot f9)");
    }
    BigInteger named = serialOf(attestation);
    if (named != null
        && serial.isPresent()
        && named.longValue() != (serial.getAsInt() & 0xFFFFFFFFL)) {
      throw fail("the attestation names serial " + named + ", not " + serial.getAsInt());
    }
    if (roots.isEmpty()) {
      return new Result(false, null);
    }
    for (X509Certificate root : roots) {
      try {
        device.verify(root.getPublicKey());
        return new Result(true, root);
      } catch (GeneralSecurityException e) {
        // try the next root
      }
    }
    throw fail(
        "the YubiKey's attestation certificate ("
            + device.getSubjectX500Principal().getName()
            + ") is not signed by the attestation root given ("
            + roots.get(0).getSubjectX500Principal().getName()
            + ")");
  }

  /** The serial the attestation names (Yubico's extension), or null. */
  static BigInteger serialOf(X509Certificate attestation) throws YubiKeyException {
    byte[] ext = attestation.getExtensionValue(SERIAL_OID);
    if (ext == null) {
      return null;
    }
    try {
      return ASN1Integer.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getValue();
    } catch (IllegalArgumentException e) {
      throw fail("the attestation's serial number extension cannot be read");
    }
  }

  private static YubiKeyException fail(String why) {
    return new YubiKeyException("attestation failed: " + why, ExitCode.VERIFICATION_FAILED);
  }
}
