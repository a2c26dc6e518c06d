package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * The self-signed certificate stored in a key's slot, as Notary writes it: subject {@code
 * CN=<role>} (so {@code notary key list} shows the key; ykcs11 only shows imported keys that have a
 * certificate), 10 years, digitalSignature, codeSigning, CA:FALSE. Two additions Notary ignores:
 * {@code OU=<gun>} for keys that belong to one repository, and the key's PIN and touch policy in
 * the extension Yubico's attestation certificates use for it ({@value #POLICY_OID}, two bytes,
 * non-critical), because a YubiKey 4 cannot report a slot's policy.
 */
final class SlotCertificate {
  static final String POLICY_OID = "1.3.6.1.4.1.41482.3.8";
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Signs the SHA-256 digest of its input, returning a DER ECDSA signature. */
  interface DigestSigner {
    byte[] sign(byte[] digest) throws Exception;
  }

  /** What a slot certificate says about its key. */
  record Described(Role role, String gun, PinPolicy pinPolicy, TouchPolicy touchPolicy) {}

  private SlotCertificate() {}

  static X509Certificate create(
      Role role,
      String gun,
      PublicKey key,
      PinPolicy pin,
      TouchPolicy touch,
      DigestSigner signer,
      Instant now)
      throws CertificateException {
    X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, role.name());
    if (!gun.isEmpty()) {
      nb.addRDN(BCStyle.OU, gun);
    }
    X500Name name = nb.build();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(64, RANDOM).setBit(62),
            Date.from(now),
            Date.from(now.plus(VALIDITY)),
            name,
            key);
    try {
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          new ASN1ObjectIdentifier(POLICY_OID),
          false,
          new byte[] {(byte) pin.value, (byte) touch.value});
      return new JcaX509CertificateConverter().getCertificate(b.build(new Adapter(signer)));
    } catch (IOException | RuntimeException e) {
      throw new CertificateException("cannot build the slot certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Reads role, GUN and policies; empty when the certificate is not one of a TUF key (CN is not a
   * role).
   */
  static Optional<Described> describe(X509Certificate cert, Slot slot) {
    X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    String cn = first(name, BCStyle.CN);
    if (cn == null) {
      return Optional.empty();
    }
    Role role;
    try {
      role = Role.of(cn);
    } catch (UsageException e) {
      return Optional.empty();
    }
    String ou = first(name, BCStyle.OU);
    String gun = role.belongsToGun() && ou != null ? ou : "";
    PinPolicy pin = PinPolicy.DEFAULT.effective(slot);
    TouchPolicy touch = TouchPolicy.DEFAULT;
    byte[] ext = cert.getExtensionValue(POLICY_OID);
    if (ext != null) {
      byte[] v = ASN1OctetString.getInstance(ext).getOctets();
      if (v.length == 2) {
        try {
          pin = PinPolicy.fromValue(v[0]).effective(slot);
          touch = TouchPolicy.fromValue(v[1]);
        } catch (IllegalArgumentException e) {
          // unknown values: keep the slot defaults
        }
      }
    }
    return Optional.of(
        new Described(role, gun, pin, touch == TouchPolicy.DEFAULT ? TouchPolicy.NEVER : touch));
  }

  /** The policy bytes of an attestation certificate (same extension), if present. */
  static Optional<TouchPolicy> attestedTouch(X509Certificate attestation) {
    byte[] ext = attestation.getExtensionValue(POLICY_OID);
    if (ext == null) {
      return Optional.empty();
    }
    byte[] v = ASN1OctetString.getInstance(ext).getOctets();
    return v.length == 2 ? Optional.of(TouchPolicy.fromValue(v[1])) : Optional.empty();
  }

  private static String first(X500Name name, ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }

  /** A BouncyCastle ContentSigner over a {@link DigestSigner}: SHA256withECDSA. */
  private static final class Adapter implements ContentSigner {
    private final DigestSigner signer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    Adapter(DigestSigner signer) {
      this.signer = signer;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
    }

    @Override
    public OutputStream getOutputStream() {
      return buffer;
    }

    @Override
    public byte[] getSignature() {
      try {
        byte[] digest =
            java.security.MessageDigest.getInstance("SHA-256").digest(buffer.toByteArray());
        return signer.sign(digest);
      } catch (Exception e) {
        throw new SigningFailed(e);
      }
    }
  }

  /** Carries a signing failure through BouncyCastle's builder. */
  static final class SigningFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SigningFailed(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }
}
