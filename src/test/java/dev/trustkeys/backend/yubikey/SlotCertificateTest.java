package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Role;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class SlotCertificateTest {
  static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static SlotCertificate.DigestSigner signer(KeyPair kp) {
    return digest -> {
      Signature s = Signature.getInstance("NONEwithECDSA");
      s.initSign(kp.getPrivate());
      s.update(digest);
      return s.sign();
    };
  }

  @Test
  void rootCertificate_isCnRoot_selfSigned_andCarriesThePolicies() throws Exception {
    KeyPair kp = p256();
    X509Certificate c =
        SlotCertificate.create(
            Role.ROOT,
            "",
            kp.getPublic(),
            PinPolicy.ONCE,
            TouchPolicy.ALWAYS,
            signer(kp),
            Instant.now());
    assertEquals("CN=root", c.getSubjectX500Principal().getName());
    c.verify(kp.getPublic());
    SlotCertificate.Described d = SlotCertificate.describe(c, Slot.SIGNATURE).orElseThrow();
    assertEquals(Role.ROOT, d.role());
    assertEquals("", d.gun());
    assertEquals(PinPolicy.ONCE, d.pinPolicy());
    assertEquals(TouchPolicy.ALWAYS, d.touchPolicy());
    assertTrue(
        c.getNotAfter().toInstant().isAfter(Instant.now().plusSeconds(9L * 365 * 86400)),
        "10 years");
  }

  @Test
  void repositoryKey_keepsItsGunInOu_andDefaultPolicyFollowsTheSlot() throws Exception {
    KeyPair kp = p256();
    X509Certificate c =
        SlotCertificate.create(
            Role.TARGETS,
            "example.com/app",
            kp.getPublic(),
            PinPolicy.DEFAULT,
            TouchPolicy.DEFAULT,
            signer(kp),
            Instant.now());
    SlotCertificate.Described d = SlotCertificate.describe(c, Slot.SIGNATURE).orElseThrow();
    assertEquals(Role.TARGETS, d.role());
    assertEquals("example.com/app", d.gun());
    assertEquals(PinPolicy.ALWAYS, d.pinPolicy(), "9c defaults to PIN always");
    assertEquals(TouchPolicy.NEVER, d.touchPolicy(), "a YubiKey 4's default is no touch");
  }

  @Test
  void foreignCertificate_isNotATufKey() throws Exception {
    KeyPair kp = p256();
    X500Name n = new X500Name("CN=John Smith");
    X509Certificate c =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        n,
                        BigInteger.ONE,
                        new Date(),
                        new Date(System.currentTimeMillis() + 86_400_000L),
                        n,
                        kp.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    assertTrue(SlotCertificate.describe(c, Slot.AUTHENTICATION).isEmpty());
  }

  @Test
  void attestation_mustCertifyTheKey_beSignedByTheDevice_andChainToTheRoot() throws Exception {
    KeyPair root = p256();
    KeyPair device = p256();
    KeyPair key = p256();
    X509Certificate rootCert = cert("CN=root ca", root, "CN=root ca", root);
    X509Certificate deviceCert = cert("CN=Yubico PIV Attestation", device, "CN=root ca", root);
    X509Certificate att =
        cert("CN=YubiKey PIV Attestation 9c", key, "CN=Yubico PIV Attestation", device);
    assertTrue(
        AttestationCheck.verify(att, deviceCert, key.getPublic(), 1, List.of(rootCert))
            .rootVerified());
    assertEquals(
        false,
        AttestationCheck.verify(att, deviceCert, key.getPublic(), 1, List.of()).rootVerified());
    YubiKeyException otherKey =
        assertThrows(
            YubiKeyException.class,
            () ->
                AttestationCheck.verify(att, deviceCert, p256().getPublic(), 1, List.of(rootCert)));
    assertEquals(dev.trustkeys.core.ExitCode.VERIFICATION_FAILED, otherKey.exitCode());
    assertThrows(
        YubiKeyException.class,
        () -> AttestationCheck.verify(att, rootCert, key.getPublic(), 1, List.of(rootCert)));
    X509Certificate otherRoot = cert("CN=other", p256(), "CN=other", p256());
    YubiKeyException wrongRoot =
        assertThrows(
            YubiKeyException.class,
            () -> AttestationCheck.verify(att, deviceCert, key.getPublic(), 1, List.of(otherRoot)));
    assertTrue(
        wrongRoot.getMessage().contains("not signed by the attestation root"),
        wrongRoot.getMessage());
  }

  static X509Certificate cert(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    new X500Name(issuer),
                    BigInteger.TWO,
                    new Date(),
                    new Date(System.currentTimeMillis() + 86_400_000L),
                    new X500Name(subject),
                    subjectKey.getPublic())
                .build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
  }
}
