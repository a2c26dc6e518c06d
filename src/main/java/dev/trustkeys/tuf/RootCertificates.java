package dev.trustkeys.tuf;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.Signatures;
import dev.trustkeys.core.Signer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Root certificates as Notary makes them ({@code utils.NewCertificate}): self-signed with the root
 * key, subject and issuer {@code CN=<GUN>} only, a random 128-bit serial, valid 10 years from now,
 * KeyUsage digitalSignature + keyEncipherment (critical), ExtKeyUsage codeSigning, BasicConstraints
 * CA:FALSE (critical), no SKI/AKI.
 */
public final class RootCertificates {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RootCertificates() {}

  public static X509Certificate create(Signer signer, String gun, Instant now)
      throws KeysException {
    X500Name name = cn(gun);
    Instant notAfter = now.plus(Expiry.CERTIFICATE);
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(128, RANDOM),
            Date.from(now),
            Date.from(notAfter),
            name,
            signer.publicKey());
    try {
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    } catch (CertIOException e) {
      throw new IllegalStateException(e);
    }
    SignerAdapter cs = new SignerAdapter(signer);
    X509CertificateHolder holder = b.build(cs);
    if (cs.failure != null) {
      throw cs.failure;
    }
    try {
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (CertificateException e) {
      throw new KeysException("the new root certificate cannot be read back: " + e.getMessage(), e);
    }
  }

  /** Go writes the CN as PrintableString when it can, else UTF8String. */
  private static X500Name cn(String gun) {
    ASN1Encodable value =
        DERPrintableString.isPrintableString(gun)
            ? new DERPrintableString(gun)
            : new DERUTF8String(gun);
    return new X500Name(new RDN[] {new RDN(BCStyle.CN, value)});
  }

  /** The CN of a certificate's subject, or empty. */
  public static String commonName(X509Certificate cert) {
    X500Name n = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    RDN[] rdns = n.getRDNs(BCStyle.CN);
    return rdns.length == 0 ? "" : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }

  /**
   * What Notary's clients check of a root leaf certificate ({@code trustpinning/certs.go}): CN =
   * GUN (or a prefix wildcard ending in *), validity window, no SHA-1, RSA at least 2048 bits.
   * Returns the problems, empty if none.
   */
  public static List<String> problems(X509Certificate cert, String gun, Instant now) {
    List<String> p = new ArrayList<>();
    String cn = commonName(cert);
    boolean cnOk =
        cn.equals(gun) || (cn.endsWith("*") && gun.startsWith(cn.substring(0, cn.length() - 1)));
    if (!cnOk) {
      p.add(
          "certificate CN "
              + dev.trustkeys.core.Untrusted.quote(cn)
              + " does not match GUN '"
              + gun
              + "'");
    }
    if (now.isBefore(cert.getNotBefore().toInstant())) {
      p.add("certificate is not valid before " + cert.getNotBefore().toInstant());
    }
    if (now.isAfter(cert.getNotAfter().toInstant())) {
      p.add("certificate expired on " + cert.getNotAfter().toInstant());
    }
    if (cert.getSigAlgName().toUpperCase(java.util.Locale.ROOT).contains("SHA1")) {
      p.add("certificate is signed with SHA-1");
    }
    if (cert.getPublicKey() instanceof RSAPublicKey
        && ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength() < 2048) {
      p.add("certificate RSA key is shorter than 2048 bits");
    }
    return p;
  }

  /**
   * Adapts a back end's signer (neutral r||s ECDSA, RSA-PSS) to Bouncy Castle's certificate
   * signing.
   */
  private static final class SignerAdapter implements ContentSigner {
    private final Signer signer;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final AlgorithmIdentifier alg;
    private KeysException failure;

    SignerAdapter(Signer signer) throws KeysException {
      this.signer = signer;
      switch (signer.algorithm()) {
        case ECDSA_P256_SHA256:
          alg = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
          break;
        case RSA_PSS_SHA256:
          alg = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSAandMGF1");
          break;
        default:
          throw new KeysException(
              "a ed25519 key cannot be a Notary root key: use an ECDSA P-256 (or RSA) key");
      }
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
      return alg;
    }

    @Override
    public OutputStream getOutputStream() {
      return buf;
    }

    @Override
    public byte[] getSignature() {
      try {
        SignatureValue sig = signer.sign(buf.toByteArray());
        return sig.algorithm() == SignatureAlgorithm.ECDSA_P256_SHA256
            ? Signatures.p256RawToDer(sig.value())
            : sig.value();
      } catch (KeysException e) {
        failure = e;
        return new byte[0];
      } catch (java.security.SignatureException e) {
        failure =
            new KeysException(
                "the "
                    + NotaryDialect.INSTANCE.schemeName(signer.algorithm())
                    + " key gave a malformed signature: "
                    + e.getMessage(),
                e);
        return new byte[0];
      }
    }
  }
}
