package dev.trustkeys.backend.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** The raw-RSA fallback: our EMSA-PSS encoding plus a raw RSA operation must give a standard rsapss signature. */
class PssEncodingTest {
  @Test
  void encode_thenRawRsa_verifiesAsRsaPss() throws Exception {
    for (int bits : new int[] {2048, 2049}) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      KeyPair kp = g.generateKeyPair();
      byte[] msg = "signed metadata".getBytes(StandardCharsets.UTF_8);
      byte[] em = PssEncoding.encode(msg, bits);
      assertEquals((bits + 7) / 8, em.length);
      Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
      raw.init(Cipher.ENCRYPT_MODE, kp.getPrivate());
      byte[] sig = raw.doFinal(em);
      assertTrue(Signatures.verify(kp.getPublic(), "rsapss", msg, sig), bits + " bits");
      assertFalse(Signatures.verify(kp.getPublic(), "rsapss", "other".getBytes(StandardCharsets.UTF_8), sig));
    }
  }
}
