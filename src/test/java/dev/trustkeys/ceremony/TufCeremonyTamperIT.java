package dev.trustkeys.ceremony;

import static dev.trustkeys.ceremony.CeremonyTamperIT.list;
import static dev.trustkeys.ceremony.CeremonyTamperIT.object;
import static dev.trustkeys.ceremony.CeremonyTamperIT.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.json.JsonReader;
import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.TestAttestations;
import dev.trustkeys.tuf1.JsonStyle;
import dev.trustkeys.tuf1.Metadata;
import dev.trustkeys.tuf1.PublicKeyFiles;
import dev.trustkeys.tuf1.Tuf1Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CeremonyTamperIT}'s attacker against a TUF 1.0 repository's root ceremony: someone who
 * gets the signing request in transit and edits it, recomputing every hash the documented format
 * carries (the OLPC canonical bytes, the anchor, the transcript), with no root key. Every guarantee
 * of the Notary ceremony holds, through the same mechanism: what a holder approves is computed from
 * the bytes being signed, the plan is signed by the coordinator's root key, holders compare the
 * base root with their copy of the repository, and nothing the attacker changed reaches {@code
 * metadata/2.root.json} unseen.
 */
class TufCeremonyTamperIT {
  static final Map<String, String> ENV =
      Map.of(
          "NOTARY_ROOT_PASSPHRASE",
          "root-pass-1",
          "NOTARY_TARGETS_PASSPHRASE",
          "targets-pass-1",
          "NOTARY_SNAPSHOT_PASSPHRASE",
          "snapshot-pass-1",
          "NOTARY_TIMESTAMP_PASSPHRASE",
          "timestamp-pass-1");
  @TempDir Path tmp;

  @BeforeAll
  static void fastKdf() {
    System.setProperty("keys.kdf.iterations", "10000");
  }

  @AfterAll
  static void defaultKdf() {
    System.clearProperty("keys.kdf.iterations");
  }

  KeysCli holder(String person) {
    return new KeysCli(tmp.resolve(person), ENV);
  }

  static KeysCli.Result ok(KeysCli.Result r) {
    assertEquals(0, r.exit(), r.toString());
    return r;
  }

  static KeysCli.Result fails(int exit, KeysCli.Result r) {
    assertEquals(exit, r.exit(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    return r;
  }

  Path repo() {
    return tmp.resolve("repo");
  }

  /** A new root key of {@code person}, exported as a PEM public key for the coordinator. */
  Path newRootKey(String person) {
    KeysCli.Result g = ok(holder(person).run("generate", "--role", "root"));
    Matcher m = Pattern.compile("keyID: ([0-9a-f]{64})").matcher(g.out());
    assertTrue(m.find(), g.out());
    Path pub = tmp.resolve(person + "-" + m.group(1).substring(0, 7) + ".pub");
    ok(holder(person).run("export", "--public", m.group(1), "-o", pub.toString()));
    return pub;
  }

  /** Alice's repository and her plan: add Bob and Carol, threshold 2. */
  Path plan() {
    ok(holder("alice").run("tuf", "init", repo().toString(), "--no-yubikey"));
    Path req = tmp.resolve("request.json");
    ok(
        holder("alice")
            .run(
                "ceremony",
                "plan",
                "--tuf",
                repo().toString(),
                "--add-key",
                newRootKey("bob").toString(),
                "--add-key",
                newRootKey("carol").toString(),
                "--threshold",
                "2",
                "-o",
                req.toString(),
                "--operator",
                "alice"));
    return req;
  }

  Path planSignedByAliceAndBob() {
    Path req = plan();
    ok(holder("alice").run("ceremony", "sign", req.toString(), "--operator", "alice"));
    ok(
        holder("bob")
            .run(
                "ceremony",
                "sign",
                req.toString(),
                "--operator",
                "bob",
                "--tuf",
                repo().toString()));
    return req;
  }

  List<String> rootFiles() throws Exception {
    try (Stream<Path> s = Files.list(repo().resolve("metadata"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".root.json"))
          .sorted()
          .toList();
    }
  }

  // ---- the attacker: no secret, only the file and the documented format ----

  static Map<String, Object> read(Path request) throws Exception {
    return object(JsonReader.parse(Files.readString(request)));
  }

  /**
   * Edits the proposed root of a request and recomputes {@code signed_bytes}, {@code
   * signed_sha256}, the anchor and every transcript hash; with {@code stripEntrySignatures}, the
   * signatures over entries (which cannot be recomputed) are removed.
   */
  static void tamper(Path request, Consumer<Map<String, Object>> edit, boolean stripEntrySignatures)
      throws Exception {
    Map<String, Object> doc = read(request);
    Map<String, Object> signed = object(doc.get("signed"));
    edit.accept(signed);
    byte[] bytes = Tuf1Dialect.INSTANCE.canonicalBytes(signed);
    doc.put("signed_bytes", Base64.getEncoder().encodeToString(bytes));
    doc.put("signed_sha256", sha256(bytes));
    CeremonyTamperIT.rechain(doc, stripEntrySignatures);
    Files.write(request, JsonStyle.PYTHON_TUF.write(doc));
  }

  /**
   * {@code keyObject} joins the proposed root's root role, whose threshold becomes {@code
   * threshold}.
   */
  static Consumer<Map<String, Object>> joinRoot(Map<String, Object> keyObject, long threshold) {
    return signed -> {
      try {
        String id = Tuf1Dialect.INSTANCE.keyId(keyObject);
        object(signed.get("keys")).put(id, keyObject);
        Map<String, Object> root = object(object(signed.get("roles")).get("root"));
        list(root.get("keyids")).add(id);
        root.put("threshold", threshold);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  Map<String, Object> mallory() throws Exception {
    return Tuf1Dialect.INSTANCE.encodePublicKey(
        PublicKeyFiles.read(newRootKey("mallory")), Map.of());
  }

  // ---- the tests ----

  @Test
  void editedBeforeTheFirstSignature_theCoordinatorsPlanSignatureBreaks_nobodySignsOrPublishes()
      throws Exception {
    Path req = plan();
    tamper(req, joinRoot(mallory(), 1), false);

    KeysCli alice = holder("alice");
    KeysCli.Result verify = fails(7, alice.run("ceremony", "verify", req.toString()));
    assertTrue(
        verify.err().contains("plan") && verify.err().contains("not signed by"), verify.err());
    KeysCli.Result status = alice.run("ceremony", "status", req.toString());
    assertEquals(7, status.exit(), status.toString());
    assertTrue(
        status.out().contains("Not ready") && status.out().contains("transcript"), status.out());
    fails(7, holder("bob").run("ceremony", "sign", req.toString(), "--operator", "bob"));
    fails(7, alice.run("ceremony", "sign", req.toString(), "--operator", "alice"));
    fails(7, alice.run("ceremony", "publish", req.toString(), "--tuf", repo().toString()));
    assertEquals(List.of("1.root.json"), rootFiles());
  }

  @Test
  void editedWithThePlanSignatureStripped_holdersSeeTheRealChange_andTheAnnouncedHashRefusesIt()
      throws Exception {
    Path req = plan();
    String announced = (String) read(req).get("signed_sha256");
    Map<String, Object> mallory = mallory();
    String malloryHandle =
        dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE
            .idOf(Tuf1Dialect.INSTANCE.decodePublicKey(mallory))
            .hex();
    tamper(req, joinRoot(mallory, 1), true);
    String actual = (String) read(req).get("signed_sha256");

    KeysCli alice = holder("alice");
    KeysCli.Result status = alice.run("ceremony", "status", req.toString());
    assertEquals(7, status.exit(), status.toString());
    assertTrue(
        status.out().contains("add root key " + malloryHandle),
        "computed from the bytes: " + status.out());
    assertTrue(
        status.out().contains("root threshold 1 -> 1")
            || status.out().contains("root threshold stays 1"),
        status.out());
    assertTrue(status.out().contains("plan is not signed"), status.out());

    KeysCli bob = holder("bob");
    KeysCli.Result declined = bob.runAnswering(List.of("no"), "ceremony", "sign", req.toString());
    assertEquals(1, declined.exit(), declined.toString());
    assertTrue(
        declined.out().contains("add root key " + malloryHandle) && declined.out().contains(actual),
        declined.toString());
    assertTrue(CeremonyRequest.read(req).signatures().isEmpty(), "declined: nothing signed");
    KeysCli.Result refused =
        fails(7, bob.run("ceremony", "sign", req.toString(), "--sha256", announced));
    assertTrue(
        refused.err().contains(announced.substring(0, 16))
            && refused.err().contains(actual.substring(0, 16)),
        refused.err());
    assertTrue(CeremonyRequest.read(req).signatures().isEmpty());
  }

  @Test
  void baseRootReplaced_aHolderWithACopyOfTheRepositoryRefusesToSign() throws Exception {
    Path req = plan();
    // the attacker's own "version 1": Mallory's key alone, validly self-signed, planned on as if it
    // were in force
    Path forged = tmp.resolve("forged");
    ok(holder("mallory").run("tuf", "init", forged.toString(), "--no-yubikey"));
    Map<String, Object> doc = read(req);
    doc.put(
        "base_root",
        Base64.getEncoder()
            .encodeToString(Files.readAllBytes(forged.resolve("metadata/1.root.json"))));
    CeremonyTamperIT.rechain(doc, true);
    Files.write(req, JsonStyle.PYTHON_TUF.write(doc));

    KeysCli.Result bob =
        fails(7, holder("bob").run("ceremony", "sign", req.toString(), "--tuf", repo().toString()));
    assertTrue(
        bob.err().contains("base root (version 1")
            && bob.err().contains("is not the root version 1"),
        bob.err());
    assertTrue(CeremonyRequest.read(req).signatures().isEmpty());
    // without a copy, the holder is told nothing was compared
    KeysCli.Result blind =
        holder("carol").runAnswering(List.of("no"), "ceremony", "sign", req.toString());
    assertTrue(
        blind.out().contains("Not compared with a copy of the current root: give --tuf REPO"),
        blind.out());
  }

  @Test
  void fakePublishEntryAppended_doesNotVerify_andTheRepositoryHasNoSuchRoot() throws Exception {
    Path req = planSignedByAliceAndBob();
    ok(holder("alice").run("ceremony", "verify", req.toString()));
    Map<String, Object> doc = read(req);
    List<Object> transcript = list(doc.get("transcript"));
    Map<String, Object> last = object(transcript.get(transcript.size() - 1));
    Map<String, Object> fake = new LinkedHashMap<>();
    fake.put("action", "publish");
    fake.put("time", last.get("time"));
    fake.put("operator", "alice");
    fake.put("repository", repo().toString());
    fake.put("version_before", 1L);
    fake.put("version_after", 2L);
    transcript.add(fake);
    CeremonyTamperIT.rechain(doc, false);
    Files.write(req, JsonStyle.PYTHON_TUF.write(doc));

    KeysCli.Result verify = fails(7, holder("carol").run("ceremony", "verify", req.toString()));
    assertTrue(
        verify.err().contains("publish") && verify.err().contains("--tuf REPO"), verify.err());
    KeysCli.Result there =
        fails(
            7,
            holder("carol").run("ceremony", "verify", req.toString(), "--tuf", repo().toString()));
    assertTrue(there.err().contains("has no root version 2"), there.err());
    assertEquals(List.of("1.root.json"), rootFiles());
  }

  @Test
  void transcriptBrokenAfterEnoughSignatures_statusIsNotReady_publishWritesNothing()
      throws Exception {
    Path req = planSignedByAliceAndBob();
    ok(holder("alice").run("ceremony", "status", req.toString()));
    Files.writeString(
        req, Files.readString(req).replace("\"operator\": \"bob\"", "\"operator\": \"eve\""));

    KeysCli.Result status = holder("alice").run("ceremony", "status", req.toString(), "--json");
    assertEquals(7, status.exit(), status.toString());
    Map<String, Object> st = object(JsonReader.parse(status.out()));
    assertEquals(false, st.get("complete"));
    assertEquals("repo", st.get("repository"));
    assertTrue(((String) st.get("transcript_problem")).contains("entry 2"), st.toString());
    fails(
        7, holder("alice").run("ceremony", "publish", req.toString(), "--tuf", repo().toString()));
    assertEquals(List.of("1.root.json"), rootFiles());
  }

  @Test
  void aForgedYubiKeyAttestation_isNamed_andNobodySignsIt() throws Exception {
    Path req = plan();
    // Mallory claims her key lives on a YubiKey, with an attestation from a CA of her own
    Path malloryPub = newRootKey("mallory");
    PublicKey pk = PublicKeyFiles.read(malloryPub);
    TestAttestations fake = TestAttestations.create("Mallory");
    Map<String, Object> claimed =
        Tuf1Dialect.INSTANCE.encodePublicKey(
            pk, Map.of(RootKey.ATTESTATION_FIELD, fake.attest(pk, 5, 7, 1, 12345678)));
    tamper(req, joinRoot(claimed, 2), true);

    KeysCli.Result status = holder("alice").run("ceremony", "status", req.toString());
    assertEquals(7, status.exit(), status.toString());
    assertTrue(
        status.out().contains("Refused: the YubiKey attestation recorded with key"), status.out());
    KeysCli.Result sign = fails(7, holder("bob").run("ceremony", "sign", req.toString()));
    assertTrue(
        sign.err().contains("attestation") && sign.err().contains("do not sign"), sign.err());
    assertTrue(CeremonyRequest.read(req).signatures().isEmpty());
    KeysCli.Result verify = fails(7, holder("alice").run("ceremony", "verify", req.toString()));
    assertTrue(verify.err().contains("attestation"), verify.err());
    // trusting Mallory's CA (the only way her claim verifies) is a decision each holder makes, in
    // the open
    Path ca = Files.writeString(tmp.resolve("mallory-ca.pem"), fake.rootPem());
    KeysCli.Result trusting =
        holder("alice")
            .run("ceremony", "status", req.toString(), "--attestation-root", ca.toString());
    assertTrue(
        trusting.out().contains("Attested: key ") && trusting.out().contains("YubiKey 12345678"),
        trusting.out());
  }

  @Test
  void theOtherDialectsOptions_areRefused() {
    Path req = plan();
    KeysCli.Result server =
        fails(
            2,
            holder("alice")
                .run("ceremony", "sign", req.toString(), "--server", "https://127.0.0.1:1"));
    assertTrue(server.err().contains("give --tuf REPO"), server.err());
    fails(2, holder("alice").run("ceremony", "publish", req.toString()));
    fails(
        2,
        holder("alice")
            .run(
                "ceremony",
                "plan",
                "example.com/app",
                "--tuf",
                repo().toString(),
                "-o",
                tmp.resolve("x.json").toString()));
    assertFalse(Files.exists(tmp.resolve("x.json")));
  }

  @Test
  void theWholeCeremony_publishesVersion2_thatVerifies() throws Exception {
    Path req = planSignedByAliceAndBob();
    KeysCli.Result published =
        ok(holder("carol").run("ceremony", "publish", req.toString(), "--tuf", repo().toString()));
    assertTrue(
        published.out().contains("Published root version 2 of TUF repository 'repo'")
            && published.out().contains("Wrote metadata/2.root.json"),
        published.out());
    assertEquals(List.of("1.root.json", "2.root.json"), rootFiles());
    ok(holder("carol").run("tuf", "verify", repo().toString()));
    KeysCli.Result verify =
        ok(holder("carol").run("ceremony", "verify", req.toString(), "--tuf", repo().toString()));
    assertTrue(verify.out().contains("The publication is confirmed"), verify.out());
    Metadata v2 = Metadata.parse(Files.readAllBytes(repo().resolve("metadata/2.root.json")));
    assertTrue(v2.reproducesOriginal());
    assertEquals(
        2,
        v2.signatures().size(),
        "alice's key is in both roots under one ID: one signature counts for both");
    assertTrue(
        new String(Files.readAllBytes(req), StandardCharsets.UTF_8).startsWith("{\n \"base_root\""),
        "the request is a readable JSON file");
  }
}
