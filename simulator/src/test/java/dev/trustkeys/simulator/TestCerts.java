package dev.trustkeys.simulator;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in Java (yubico-piv-tool 2.2.0's selfsign/request are broken with OpenSSL 3).
 */
public final class TestCerts {
  private TestCerts() {}

  static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static X509Certificate certificate(
      String subject, PublicKey subjectKey, PrivateKey signer, int days) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name(subject),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(Duration.ofDays(days))),
            new X500Name(subject),
            subjectKey);
    String alg = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer)));
  }

  static X509Certificate selfSignedWithSoftwareKey(String subject) throws Exception {
    KeyPair kp = p256();
    return certificate(subject, kp.getPublic(), kp.getPrivate(), 30);
  }

  /** A certificate for the public key in a PEM file, signed by a throwaway software key. */
  public static X509Certificate certificateFor(java.nio.file.Path publicKeyPem, String subject)
      throws Exception {
    String b64 =
        java.nio.file.Files.readString(publicKeyPem)
            .replaceAll("-----[A-Z ]+-----", "")
            .replaceAll("\\s", "");
    byte[] spki = Base64.getDecoder().decode(b64);
    String alg = spki.length > 200 ? "RSA" : "EC";
    PublicKey pub =
        java.security.KeyFactory.getInstance(alg)
            .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
    return certificate(subject, pub, p256().getPrivate(), 30);
  }

  static String ecPrivateKeyPem() throws Exception {
    return pem("PRIVATE KEY", p256().getPrivate().getEncoded());
  }

  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
