package dev.trustkeys.simulator.piv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the certificate INS F9 returns: subject {@code CN=YubiKey PIV Attestation <slot>}, issued
 * by the F9 certificate's subject and signed by the F9 key, with Yubico's raw-valued extensions:
 * firmware (.3.3), serial (.3.7) and PIN/touch policy (.3.8). Form factor (.3.9) is a YubiKey 5
 * extension and is not included.
 */
public final class Attestation {
  public static final ASN1ObjectIdentifier OID_FIRMWARE =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.41482.3.3");
  public static final ASN1ObjectIdentifier OID_SERIAL =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.41482.3.7");
  public static final ASN1ObjectIdentifier OID_POLICY =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.41482.3.8");
  public static final byte[] FIRMWARE = {4, 3, 5};

  private Attestation() {}

  static byte[] serialValue(int serial) {
    try {
      return new ASN1Integer(serial & 0xFFFFFFFFL).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates the DER attestation certificate for the key in {@code slot}. */
  static byte[] attest(CardState state, Slot slot, SlotKey key) {
    SlotKey signer = state.keys.get(Slot.ATTESTATION);
    byte[] f9certDer = CertObject.unwrap(state.objects.get(Slot.ATTESTATION.objectId));
    if (signer == null || f9certDer == null) {
      throw new IllegalStateException("no attestation key or certificate in slot F9");
    }
    try {
      X509Certificate f9 =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(f9certDer));
      X500Name issuer = X500Name.getInstance(f9.getSubjectX500Principal().getEncoded());
      Date from = f9.getNotBefore();
      Date to = f9.getNotAfter();
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer,
              AttestationAuthority.randomSerial(),
              from,
              to,
              new X500Name("CN=YubiKey PIV Attestation " + slot.hex()),
              key.publicKey());
      b.addExtension(OID_FIRMWARE, false, FIRMWARE);
      b.addExtension(OID_SERIAL, false, serialValue(state.serial));
      b.addExtension(
          OID_POLICY,
          false,
          new byte[] {(byte) effectivePin(slot, key).value, (byte) effectiveTouch(key).value});
      String alg = signer.type.isEc() ? "SHA256withECDSA" : "SHA256withRSA";
      return b.build(new JcaContentSignerBuilder(alg).build(signer.privateKey())).getEncoded();
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("attestation failed", e);
    }
  }

  static PinPolicy effectivePin(Slot slot, SlotKey key) {
    return key.pinPolicy == PinPolicy.DEFAULT ? slot.defaultPinPolicy() : key.pinPolicy;
  }

  static TouchPolicy effectiveTouch(SlotKey key) {
    return key.touchPolicy == TouchPolicy.DEFAULT ? TouchPolicy.NEVER : key.touchPolicy;
  }

  /** Reads the raw serial extension value of an attestation certificate. */
  public static BigInteger serialOf(X509Certificate cert) {
    byte[] v = cert.getExtensionValue(OID_SERIAL.getId());
    if (v == null) {
      return null;
    }
    byte[] raw = org.bouncycastle.asn1.ASN1OctetString.getInstance(v).getOctets();
    return ASN1Integer.getInstance(raw).getValue();
  }
}
