package dev.trustkeys.ceremony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.backend.yubikey.YubiKeyAttestations;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.testing.MemoryBackend;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.Json;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.RoleKeys;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.TufKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planning, signing by separate holders, thresholds and the tamper-evident transcript, without a
 * server.
 */
class RootCeremonyTest {
  static final String GUN = "example.com/ceremony/unit";
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  final RootCeremony ceremony =
      new RootCeremony(Clock.fixed(NOW, ZoneOffset.UTC), YubiKeyAttestations.yubico());
  final MemoryBackend alice = new MemoryBackend("alice");
  final MemoryBackend bob = new MemoryBackend("bob");
  final MemoryBackend carol = new MemoryBackend("carol");
  @TempDir Path tmp;
  byte[] rootV1;
  X509Certificate bobCert;
  X509Certificate carolCert;

  Signer rootKey(MemoryBackend b) throws Exception {
    return b.signer(b.generate(new KeySpec(Role.ROOT, "", Algorithm.ECDSA_P256)).id());
  }

  @BeforeEach
  void rootSignedByAlice() throws Exception {
    Signer a = rootKey(alice);
    TufKey ca = TufKey.forCertificate(RootCertificates.create(a, GUN, NOW));
    Signer t = rootKey(alice);
    TufKey tk = TufKey.forPublicKey(t.publicKey());
    Root v1 =
        new Root(
            1,
            NOW.plus(Expiry.ROOT),
            false,
            Map.of(ca.id().hex(), ca, tk.id().hex(), tk),
            Map.of(
                "root",
                new RoleKeys(List.of(ca.id().hex()), 1),
                "targets",
                new RoleKeys(List.of(tk.id().hex()), 1),
                "snapshot",
                new RoleKeys(List.of(tk.id().hex()), 1),
                "timestamp",
                new RoleKeys(List.of(tk.id().hex()), 1)));
    rootV1 =
        MetadataSigning.sign(v1.toJson(), List.of(new KeyedSigner(ca.id().hex(), a))).toBytes();
    bobCert = RootCertificates.create(rootKey(bob), GUN, NOW);
    carolCert = RootCertificates.create(rootKey(carol), GUN, NOW);
  }

  CeremonyRequest plan() throws Exception {
    return ceremony.plan(
        GUN,
        rootV1,
        List.of(bobCert, carolCert),
        List.of(),
        2,
        null,
        "alice",
        Keyring.single(alice, NotaryKeyNaming.INSTANCE));
  }

  @Test
  void plan_summarisesTheChange_andNamesWhoMustSign() throws Exception {
    CeremonyRequest req = plan();
    assertEquals(2, req.proposed().version());
    assertEquals(3, req.proposed().role("root").keyIds().size());
    assertEquals(2, req.proposed().role("root").threshold());
    List<String> change = req.change().lines();
    assertTrue(change.stream().anyMatch(s -> s.equals("root threshold 1 -> 2")), change.toString());
    assertTrue(
        change.stream()
            .anyMatch(s -> s.contains("1 of the 1 current root key(s) and by 2 of the 3")));
    String bob =
        dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE.idOf(bobCert.getPublicKey()).hex();
    assertTrue(
        change.stream().anyMatch(s -> s.startsWith("add root key " + bob + " (certificate ")),
        change.toString());
    assertEquals(
        3,
        change.stream().filter(s -> s.startsWith("add ") || s.startsWith("remove ")).count() + 1,
        "bob and carol added, nothing removed: " + change);
    // the coordinator holds a root key of the current root: the plan is signed with it
    assertTrue(ceremony.verify(req).planSigner().isPresent());
    CeremonyStatus st = ceremony.status(req);
    assertFalse(st.complete());
    assertEquals(1, st.old().required());
    assertEquals(2, st.proposed().required());
  }

  @Test
  void holdersSignInTurn_throughTheFile_untilBothThresholdsAreMet() throws Exception {
    Path file = tmp.resolve("req.json");
    plan().write(file);
    CeremonyRequest r1 = CeremonyRequest.read(file);
    ceremony.sign(r1, Keyring.single(bob, NotaryKeyNaming.INSTANCE), Optional.empty(), "bob");
    r1.write(file);
    CeremonyStatus afterBob = ceremony.status(CeremonyRequest.read(file));
    assertFalse(afterBob.old().met(), "bob is not in the old root");
    assertFalse(afterBob.proposed().met());
    assertEquals(1, afterBob.proposed().validSigners().size());
    CeremonyRequest r2 = CeremonyRequest.read(file);
    ceremony.sign(r2, Keyring.single(alice, NotaryKeyNaming.INSTANCE), Optional.empty(), "alice");
    r2.write(file);
    CeremonyRequest done = CeremonyRequest.read(file);
    CeremonyStatus st = ceremony.status(done);
    assertTrue(st.old().met() && st.proposed().met(), st.toText());
    ceremony.verify(done);
    assertEquals(
        List.of("plan", "sign", "sign"),
        done.transcript().entries().stream().map(e -> e.get("action")).toList());
    assertEquals("bob", done.transcript().entries().get(1).get("operator"));
  }

  @Test
  void tamperingWithTheTranscriptOrRequest_isDetected() throws Exception {
    Path file = tmp.resolve("req.json");
    CeremonyRequest r = plan();
    ceremony.sign(r, Keyring.single(bob, NotaryKeyNaming.INSTANCE), Optional.empty(), "bob");
    ceremony.sign(r, Keyring.single(alice, NotaryKeyNaming.INSTANCE), Optional.empty(), "alice");
    r.write(file);
    String good = Files.readString(file);
    ceremony.verify(CeremonyRequest.read(file));

    Files.writeString(file, good.replace("\"operator\":\"bob\"", "\"operator\":\"mallory\""));
    Transcript.TranscriptTamperedException edited =
        assertThrows(
            Transcript.TranscriptTamperedException.class,
            () -> ceremony.verify(CeremonyRequest.read(file)));
    assertEquals(1, edited.entry());

    // an attacker who also recomputes the hash chain is caught by the entry signature
    Map<String, Object> doc = Json.parseObject(good.getBytes());
    List<Map<String, Object>> entries = entries(doc);
    entries.get(1).put("operator", "mallory");
    rechain(entries, CeremonyRequest.read(tmp.resolve("req.json")).anchor());
    Files.write(file, Json.canonical(doc));
    Transcript.TranscriptTamperedException resigned =
        assertThrows(
            Transcript.TranscriptTamperedException.class,
            () -> ceremony.verify(CeremonyRequest.read(file)));
    assertTrue(resigned.getMessage().contains("not signed by key"), resigned.getMessage());

    // removing an entry breaks the chain
    doc = Json.parseObject(good.getBytes());
    entries(doc).remove(1);
    Files.write(file, Json.canonical(doc));
    assertThrows(
        Transcript.TranscriptTamperedException.class,
        () -> ceremony.verify(CeremonyRequest.read(file)));

    // a signature smuggled in without its transcript entry (entry removed and chain recomputed)
    doc = Json.parseObject(good.getBytes());
    entries(doc).remove(2);
    rechain(entries(doc), CeremonyRequest.read(tmp.resolve("req.json")).anchor());
    Files.write(file, Json.canonical(doc));
    Transcript.TranscriptTamperedException missing =
        assertThrows(
            Transcript.TranscriptTamperedException.class,
            () -> ceremony.verify(CeremonyRequest.read(file)));
    assertTrue(missing.getMessage().contains("is not in the transcript"), missing.getMessage());

    // changing what is to be signed breaks the request itself, and then the anchor
    Files.writeString(file, good.replace("\"threshold\":2", "\"threshold\":1"));
    assertThrows(
        dev.trustkeys.metadata.MetadataFormatException.class, () -> CeremonyRequest.read(file));
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> entries(Map<String, Object> doc) {
    return (List<Map<String, Object>>) (List<?>) doc.get("transcript");
  }

  static void rechain(List<Map<String, Object>> entries, String anchor) {
    String prev = anchor;
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> e = entries.get(i);
      e.put("seq", (long) i);
      e.put("prev", prev);
      e.put("hash", Transcript.hashOf(e));
      prev = (String) e.get("hash");
    }
  }

  @Test
  void plan_withoutARootKeyHere_isUnsigned_andSaysSo() throws Exception {
    CeremonyRequest req =
        ceremony.plan(
            GUN,
            rootV1,
            List.of(bobCert),
            List.of(),
            null,
            null,
            "carol",
            Keyring.single(carol, NotaryKeyNaming.INSTANCE));
    TranscriptReport t = ceremony.verify(req);
    assertTrue(t.planSigner().isEmpty());
    assertTrue(t.planText().contains("not signed"), t.planText());
  }

  @Test
  void plan_signedOnlyByAKeyTheRequestAdds_provesNothingAboutWhoPlannedIt() throws Exception {
    // anyone can add their own key and sign the plan with it: only a key of the root in force says
    // who planned
    CeremonyRequest req =
        ceremony.plan(
            GUN,
            rootV1,
            List.of(bobCert),
            List.of(),
            null,
            null,
            "bob",
            Keyring.single(bob, NotaryKeyNaming.INSTANCE));
    TranscriptReport t = ceremony.verify(req);
    assertTrue(t.planSigner().isPresent());
    assertFalse(t.planByRootInForce());
    assertTrue(
        t.planText().contains("which this request adds")
            && t.planText().contains("does not show who"),
        t.planText());
    assertTrue(ceremony.verify(plan()).planByRootInForce());
    assertTrue(ceremony.verify(plan()).planText().contains("of the root in force"));
  }

  @Test
  void plan_refusesASecondCertificateForAKeyAlreadyInTheRoot() throws Exception {
    Signer a = alice.signer(alice.list().keys().get(0).id());
    X509Certificate again = RootCertificates.create(a, GUN, NOW.minusSeconds(5));
    dev.trustkeys.core.UsageException e =
        assertThrows(
            dev.trustkeys.core.UsageException.class,
            () ->
                ceremony.plan(
                    GUN,
                    rootV1,
                    List.of(again),
                    List.of(),
                    2,
                    null,
                    "alice",
                    Keyring.single(alice, NotaryKeyNaming.INSTANCE)));
    assertTrue(
        e.getMessage().contains(a.key().id().shortId())
            && e.getMessage().contains("already in the root"),
        e.getMessage());
    // and twice in one plan
    X509Certificate bobAgain =
        RootCertificates.create(
            bob.signer(bob.list().keys().get(0).id()), GUN, NOW.minusSeconds(5));
    assertThrows(
        dev.trustkeys.core.UsageException.class,
        () ->
            ceremony.plan(
                GUN,
                rootV1,
                List.of(bobCert, bobAgain),
                List.of(),
                2,
                null,
                "alice",
                Keyring.single(alice, NotaryKeyNaming.INSTANCE)));
  }

  @Test
  void sha256_fromTheCoordinator_mustMatch() throws Exception {
    CeremonyRequest req = plan();
    ceremony.requireSha256(req, req.sha256());
    ceremony.requireSha256(req, req.sha256().substring(0, 32).toUpperCase(java.util.Locale.ROOT));
    dev.trustkeys.core.KeysException other =
        assertThrows(
            dev.trustkeys.core.KeysException.class,
            () -> ceremony.requireSha256(req, "0".repeat(64)));
    assertEquals(dev.trustkeys.core.ExitCode.VERIFICATION_FAILED, other.exitCode());
    assertThrows(
        dev.trustkeys.core.UsageException.class,
        () -> ceremony.requireSha256(req, req.sha256().substring(0, 16)));
  }

  @Test
  void baseRoot_isComparedWithTheHoldersCopy() throws Exception {
    CeremonyRequest req = plan();
    java.util.TreeMap<Long, byte[]> known = new java.util.TreeMap<>();
    assertTrue(BaseRootCheck.compare(req, known, "here").startsWith("Not compared"));
    known.put(1L, rootV1);
    assertTrue(BaseRootCheck.compare(req, known, "here").contains("is the root version 1 of here"));
    known.put(2L, rootV1);
    dev.trustkeys.core.KeysException newer =
        assertThrows(
            dev.trustkeys.core.KeysException.class,
            () -> BaseRootCheck.compare(req, known, "here"));
    assertEquals(dev.trustkeys.core.ExitCode.CONFLICT, newer.exitCode());
    known.remove(2L);
    known.put(1L, plan().signedRootFile());
    dev.trustkeys.core.KeysException other =
        assertThrows(
            dev.trustkeys.core.KeysException.class,
            () -> BaseRootCheck.compare(req, known, "here"));
    assertEquals(dev.trustkeys.core.ExitCode.VERIFICATION_FAILED, other.exitCode());
  }

  @Test
  void publishedRequest_cannotBeSignedAgain() throws Exception {
    CeremonyRequest r = plan();
    ceremony.sign(r, Keyring.single(alice, NotaryKeyNaming.INSTANCE), Optional.empty(), "alice");
    ceremony.sign(r, Keyring.single(bob, NotaryKeyNaming.INSTANCE), Optional.empty(), "bob");
    Map<String, Object> published = new java.util.LinkedHashMap<>();
    published.put("action", "publish");
    published.put("time", "2026-03-01T11:00:00Z");
    published.put("operator", "alice");
    published.put("signed_sha256", r.sha256());
    published.put("version_before", 1L);
    published.put("version_after", 2L);
    RootKey aliceKey = r.base().keysOf("root").values().iterator().next();
    try (Signer s = alice.signer(aliceKey.handle())) {
      r.transcript().appendSigned(r.anchor(), published, aliceKey, s);
    }
    assertTrue(ceremony.verify(r).published());
    assertTrue(ceremony.status(r).verdict().startsWith("Published"), ceremony.status(r).verdict());
    dev.trustkeys.core.KeysException again =
        assertThrows(
            dev.trustkeys.core.KeysException.class,
            () ->
                ceremony.sign(
                    r, Keyring.single(carol, NotaryKeyNaming.INSTANCE), Optional.empty(), "carol"));
    assertEquals(dev.trustkeys.core.ExitCode.CONFLICT, again.exitCode());
    assertTrue(again.getMessage().contains("published already"), again.getMessage());
  }

  @Test
  void fakePublishEntry_signedByNoRootKey_isRefused() throws Exception {
    CeremonyRequest r = plan();
    ceremony.sign(r, Keyring.single(alice, NotaryKeyNaming.INSTANCE), Optional.empty(), "alice");
    ceremony.sign(r, Keyring.single(bob, NotaryKeyNaming.INSTANCE), Optional.empty(), "bob");
    Map<String, Object> fake = new java.util.LinkedHashMap<>();
    fake.put("action", "publish");
    fake.put("time", "2026-03-01T11:00:00Z");
    fake.put("operator", "mallory");
    fake.put("signed_sha256", r.sha256());
    fake.put("version_before", 1L);
    fake.put("version_after", 2L);
    r.transcript().append(r.anchor(), fake);
    Transcript.TranscriptTamperedException e =
        assertThrows(Transcript.TranscriptTamperedException.class, () -> ceremony.verify(r));
    assertEquals(3, e.entry());
    assertTrue(e.getMessage().contains("signed by no root key"), e.getMessage());
    assertEquals(
        Optional.of(dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.VERIFY_ON_SERVER)),
        e.remedy());
    CeremonyStatus status = ceremony.status(r);
    assertFalse(status.complete());
    // the status keeps the failure's remedy for the command line to word
    assertEquals(e.remedy().get(), status.transcript().remedy());
    String advised =
        status.verdict((problem, remedy) -> problem + ": ADVICE(" + remedy.kind() + ")");
    assertTrue(
        advised.startsWith("Not ready to publish: ")
            && advised.contains(
                "signed by no root key, so anyone could have written it: ADVICE("
                    + "VERIFY_ON_SERVER)"),
        advised);
  }

  @Test
  void transcriptTimes_areToTheSecond() throws Exception {
    RootCeremony fine =
        new RootCeremony(
            Clock.fixed(NOW.plusNanos(336_134_099), ZoneOffset.UTC), YubiKeyAttestations.yubico());
    CeremonyRequest req =
        fine.plan(
            GUN,
            rootV1,
            List.of(bobCert),
            List.of(),
            1,
            null,
            "alice",
            Keyring.single(alice, NotaryKeyNaming.INSTANCE));
    fine.sign(req, Keyring.single(bob, NotaryKeyNaming.INSTANCE), Optional.empty(), "bob");
    assertEquals(
        List.of("2026-03-01T10:00:00Z", "2026-03-01T10:00:00Z"),
        req.transcript().entries().stream().map(e -> e.get("time")).toList());
    fine.verify(req);
  }
}
