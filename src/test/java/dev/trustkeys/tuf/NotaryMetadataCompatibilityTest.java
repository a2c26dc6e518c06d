package dev.trustkeys.tuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads, verifies and re-encodes metadata written by Notary 0.7 itself (see
 * notary-generated/README.md).
 */
class NotaryMetadataCompatibilityTest {
  static byte[] resource(String name) throws IOException {
    try (InputStream in =
        NotaryMetadataCompatibilityTest.class.getResourceAsStream("/notary-generated/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void notaryFiles_areCanonicalJson_andReEncodeByteForByte() throws Exception {
    for (String f : List.of("root.json", "targets.json", "snapshot.json", "timestamp.json")) {
      byte[] original = resource(f);
      assertArrayEquals(original, Signed.parse(original).toBytes(), f);
      assertArrayEquals(
          Json.canonical(Json.parseObject(original).get("signed")),
          Signed.parse(original).canonicalSigned(),
          f);
    }
    Signed root = Signed.parse(resource("root.json"));
    assertArrayEquals(
        root.canonicalSigned(), Json.canonical(Root.fromJson(root.signed()).toJson()));
    Signed snap = Signed.parse(resource("snapshot.json"));
    assertArrayEquals(
        snap.canonicalSigned(), Json.canonical(Snapshot.fromJson(snap.signed()).toJson()));
    Signed targets = Signed.parse(resource("targets.json"));
    assertArrayEquals(
        targets.canonicalSigned(), Json.canonical(Targets.fromJson(targets.signed()).toJson()));
  }

  @Test
  void rootKey_hasX509IdInMetadata_andCanonicalIdOfTheKeyFile() throws Exception {
    Root root = Root.fromJson(Signed.parse(resource("root.json")).signed());
    String rootId = root.role("root").keyIds().get(0);
    TufKey key = root.keys().get(rootId);
    assertEquals("ecdsa-x509", key.keyType());
    assertEquals(
        "bdf8c4d4d4b83edd063c786687c8841e8467624279e9d808021adef8eca57482", key.id().hex());
    // notary wrote the private key as private/7baa56ac....key
    assertEquals(
        "7baa56ac52541ed105058b31c332e44f9eab20a8047fe9d26ed81606a4155deb",
        key.canonicalId().hex());
    assertEquals(
        "example.com/demo/app", RootCertificates.commonName(key.leafCertificate().orElseThrow()));
    assertEquals(
        List.of(),
        RootCertificates.problems(
            key.leafCertificate().orElseThrow(),
            "example.com/demo/app",
            Instant.parse("2027-01-01T00:00:00Z")));
    assertEquals("ed25519", root.keysOf("timestamp").values().iterator().next().keyType());
  }

  @Test
  void everyRole_verifiesWithItsKeys_includingEddsaTimestamp() throws Exception {
    Signed rootDoc = Signed.parse(resource("root.json"));
    Root root = Root.fromJson(rootDoc.signed());
    for (String role : List.of("root", "targets", "snapshot", "timestamp")) {
      Signed doc = Signed.parse(resource(role + ".json"));
      assertEquals(
          root.role(role).keyIds(),
          MetadataSigning.requireThreshold(role, doc, root.keys(), root.role(role)));
    }
    assertEquals("eddsa", Signed.parse(resource("timestamp.json")).signatures().get(0).method());
  }

  @Test
  void snapshotAndTimestamp_pinTheExactFileBytes() throws Exception {
    Snapshot snap = Snapshot.fromJson(Signed.parse(resource("snapshot.json")).signed());
    assertTrue(snap.meta().get("root").matches(resource("root.json")));
    assertTrue(snap.meta().get("targets").matches(resource("targets.json")));
    assertEquals(FileMeta.of(resource("root.json")), snap.meta().get("root"));
    assertFalse(snap.meta().get("root").matches(resource("targets.json")));
    Snapshot ts = Snapshot.fromJson(Signed.parse(resource("timestamp.json")).signed());
    assertTrue(ts.meta().get("snapshot").matches(resource("snapshot.json")));
  }

  @Test
  void rootChainOfOne_isValid_andExpiryIsChecked() throws Exception {
    RootChain early =
        new RootChain(Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC));
    RootChainReport ok = early.verify("example.com/demo/app", List.of(resource("root.json")));
    assertTrue(ok.ok(), ok.toText());
    RootChainReport wrongGun = early.verify("example.com/other", List.of(resource("root.json")));
    assertFalse(wrongGun.ok());
    assertTrue(
        wrongGun.steps().get(0).problems().get(0).contains("does not match GUN"),
        wrongGun.toText());
    RootChain late =
        new RootChain(Clock.fixed(Instant.parse("2037-01-01T00:00:00Z"), ZoneOffset.UTC));
    RootChainReport expired = late.verify("example.com/demo/app", List.of(resource("root.json")));
    assertFalse(expired.ok());
    assertTrue(expired.toText().contains("expired"), expired.toText());
  }
}
