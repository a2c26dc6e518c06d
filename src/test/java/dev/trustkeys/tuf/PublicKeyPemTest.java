package dev.trustkeys.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.io.Pem;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Public key files as Notary's ParsePEMPublicKey reads them. */
class PublicKeyPemTest {
  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  @Test
  void dockersPubFile_withItsRoleHeader_isAPlainEcdsaKey() throws Exception {
    KeyPair kp = ec();
    String pem =
        Pem.encode("PUBLIC KEY", kp.getPublic().getEncoded())
            .replace("-----\n", "-----\nrole: alice\n\n");
    TufKey k = PublicKeyPem.parse(pem.getBytes(StandardCharsets.US_ASCII), Instant.now());
    assertEquals("ecdsa", k.keyType());
    assertEquals(NotaryKeyNaming.INSTANCE.idOf(kp.getPublic()), k.id());
  }

  @Test
  void aCertificate_isAnX509Key_validNowOnly() throws Exception {
    KeyPair kp = ec();
    dev.trustkeys.core.Signer s = signer(kp);
    Instant now = Instant.now();
    byte[] pem =
        Pem.certificate(RootCertificates.create(s, "targets/alice", now))
            .getBytes(StandardCharsets.US_ASCII);
    TufKey k = PublicKeyPem.parse(pem, now.plus(1, ChronoUnit.DAYS));
    assertEquals("ecdsa-x509", k.keyType());
    assertEquals(NotaryKeyNaming.INSTANCE.idOf(kp.getPublic()), k.canonicalId());
    MetadataException expired =
        assertThrows(
            MetadataException.class,
            () -> PublicKeyPem.parse(pem, now.plus(3651, ChronoUnit.DAYS)));
    assertTrue(
        expired.getMessage().startsWith("invalid certificate: valid from"), expired.getMessage());
  }

  @Test
  void otherBlocks_garbageAndHugeFiles_areRefused() {
    assertTrue(
        assertThrows(
                MetadataException.class,
                () ->
                    PublicKeyPem.parse(
                        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"
                            .getBytes(StandardCharsets.US_ASCII),
                        Instant.now()))
            .getMessage()
            .contains("expected CERTIFICATE or PUBLIC KEY"));
    assertTrue(
        assertThrows(
                MetadataException.class,
                () ->
                    PublicKeyPem.parse("hello".getBytes(StandardCharsets.US_ASCII), Instant.now()))
            .getMessage()
            .contains("no PEM block"));
    assertTrue(
        assertThrows(
                MetadataException.class,
                () ->
                    PublicKeyPem.parse(
                        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"
                            .getBytes(StandardCharsets.US_ASCII),
                        Instant.now()))
            .getMessage()
            .contains("not an ECDSA, RSA or Ed25519 key"));
    assertTrue(
        assertThrows(
                MetadataException.class,
                () -> PublicKeyPem.parse(new byte[PublicKeyPem.MAX_BYTES + 1], Instant.now()))
            .getMessage()
            .contains("at most 1 MiB"));
  }

  static dev.trustkeys.core.Signer signer(KeyPair kp) {
    return new dev.trustkeys.core.Signer() {
      @Override
      public dev.trustkeys.core.KeyInfo key() {
        return null;
      }

      @Override
      public java.security.PublicKey publicKey() {
        return kp.getPublic();
      }

      @Override
      public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.of(Algorithm.ECDSA_P256);
      }

      @Override
      public SignatureValue sign(byte[] message) {
        try {
          java.security.Signature s = algorithm().newSignature(null);
          s.initSign(kp.getPrivate());
          s.update(message);
          return new SignatureValue(algorithm(), s.sign());
        } catch (java.security.GeneralSecurityException e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void close() {}
    };
  }
}
