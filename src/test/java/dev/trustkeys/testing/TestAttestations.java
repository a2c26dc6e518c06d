package dev.trustkeys.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A made-up YubiKey attestation PKI for tests, shaped like Yubico's: a root CA, a device
 * attestation certificate (slot f9) it signs, and per-key attestation certificates the device
 * signs, with Yubico's extensions (firmware .3.3, serial .3.7, PIN and touch policy .3.8).
 */
public final class TestAttestations {
  private final KeyPair rootKey;
  private final X509Certificate root;
  private final KeyPair deviceKey;
  private final X509Certificate device;

  private TestAttestations(
      KeyPair rootKey, X509Certificate root, KeyPair deviceKey, X509Certificate device) {
    this.rootKey = rootKey;
    this.root = root;
    this.deviceKey = deviceKey;
    this.device = device;
  }

  public static TestAttestations create(String name) throws Exception {
    KeyPair rk = rsa();
    X509Certificate r =
        cert(
            "CN=" + name + " PIV Root CA (test)",
            "CN=" + name + " PIV Root CA (test)",
            rk.getPublic(),
            rk,
            true,
            null);
    KeyPair dk = rsa();
    X509Certificate d =
        cert(
            "CN=" + name + " PIV Root CA (test)",
            "CN=Yubico PIV Attestation",
            dk.getPublic(),
            rk,
            true,
            null);
    return new TestAttestations(rk, r, dk, d);
  }

  public X509Certificate root() {
    return root;
  }

  public String rootPem() throws Exception {
    return pem(root);
  }

  /**
   * The PEM chain 'keys yubikey attest 9c' prints for {@code key} on a YubiKey with this firmware
   * and serial.
   */
  public String attest(PublicKey key, int major, int minor, int patch, int serial)
      throws Exception {
    X509Certificate a =
        cert(
            "CN=Yubico PIV Attestation",
            "CN=YubiKey PIV Attestation 9c",
            key,
            deviceKey,
            false,
            new byte[][] {
              {(byte) major, (byte) minor, (byte) patch},
              new ASN1Integer(serial).getEncoded(),
              {3, 1}
            });
    return pem(a) + pem(device);
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static X509Certificate cert(
      String issuer, String subject, PublicKey key, KeyPair signer, boolean ca, byte[][] yubico)
      throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            new X500Name(issuer),
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(1, ChronoUnit.DAYS)),
            Date.from(now.plus(3650, ChronoUnit.DAYS)),
            new X500Name(subject),
            key);
    if (ca) {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
    }
    if (yubico != null) {
      b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.41482.3.3"), false, yubico[0]);
      b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.41482.3.7"), false, yubico[1]);
      b.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.41482.3.8"), false, yubico[2]);
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
  }

  public static String pem(X509Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}
