package dev.trustkeys.backend.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * The raw-RSA fallback for tokens without CKM_RSA_PKCS_PSS: BouncyCastle's PSS encoding plus a raw
 * RSA operation (here the JDK's, standing in for the token's) must give a standard {@code rsapss}
 * signature.
 */
class TokenRawRsaTest {
  private static final byte[] MESSAGE = "signed metadata".getBytes(StandardCharsets.UTF_8);

  @Test
  void signPss_withRawRsa_verifiesAsRsaPss() throws Exception {
    for (int bits :
        new int[] {2048, 2049}) { // 2049: the encoded message is one byte shorter than the modulus
      KeyPair kp = rsa(bits);
      byte[] sig = TokenRawRsa.signPss(raw(kp), (RSAPublicKey) kp.getPublic(), MESSAGE);
      assertEquals((bits + 7) / 8, sig.length);
      assertTrue(
          SignatureAlgorithm.RSA_PSS_SHA256.verify(kp.getPublic(), MESSAGE, sig), bits + " bits");
      assertFalse(
          SignatureAlgorithm.RSA_PSS_SHA256.verify(
              kp.getPublic(), "other".getBytes(StandardCharsets.UTF_8), sig));
    }
  }

  @Test
  void signPss_usesAFreshSaltEachTime() throws Exception {
    KeyPair kp = rsa(2048);
    byte[] a = TokenRawRsa.signPss(raw(kp), (RSAPublicKey) kp.getPublic(), MESSAGE);
    byte[] b = TokenRawRsa.signPss(raw(kp), (RSAPublicKey) kp.getPublic(), MESSAGE);
    assertFalse(Arrays.equals(a, b), "PSS with a 32-byte random salt never repeats");
    assertTrue(SignatureAlgorithm.RSA_PSS_SHA256.verify(kp.getPublic(), MESSAGE, b));
  }

  private static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  private static Cipher raw(KeyPair kp) throws Exception {
    Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
    raw.init(Cipher.ENCRYPT_MODE, kp.getPrivate());
    return raw;
  }
}
