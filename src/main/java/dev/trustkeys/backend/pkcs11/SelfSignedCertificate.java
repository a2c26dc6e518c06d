package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.KeySpec;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate stored next to a token key so that SunPKCS11 shows the key (it hides private keys
 * without one). Self-signed on the token, shaped like Notary's root certificates: subject CN = the
 * GUN (or the role for keys without one), 10 years, key usage digitalSignature+keyEncipherment,
 * extended key usage codeSigning, CA:FALSE.
 */
final class SelfSignedCertificate {
  private static final Duration VALIDITY = Duration.ofDays(3650);
  private static final SecureRandom RANDOM = new SecureRandom();

  private SelfSignedCertificate() {}

  static X509Certificate create(KeySpec spec, KeyPair pair, Provider provider, Instant now)
      throws CertificateException {
    String cn = spec.gun().isEmpty() ? spec.role().name() : spec.gun();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(128, RANDOM),
            Date.from(now),
            Date.from(now.plus(VALIDITY)),
            name,
            pair.getPublic());
    try {
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      String alg = pair.getPublic() instanceof ECPublicKey ? "SHA256withECDSA" : "SHA256withRSA";
      ContentSigner signer =
          new JcaContentSignerBuilder(alg).setProvider(provider).build(pair.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (CertIOException | OperatorCreationException e) {
      throw new CertificateException("cannot build the key's certificate: " + e.getMessage(), e);
    }
  }
}
