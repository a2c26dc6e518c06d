package dev.trustkeys.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority for tests, made on the fly with BouncyCastle: a P-256 CA that
 * issues server, client and signing certificates (with IP and DNS names), written as PEM files the
 * real peers read.
 */
public final class TestCa {
  private final String name;
  private final KeyPair key;
  private final X509Certificate cert;
  private long serial = 2;

  /** A certificate and its key. */
  public record Issued(X509Certificate certificate, KeyPair key) {
    /** Writes {@code base.crt} (the certificate) and {@code base.key} (PKCS#8) into {@code dir}. */
    public Files2 write(Path dir, String base) throws IOException {
      Path crt = dir.resolve(base + ".crt");
      Path k = dir.resolve(base + ".key");
      Files.writeString(crt, pem("CERTIFICATE", der(certificate)));
      Files.writeString(k, pem("PRIVATE KEY", key.getPrivate().getEncoded()));
      return new Files2(crt, k);
    }
  }

  /** Where a certificate and its key were written. */
  public record Files2(Path cert, Path key) {}

  private TestCa(String name, KeyPair key, X509Certificate cert) {
    this.name = name;
    this.key = key;
    this.cert = cert;
  }

  public static TestCa create(String name) throws GeneralSecurityException {
    KeyPair k = newKey();
    Instant now = Instant.now();
    X509Certificate c =
        build(
            new X500Name("CN=" + name),
            new X500Name("CN=" + name),
            BigInteger.ONE,
            k,
            k,
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(30)),
            true,
            List.of(),
            null);
    return new TestCa(name, k, c);
  }

  public String name() {
    return name;
  }

  public X509Certificate certificate() {
    return cert;
  }

  /** Writes the CA certificate to {@code file} and returns it. */
  public Path writeCertificate(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, pem("CERTIFICATE", der(cert)));
    return file;
  }

  /**
   * A server certificate for {@code names} ("127.0.0.1" becomes an IP name, others DNS names), 30
   * days.
   */
  public Issued server(String cn, String... names) throws GeneralSecurityException {
    Instant now = Instant.now();
    return issue(
        cn,
        now.minus(Duration.ofHours(1)),
        now.plus(Duration.ofDays(30)),
        KeyPurposeId.id_kp_serverAuth,
        names);
  }

  /** A server certificate that expired yesterday. */
  public Issued expiredServer(String cn, String... names) throws GeneralSecurityException {
    Instant now = Instant.now();
    return issue(
        cn,
        now.minus(Duration.ofDays(30)),
        now.minus(Duration.ofDays(1)),
        KeyPurposeId.id_kp_serverAuth,
        names);
  }

  /**
   * A certificate for TLS clients and servers at once (notary-signer's and notary-server's gRPC
   * link).
   */
  public Issued peer(String cn, String... names) throws GeneralSecurityException {
    Instant now = Instant.now();
    return issue(cn, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), null, names);
  }

  public Issued client(String cn) throws GeneralSecurityException {
    Instant now = Instant.now();
    return issue(
        cn,
        now.minus(Duration.ofHours(1)),
        now.plus(Duration.ofDays(30)),
        KeyPurposeId.id_kp_clientAuth);
  }

  private Issued issue(String cn, Instant from, Instant to, KeyPurposeId purpose, String... names)
      throws GeneralSecurityException {
    KeyPair k = newKey();
    X509Certificate c =
        build(
            new X500Name("CN=" + name),
            new X500Name("CN=" + cn),
            BigInteger.valueOf(serial++),
            key,
            k,
            from,
            to,
            false,
            List.of(names),
            purpose);
    return new Issued(c, k);
  }

  private static X509Certificate build(
      X500Name issuer,
      X500Name subject,
      BigInteger serial,
      KeyPair signer,
      KeyPair subjectKey,
      Instant from,
      Instant to,
      boolean ca,
      List<String> names,
      KeyPurposeId purpose)
      throws GeneralSecurityException {
    try {
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer, serial, Date.from(from), Date.from(to), subject, subjectKey.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(
              ca
                  ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                  : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      if (purpose != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      } else if (!ca) {
        b.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      }
      if (!names.isEmpty()) {
        List<GeneralName> alt = new ArrayList<>();
        for (String n : names) {
          boolean ip =
              n.chars().allMatch(ch -> ch == '.' || Character.isDigit(ch)) || n.contains(":");
          alt.add(
              ip
                  ? new GeneralName(
                      GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress())
                  : new GeneralName(GeneralName.dNSName, n));
        }
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(alt.toArray(new GeneralName[0])));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    } catch (IOException | org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKey() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A TLS server context that shows {@code cert} (with this CA above it) and, when {@code
   * clientsFromThisCa}, trusts client certificates this CA issued (the server still decides whether
   * to ask for one).
   */
  public SSLContext serverContext(Issued cert, boolean clientsFromThisCa)
      throws GeneralSecurityException, IOException {
    char[] none = new char[0];
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "tls",
        cert.key().getPrivate(),
        none,
        new Certificate[] {cert.certificate(), certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, none);
    TrustManager[] trust = null;
    if (clientsFromThisCa) {
      KeyStore cas = KeyStore.getInstance("PKCS12");
      cas.load(null, null);
      cas.setCertificateEntry("ca", certificate());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(cas);
      trust = tmf.getTrustManagers();
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), trust, null);
    return ctx;
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
