package dev.trustkeys.tuf1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.json.JsonReader;
import dev.trustkeys.metadata.MetadataFormatException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Tuf1DialectTest {
  private final Tuf1Dialect dialect = Tuf1Dialect.INSTANCE;

  @Test
  void canonicalJson_sortsByCodePoint_escapesOnlyBackslashAndQuote_andWritesNewlinesAsThemselves()
      throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", "line1\nline2\t\"q\" \\ é");
    m.put("a", List.of(1L, true, false));
    m.put(
        "\uD83D\uDE00",
        null); // above U+FFFF: sorts after U+FFFD by code point, before it by UTF-16 unit
    m.put("\uFFFD", 0L);
    assertEquals(
        "{\"a\":[1,true,false],\"b\":\"line1\nline2\t\\\"q\\\" \\\\ é\",\"\uFFFD\":0,\"\uD83D\uDE00\":null}",
        new String(CanonicalJson.encode(m), StandardCharsets.UTF_8));
  }

  @Test
  void canonicalJson_refusesLoneSurrogates_andFractions() throws Exception {
    Object lone = JsonReader.parse("{\"k\":\"\\ud800x\"}");
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> CanonicalJson.encode(lone));
    assertTrue(e.getMessage().contains("'k' holds a lone UTF-16 surrogate"), e.getMessage());
    MetadataFormatException f =
        assertThrows(
            MetadataFormatException.class,
            () -> CanonicalJson.encode(Map.of("n", new BigDecimal("1.5"))));
    assertTrue(f.getMessage().contains("'n' is 1.5"), f.getMessage());
    assertThrows(MetadataFormatException.class, () -> JsonStyle.PYTHON_TUF.write(lone));
  }

  @Test
  void ecdsaSignatures_areWrittenAsDer_andReadBackToTheBackEndsRawForm() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp = g.generateKeyPair();
    byte[] message = "signed".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
    s.initSign(kp.getPrivate());
    s.update(message);
    SignatureValue raw = new SignatureValue(SignatureAlgorithm.ECDSA_P256_SHA256, s.sign());
    String hex = dialect.encodeSignature(raw);
    assertTrue(hex.startsWith("30"), hex);
    Signature der = Signature.getInstance("SHA256withECDSA");
    der.initVerify(kp.getPublic());
    der.update(message);
    assertTrue(der.verify(Tuf1Dialect.hex(hex, "sig")));
    assertEquals(raw, dialect.decodeSignature(SignatureAlgorithm.ECDSA_P256_SHA256, hex));
    assertThrows(
        MetadataFormatException.class,
        () -> dialect.decodeSignature(SignatureAlgorithm.ECDSA_P256_SHA256, hex + "00"));
  }

  @Test
  void newKeys_areWrittenAsSecuresystemslibWritesThem_andTheirIdFollowsEveryField()
      throws Exception {
    Metadata md =
        Metadata.parse(Files.readAllBytes(Tuf1Fixtures.TUF_ON_CI.resolve("metadata/1.root.json")));
    Tuf1Key listed =
        Root.of(md).keys().get("aa61e09f6af7662ac686cf0c6364079f63d3e7a86836684eeced93eace3acd81");
    Tuf1Key rewritten = Tuf1Key.of(listed.publicKey(), Map.of("x-tuf-on-ci-keyowner", "@jku"));
    assertEquals(listed.json(), rewritten.json());
    assertEquals(listed.id(), rewritten.id());
    Tuf1Key renamed = listed.withField("x-tuf-on-ci-keyowner", "@someone");
    assertNotEquals(listed.id(), renamed.id());
    assertTrue(renamed.idCompliant());
    assertEquals(listed.id(), renamed.withField("x-tuf-on-ci-keyowner", "@jku").id());
    assertArrayEquals(listed.publicKey().getEncoded(), renamed.publicKey().getEncoded());
  }

  @Test
  void ed25519AndRsaKeys_roundTripThroughTheirTufForm() throws Exception {
    for (String alg : List.of("Ed25519", "RSA")) {
      KeyPair kp = KeyPairGenerator.getInstance(alg).generateKeyPair();
      Tuf1Key k = Tuf1Key.of(kp.getPublic(), Map.of());
      assertEquals(alg.equals("RSA") ? "rsassa-pss-sha256" : "ed25519", k.scheme());
      assertArrayEquals(kp.getPublic().getEncoded(), k.publicKey().getEncoded());
      if (alg.equals("Ed25519")) {
        assertEquals(64, ((String) ((Map<?, ?>) k.json().get("keyval")).get("public")).length());
      }
    }
  }

  @Test
  void notarySpelling_ofType_isRefused() {
    MetadataFormatException e =
        assertThrows(
            MetadataFormatException.class,
            () ->
                Metadata.parse(
                    "{\"signatures\":[],\"signed\":{\"_type\":\"Root\",\"version\":1}}"
                        .getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("Notary's spelling"), e.getMessage());
    assertFalse(SpecVersion.supported("2.0.0"));
    assertTrue(SpecVersion.supported("1.0"));
  }
}
