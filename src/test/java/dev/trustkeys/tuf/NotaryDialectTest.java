package dev.trustkeys.tuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.metadata.MetadataFormatException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Notary's dialect behind the seam: the same bytes, IDs and names as before it moved there. */
class NotaryDialectTest {
  private static final NotaryDialect NOTARY = NotaryDialect.INSTANCE;

  private static List<KeyPair> keyPairs() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    return List.of(
        ec.generateKeyPair(),
        rsa.generateKeyPair(),
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
  }

  @Test
  void keyIdOfAPlainKey_isTheFileBackEndsName_forEveryAlgorithm() throws Exception {
    for (KeyPair kp : keyPairs()) {
      Map<String, Object> key = NOTARY.encodePublicKey(kp.getPublic(), Map.of());
      assertEquals(
          NotaryKeyNaming.INSTANCE.idOf(kp.getPublic()).hex(),
          NOTARY.keyId(key),
          kp.getPublic().getAlgorithm());
      assertEquals(TufKey.forPublicKey(kp.getPublic()).id().hex(), NOTARY.keyId(key));
      assertArrayEquals(kp.getPublic().getEncoded(), NOTARY.decodePublicKey(key).getEncoded());
    }
  }

  @Test
  void notaryFiles_decodeAndEncodeByteForByte() throws Exception {
    for (String f : List.of("root.json", "targets.json", "snapshot.json", "timestamp.json")) {
      byte[] original = NotaryMetadataCompatibilityTest.resource(f);
      assertArrayEquals(original, NOTARY.encodeFile(NOTARY.decodeFile(original)), f);
    }
  }

  @Test
  void rootKeyIds_ofNotarysOwnRoot_followTheRule() throws Exception {
    Map<String, Object> signed =
        Json.asMap(
            NOTARY.decodeFile(NotaryMetadataCompatibilityTest.resource("root.json")).get("signed"),
            "signed");
    for (Map.Entry<String, Object> e : Json.asMap(signed.get("keys"), "keys").entrySet()) {
      assertEquals(e.getKey(), NOTARY.keyId(Json.asMap(e.getValue(), "key")));
    }
  }

  @Test
  void methods_areNotarys_andEd25519IsEddsa() throws Exception {
    assertEquals("ecdsa", NOTARY.schemeName(SignatureAlgorithm.ECDSA_P256_SHA256));
    assertEquals("rsapss", NOTARY.schemeName(SignatureAlgorithm.RSA_PSS_SHA256));
    assertEquals("eddsa", NOTARY.schemeName(SignatureAlgorithm.ED25519));
    for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
      assertEquals(a, NOTARY.signatureAlgorithm(Map.of(), Map.of("method", NOTARY.schemeName(a))));
    }
    assertEquals(
        SignatureAlgorithm.ED25519,
        NOTARY.signatureAlgorithm(Map.of(), Map.of("method", "ed25519")));
    MetadataFormatException e =
        assertThrows(
            MetadataFormatException.class,
            () -> NOTARY.signatureAlgorithm(Map.of(), Map.of("method", "rsapkcs1v15")));
    assertTrue(e.getMessage().contains("'rsapkcs1v15'"), e.getMessage());
  }

  @Test
  void ecdsaSignatures_areBase64OfTheBackEndsRawForm() throws Exception {
    KeyPair kp = keyPairs().get(0);
    byte[] message = "signed".getBytes(StandardCharsets.UTF_8);
    Signature s = SignatureAlgorithm.ECDSA_P256_SHA256.newSignature(null);
    s.initSign(kp.getPrivate());
    s.update(message);
    SignatureValue v = new SignatureValue(SignatureAlgorithm.ECDSA_P256_SHA256, s.sign());
    String text = NOTARY.encodeSignature(v);
    assertEquals(64, java.util.Base64.getDecoder().decode(text).length);
    SignatureValue back = NOTARY.decodeSignature(SignatureAlgorithm.ECDSA_P256_SHA256, text);
    assertEquals(v, back);
    assertTrue(back.verify(kp.getPublic(), message));
  }

  @Test
  void typeNames_areCapitalized() {
    assertEquals("Root", NOTARY.typeName("root"));
    assertEquals("Timestamp", NOTARY.typeName("timestamp"));
  }
}
