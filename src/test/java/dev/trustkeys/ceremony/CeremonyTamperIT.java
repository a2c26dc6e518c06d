package dev.trustkeys.ceremony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.notary.NotaryServer;
import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.MemoryBackend;
import dev.trustkeys.testing.WithNotaryServer;
import dev.trustkeys.tuf.Json;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The attacker of a root ceremony who has no secret: someone who gets the signing request file in
 * transit (a USB stick, an e-mail) and edits it before the holders sign, recomputing every hash the
 * file carries, exactly as the documented format lets anyone do. What each holder approves is
 * computed from the bytes being signed, the plan is signed by the coordinator's root key, and
 * holders compare the base root with their own copy; whatever the attacker writes, nothing they
 * changed is published unseen.
 */
class CeremonyTamperIT extends WithNotaryServer {
  static KeysCli.Result fails(int exit, KeysCli.Result r) {
    assertEquals(exit, r.exit(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    return r;
  }

  /** The holder's root key, as {@code keys list} shows it. */
  String newRootKey(String name) throws Exception {
    ok(holder(name).run("generate", "--role", "root"));
    try (Stream<Path> s = Files.list(tmp.resolve(name + "/private"))) {
      return s.map(p -> p.getFileName().toString().replace(".key", "")).findFirst().orElseThrow();
    }
  }

  Path certificate(String name, String gun, String keyId) {
    Path cert = tmp.resolve(name + "-" + keyId.substring(0, 7) + ".crt");
    ok(holder(name).run("ceremony", "certificate", gun, "--key", keyId, "-o", cert.toString()));
    return cert;
  }

  Root serverRoot(String gun) throws Exception {
    return Root.fromJson(
        Signed.parse(NotaryServer.connect(server.url()).fetch(gun, "root.json").orElseThrow())
            .signed());
  }

  /** Alice's repository and her plan: add Bob and Carol, threshold 2. Returns the request file. */
  Path plan(String gun) throws Exception {
    KeysCli alice = holder("alice");
    ok(alice.run("init", gun, "--server", server.url()));
    Path bob = certificate("bob", gun, newRootKey("bob"));
    Path carol = certificate("carol", gun, newRootKey("carol"));
    Path req = tmp.resolve("request.json");
    ok(
        alice.run(
            "ceremony",
            "plan",
            gun,
            "--server",
            server.url(),
            "--add-cert",
            bob.toString(),
            "--add-cert",
            carol.toString(),
            "--threshold",
            "2",
            "-o",
            req.toString(),
            "--operator",
            "alice"));
    return req;
  }

  /**
   * {@link #plan}, signed by Alice (the old root's threshold) and Bob (with Alice, the new root's).
   */
  Path planSignedByAliceAndBob(String gun) throws Exception {
    Path req = plan(gun);
    ok(holder("alice").run("ceremony", "sign", req.toString(), "--operator", "alice"));
    ok(holder("bob").run("ceremony", "sign", req.toString(), "--operator", "bob"));
    return req;
  }

  // ---- the attacker: no secret, only the file and the documented format ----

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  /** A key entry of root.json for a certificate, and its metadata ID. */
  static String addCertificateKey(Map<String, Object> signed, Path certPem) throws Exception {
    Map<String, Object> keyval = new LinkedHashMap<>();
    keyval.put("private", null);
    keyval.put("public", Base64.getEncoder().encodeToString(Files.readAllBytes(certPem)));
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("keytype", "ecdsa-x509");
    key.put("keyval", keyval);
    String id = sha256(Json.canonical(key));
    object(signed.get("keys")).put(id, key);
    return id;
  }

  static Map<String, Object> rootRole(Map<String, Object> signed) {
    return object(object(signed.get("roles")).get("root"));
  }

  /**
   * Edits the request as someone with the file but no key would: changes the proposed root, then
   * recomputes {@code signed_bytes}, {@code signed_sha256}, the anchor and every transcript hash.
   * With {@code stripEntrySignatures} the signatures over transcript entries (which cannot be
   * recomputed) are removed.
   */
  static void tamper(Path request, Consumer<Map<String, Object>> edit, boolean stripEntrySignatures)
      throws Exception {
    Map<String, Object> doc = Json.parseObject(Files.readAllBytes(request));
    Map<String, Object> signed = object(doc.get("signed"));
    edit.accept(signed);
    byte[] bytes = Json.canonical(signed);
    doc.put("signed_bytes", Base64.getEncoder().encodeToString(bytes));
    doc.put("signed_sha256", sha256(bytes));
    rechain(doc, stripEntrySignatures);
    Files.write(request, Json.canonical(doc));
  }

  /**
   * Recomputes the anchor and every transcript hash of a request of either dialect (its subject
   * field is kept).
   */
  static void rechain(Map<String, Object> doc, boolean stripEntrySignatures) throws Exception {
    Map<String, Object> anchor = new LinkedHashMap<>();
    anchor.put("format", doc.get("format"));
    String subject = doc.containsKey("gun") ? "gun" : "repository";
    anchor.put(subject, doc.get(subject));
    anchor.put(
        "base_root_sha256", sha256(Base64.getDecoder().decode((String) doc.get("base_root"))));
    anchor.put("signed_sha256", doc.get("signed_sha256"));
    String prev = sha256(Json.canonical(anchor));
    long seq = 0;
    for (Object o : list(doc.get("transcript"))) {
      Map<String, Object> e = object(o);
      if (stripEntrySignatures) {
        e.remove("entry_sig");
        e.remove("key_id");
        e.remove("canonical_key_id");
      }
      e.put("seq", seq++);
      e.put("prev", prev);
      e.put("signed_sha256", doc.get("signed_sha256"));
      Map<String, Object> unhashed = new LinkedHashMap<>(e);
      unhashed.remove("hash");
      unhashed.remove("entry_sig");
      e.put("hash", sha256(Json.canonical(unhashed)));
      prev = (String) e.get("hash");
    }
  }

  /**
   * The key of {@code cert} joins the proposed root's root role, whose threshold becomes {@code
   * threshold}.
   */
  static Consumer<Map<String, Object>> joinRoot(Path cert, long threshold) {
    return signed -> {
      try {
        String id = addCertificateKey(signed, cert);
        list(rootRole(signed).get("keyids")).add(id);
        rootRole(signed).put("threshold", threshold);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /**
   * Mallory's key joins the proposed root and the threshold drops back to 1: Mallory alone can sign
   * roots.
   */
  Consumer<Map<String, Object>> addMallory(String gun, String[] malloryKeyId) throws Exception {
    malloryKeyId[0] = newRootKey("mallory");
    return joinRoot(certificate("mallory", gun, malloryKeyId[0]), 1);
  }

  // ---- the tests ----

  @Test
  void editedBeforeTheFirstSignature_theCoordinatorsPlanSignatureBreaks_nobodySignsOrPublishes()
      throws Exception {
    String gun = "example.com/tamper/signedplan";
    Path req = plan(gun);
    String[] mallory = new String[1];
    tamper(req, addMallory(gun, mallory), false);

    KeysCli alice = holder("alice");
    KeysCli.Result verify = fails(7, alice.run("ceremony", "verify", req.toString()));
    assertTrue(
        verify.err().contains("plan") && verify.err().contains("not signed by"), verify.err());
    KeysCli.Result status = alice.run("ceremony", "status", req.toString());
    assertEquals(7, status.exit(), status.toString());
    assertFalse(
        status.out().contains("ready to publish") && !status.out().contains("Not ready"),
        status.out());
    assertTrue(
        status.out().contains("Not ready") && status.out().contains("transcript"), status.out());
    fails(7, holder("bob").run("ceremony", "sign", req.toString(), "--operator", "bob"));
    fails(7, alice.run("ceremony", "sign", req.toString(), "--operator", "alice"));
    fails(7, alice.run("ceremony", "publish", req.toString(), "--server", server.url()));
    assertEquals(1, serverRoot(gun).version());
  }

  @Test
  void editedWithThePlanSignatureStripped_holdersSeeTheRealChange_andTheAnnouncedHashRefusesIt()
      throws Exception {
    String gun = "example.com/tamper/strippedplan";
    Path req = plan(gun);
    String announced = (String) Json.parseObject(Files.readAllBytes(req)).get("signed_sha256");
    String[] mallory = new String[1];
    tamper(req, addMallory(gun, mallory), true);
    String actual = (String) Json.parseObject(Files.readAllBytes(req)).get("signed_sha256");

    KeysCli alice = holder("alice");
    KeysCli.Result status = alice.run("ceremony", "status", req.toString());
    assertEquals(7, status.exit(), status.toString());
    assertTrue(
        status.out().contains("add root key " + mallory[0]),
        "computed from the bytes: " + status.out());
    assertFalse(
        status.out().contains("threshold 1 -> 2"),
        "never the summary written in the file: " + status.out());
    assertTrue(status.out().contains("plan is not signed"), status.out());
    KeysCli.Result verify = ok(alice.run("ceremony", "verify", req.toString()));
    assertTrue(verify.out().contains("plan is not signed"), verify.out());

    // a holder at a terminal sees the change and the exact hash before anything is signed, and can
    // decline
    KeysCli bob = holder("bob");
    KeysCli.Result declined = bob.runAnswering(List.of("no"), "ceremony", "sign", req.toString());
    assertEquals(1, declined.exit(), declined.toString());
    assertTrue(
        declined.out().contains("add root key " + mallory[0]) && declined.out().contains(actual),
        declined.toString());
    assertTrue(CeremonyRequest.read(req).signatures().isEmpty(), "declined: nothing signed");
    // the hash the coordinator announced over another channel refuses the edited request
    KeysCli.Result refused =
        fails(7, bob.run("ceremony", "sign", req.toString(), "--sha256", announced));
    assertTrue(
        refused.err().contains(announced.substring(0, 16))
            && refused.err().contains(actual.substring(0, 16)),
        refused.err());
    assertTrue(CeremonyRequest.read(req).signatures().isEmpty());
  }

  @Test
  void baseRootReplaced_aHolderWithACopyOfTheRootRefusesToSign() throws Exception {
    String gun = "example.com/tamper/base";
    Path req = plan(gun);
    // the attacker's own "current root" of the same version: Mallory's key alone, validly
    // self-signed
    Map<String, Object> doc = Json.parseObject(Files.readAllBytes(req));
    Root base =
        Root.fromJson(
            Signed.parse(Base64.getDecoder().decode((String) doc.get("base_root"))).signed());
    MemoryBackend mallory = new MemoryBackend("mallory");
    Signer m =
        mallory.signer(mallory.generate(new KeySpec(Role.ROOT, "", Algorithm.ECDSA_P256)).id());
    TufKey cert = TufKey.forCertificate(RootCertificates.create(m, gun, Instant.now()));
    byte[] forgedFile =
        MetadataSigning.sign(
                base.withRole("root", List.of(cert), 1).toJson(),
                List.of(new KeyedSigner(cert.id().hex(), m)))
            .toBytes();
    doc.put("base_root", Base64.getEncoder().encodeToString(forgedFile));
    rechain(doc, true);
    Files.write(req, Json.canonical(doc));

    KeysCli.Result alice = fails(7, holder("alice").run("ceremony", "sign", req.toString()));
    assertTrue(alice.err().contains("version 1"), alice.err());
    KeysCli.Result bob =
        fails(7, holder("bob").run("ceremony", "sign", req.toString(), "--server", server.url()));
    assertTrue(bob.err().contains("version 1"), bob.err());
    assertTrue(CeremonyRequest.read(req).signatures().isEmpty());
  }

  @Test
  void fakePublishEntryAppended_doesNotVerify() throws Exception {
    String gun = "example.com/tamper/publish";
    Path req = planSignedByAliceAndBob(gun);
    ok(holder("alice").run("ceremony", "verify", req.toString()));

    Map<String, Object> doc = Json.parseObject(Files.readAllBytes(req));
    List<Object> transcript = list(doc.get("transcript"));
    Map<String, Object> last = object(transcript.get(transcript.size() - 1));
    Map<String, Object> fake = new LinkedHashMap<>();
    fake.put("action", "publish");
    fake.put("time", last.get("time"));
    fake.put("operator", "alice");
    fake.put("server", server.url());
    fake.put("version_before", 1L);
    fake.put("version_after", 2L);
    transcript.add(fake);
    rechain(doc, false);
    Files.write(req, Json.canonical(doc));

    KeysCli.Result verify = fails(7, holder("carol").run("ceremony", "verify", req.toString()));
    assertTrue(verify.err().contains("publish"), verify.err());
    KeysCli.Result onServer =
        fails(
            7, holder("carol").run("ceremony", "verify", req.toString(), "--server", server.url()));
    assertTrue(
        onServer.err().contains("publish") && onServer.err().contains("server"), onServer.err());
    assertEquals(1, serverRoot(gun).version());
  }

  @Test
  void transcriptBrokenAfterEnoughSignatures_statusIsNotReady() throws Exception {
    String gun = "example.com/tamper/status";
    Path req = planSignedByAliceAndBob(gun);
    ok(holder("alice").run("ceremony", "status", req.toString()));
    Files.writeString(
        req, Files.readString(req).replace("\"operator\":\"bob\"", "\"operator\":\"eve\""));

    KeysCli.Result status = holder("alice").run("ceremony", "status", req.toString());
    assertEquals(7, status.exit(), status.toString());
    assertTrue(
        status.out().contains("Not ready to publish") && status.out().contains("entry 2"),
        status.out());
    KeysCli.Result json = holder("alice").run("ceremony", "status", req.toString(), "--json");
    assertEquals(7, json.exit(), json.toString());
    Map<String, Object> st = Json.parseObject(json.out().getBytes(StandardCharsets.UTF_8));
    assertEquals(false, st.get("complete"));
    assertEquals(false, st.get("transcript_ok"));
    assertTrue(((String) st.get("transcript_problem")).contains("entry 2"), st.toString());
  }

  @Test
  void secondCertificateForARootKey_isRefusedByPlan_andNeverCountsTwice() throws Exception {
    String gun = "example.com/tamper/duplicate";
    KeysCli alice = holder("alice");
    ok(alice.run("init", gun, "--server", server.url()));
    String aliceKey;
    try (Stream<Path> s = Files.list(tmp.resolve("alice/private"))) {
      aliceKey =
          s.map(p -> p.getFileName().toString().replace(".key", ""))
              .filter(id -> serverRootHasKey(gun, id))
              .findFirst()
              .orElseThrow();
    }
    Path second = certificate("alice", gun, aliceKey);
    Path req = tmp.resolve("dup.json");
    KeysCli.Result plan =
        fails(
            2,
            alice.run(
                "ceremony",
                "plan",
                gun,
                "--server",
                server.url(),
                "--add-cert",
                second.toString(),
                "--threshold",
                "2",
                "-o",
                req.toString()));
    assertTrue(
        plan.err().contains(aliceKey.substring(0, 7)) && plan.err().contains("already"),
        plan.err());

    // the same root made by hand: one key under two certificates, threshold 2
    ok(alice.run("ceremony", "plan", gun, "--server", server.url(), "-o", req.toString()));
    tamper(req, joinRoot(second, 2), true);
    ok(alice.run("ceremony", "sign", req.toString()));
    KeysCli.Result status = alice.run("ceremony", "status", req.toString(), "--json");
    assertEquals(7, status.exit(), status.toString());
    Map<String, Object> st = Json.parseObject(status.out().getBytes(StandardCharsets.UTF_8));
    assertEquals(1, ((List<?>) object(st.get("new_root")).get("signed")).size(), st.toString());
    assertEquals(false, object(st.get("new_root")).get("met"));
    KeysCli.Result publish =
        fails(7, alice.run("ceremony", "publish", req.toString(), "--server", server.url()));
    assertTrue(publish.err().contains("needs 2"), publish.err());
    assertEquals(1, serverRoot(gun).version());
  }

  boolean serverRootHasKey(String gun, String canonicalId) {
    try {
      Root r = serverRoot(gun);
      for (var k : r.keysOf("root").values()) {
        if (k.canonicalId().hex().equals(canonicalId)) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
