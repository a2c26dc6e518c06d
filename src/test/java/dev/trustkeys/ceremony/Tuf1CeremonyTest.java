package dev.trustkeys.ceremony;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.backend.yubikey.YubiKeyAttestations;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.testing.MemoryBackend;
import dev.trustkeys.testing.TestAttestations;
import dev.trustkeys.tuf1.BackendKeySource;
import dev.trustkeys.tuf1.JsonStyle;
import dev.trustkeys.tuf1.Metadata;
import dev.trustkeys.tuf1.RepositoryEditor;
import dev.trustkeys.tuf1.RepositoryFiles;
import dev.trustkeys.tuf1.RepositoryVerifier;
import dev.trustkeys.tuf1.RootPublisher;
import dev.trustkeys.tuf1.Tuf1Dialect;
import dev.trustkeys.tuf1.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Root ceremonies on TUF 1.0 repositories, in process: the same plan, sign, status and publish as
 * for Notary, reading and writing roots as python-tuf does; holders who rotate several of their own
 * keys at once, and a threshold's worth of keys replaced in one root (what tuf-on-ci #505 cannot);
 * YubiKey attestations reviewed.
 */
class Tuf1CeremonyTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final RootCeremony ceremony = new RootCeremony(clock, YubiKeyAttestations.yubico());
  final MemoryBackend online = new MemoryBackend("online");
  @TempDir Path tmp;
  Path repo;

  static PublicKey key(MemoryBackend b) throws KeysException {
    try (Signer s = b.signer(b.generate(new KeySpec(Role.ROOT, "", Algorithm.ECDSA_P256)).id())) {
      return s.publicKey();
    }
  }

  static Map<String, Object> keyObject(PublicKey k) throws KeysException {
    return Tuf1Dialect.INSTANCE.encodePublicKey(k, Map.of());
  }

  /**
   * A repository whose root role is {@code rootKeys} with {@code threshold}, the other roles online
   * here.
   */
  void init(List<PublicKey> rootKeys, int threshold, MemoryBackend... holders) throws Exception {
    repo = tmp.resolve("repo");
    List<KeyBackend> all = new ArrayList<>(List.of(holders));
    all.add(online);
    PublicKey t = key(online);
    new RepositoryEditor(
            repo,
            new BackendKeySource(dev.trustkeys.core.Keyring.of(NotaryKeyNaming.INSTANCE, all)),
            clock)
        .init(
            new RepositoryEditor.InitPlan(
                rootKeys, threshold, List.of(t), 1, List.of(t), List.of(t), Map.of()));
  }

  CeremonyRequest plan(
      List<PublicKey> add, List<String> remove, int threshold, MemoryBackend coordinator)
      throws Exception {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (PublicKey k : add) {
      objects.add(keyObject(k));
    }
    return ceremony.plan(
        CeremonyDialect.TUF,
        "repo",
        RootPublisher.newest(repo),
        objects,
        remove,
        threshold,
        null,
        "coordinator",
        Keyring.single(coordinator, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE));
  }

  /** Writes, reads back (as the file travels) and signs with everything {@code holder} holds. */
  CeremonyRequest signAs(CeremonyRequest req, MemoryBackend holder) throws Exception {
    Path f = tmp.resolve("request.json");
    req.write(f);
    CeremonyRequest r = CeremonyRequest.read(f);
    ceremony.sign(
        r,
        Keyring.single(holder, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
        Optional.empty(),
        holder.describe());
    r.write(f);
    return CeremonyRequest.read(f);
  }

  void publishAndVerify(CeremonyRequest req, long version) throws Exception {
    Tuf1RootTarget target = new Tuf1RootTarget(repo, clock);
    assertEquals(
        version,
        ceremony.publish(
            req,
            target,
            Keyring.single(online, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
            "coordinator"));
    assertEquals(List.of(repo.resolve("metadata/" + version + ".root.json")), target.written());
    VerifyReport v = RepositoryVerifier.verify(RepositoryFiles.open(repo), NOW);
    assertEquals(List.of(), v.problems());
    assertEquals(version, v.rootChain().get(v.rootChain().size() - 1).version());
    assertTrue(ceremony.verify(req, target).publishConfirmed());
  }

  @Test
  void twoHolders_thresholdTwo_publishedAsPythonTufWritesRoots() throws Exception {
    MemoryBackend alice = new MemoryBackend("alice");
    MemoryBackend bob = new MemoryBackend("bob");
    init(List.of(key(alice)), 1, alice);
    byte[] v1 = Files.readAllBytes(repo.resolve("metadata/1.root.json"));
    CeremonyRequest req = plan(List.of(key(bob)), List.of(), 2, alice);
    assertTrue(
        ceremony.verify(req).planByRootInForce(),
        "alice holds the root in force: the plan is signed");
    List<String> change = req.change().lines();
    assertTrue(change.contains("root threshold 1 -> 2"), change.toString());
    assertTrue(
        change.stream().anyMatch(l -> l.startsWith("add root key ") && l.contains("(TUF key ")),
        change.toString());
    assertEquals(
        "must be signed by 1 of the 1 current root key(s) and by 2 of the 2 new root key(s)",
        change.get(change.size() - 1));

    req = signAs(req, bob);
    assertFalse(ceremony.status(req).complete());
    KeysException early =
        assertThrows(
            KeysException.class,
            () ->
                ceremony.publish(
                    CeremonyRequest.read(tmp.resolve("request.json")),
                    new Tuf1RootTarget(repo, clock),
                    Keyring.single(online, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
                    "x"));
    assertTrue(
        early
            .getMessage()
            .contains("(old) needs 1 valid signature(s) from different keys but has 0"),
        early.getMessage());
    req = signAs(req, alice);
    CeremonyStatus st = ceremony.status(req);
    assertTrue(st.complete(), st.toText());
    publishAndVerify(req, 2);

    byte[] v2 = Files.readAllBytes(repo.resolve("metadata/2.root.json"));
    Metadata md = Metadata.parse(v2);
    assertArrayEquals(
        JsonStyle.PYTHON_TUF.write(Map.of("signatures", signaturesOf(md), "signed", md.signed())),
        v2,
        "written as python-tuf's JSONSerializer writes it");
    assertTrue(md.reproducesOriginal());
    assertArrayEquals(
        v1, Files.readAllBytes(repo.resolve("metadata/1.root.json")), "version 1 is left alone");
    Map<?, ?> rootRole = (Map<?, ?>) ((Map<?, ?>) md.signed().get("roles")).get("root");
    assertEquals(
        365L, rootRole.get("x-keys-expiry-period"), "the base root's custom fields are kept");
    assertEquals("2027-03-01T10:00:00Z", md.expiresText(), "the root's own expiry period");
    KeysException again =
        assertThrows(
            KeysException.class,
            () ->
                ceremony.publish(
                    CeremonyRequest.read(tmp.resolve("request.json")),
                    new Tuf1RootTarget(repo, clock),
                    Keyring.single(online, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
                    "x"));
    assertEquals(ExitCode.CONFLICT, again.exitCode(), again.getMessage());
  }

  /**
   * A tuf-on-ci or root-signing working tree ({@code metadata/root.json}, {@code
   * metadata/root_history/N.root.json}) gets the new root in both places, byte for byte the same;
   * nothing else in metadata/ changes.
   */
  @Test
  void workingTreeLayout_getsRootJsonAndRootHistory() throws Exception {
    MemoryBackend alice = new MemoryBackend("alice");
    MemoryBackend bob = new MemoryBackend("bob");
    init(List.of(key(alice)), 1, alice);
    Path meta = repo.resolve("metadata");
    byte[] v1 = Files.readAllBytes(meta.resolve("1.root.json"));
    Files.createDirectories(meta.resolve("root_history"));
    Files.move(meta.resolve("1.root.json"), meta.resolve("root_history/1.root.json"));
    Files.write(meta.resolve("root.json"), v1);
    Files.move(meta.resolve("1.targets.json"), meta.resolve("targets.json"));
    List<String> before;
    try (java.util.stream.Stream<Path> s = Files.list(meta)) {
      before = s.map(f -> f.getFileName().toString()).sorted().toList();
    }

    CeremonyRequest req = signAs(signAs(plan(List.of(key(bob)), List.of(), 2, alice), bob), alice);
    Tuf1RootTarget target = new Tuf1RootTarget(repo, clock);
    assertEquals(
        2,
        ceremony.publish(
            req,
            target,
            Keyring.single(online, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
            "coordinator"));
    assertEquals(
        List.of(meta.resolve("root_history/2.root.json"), meta.resolve("root.json")),
        target.written());
    byte[] v2 = Files.readAllBytes(meta.resolve("root.json"));
    assertArrayEquals(v2, Files.readAllBytes(meta.resolve("root_history/2.root.json")));
    assertEquals(2, Metadata.parse(v2).version());
    assertArrayEquals(
        v1,
        Files.readAllBytes(meta.resolve("root_history/1.root.json")),
        "version 1 is left alone");
    try (java.util.stream.Stream<Path> s = Files.list(meta)) {
      assertEquals(
          before, s.map(f -> f.getFileName().toString()).sorted().toList(), "no N.root.json added");
    }
    assertTrue(ceremony.verify(req, target).publishConfirmed());
  }

  static List<Object> signaturesOf(Metadata md) {
    List<Object> out = new ArrayList<>();
    for (Metadata.Signature s : md.signatures()) {
      out.add(new java.util.LinkedHashMap<>(Map.of("keyid", s.keyId(), "sig", s.sig())));
    }
    return out;
  }

  @Test
  void sameHoldersRotateAllTheirKeys_eachSignsOnceWithOldAndNew() throws Exception {
    MemoryBackend alice = new MemoryBackend("alice");
    MemoryBackend bob = new MemoryBackend("bob");
    PublicKey a1 = key(alice);
    PublicKey b1 = key(bob);
    init(List.of(a1, b1), 2, alice, bob);
    PublicKey a2 = key(alice);
    PublicKey b2 = key(bob);
    String a1Id = Tuf1Dialect.INSTANCE.keyId(keyObject(a1));
    String b1Id = Tuf1Dialect.INSTANCE.keyId(keyObject(b1));
    CeremonyRequest req =
        plan(List.of(a2, b2), List.of(a1Id.substring(0, 10), b1Id.substring(0, 10)), 2, alice);
    assertEquals(2, req.proposed().role("root").keyIds().size());
    assertFalse(req.proposed().keys().containsKey(a1Id), "a key no role names leaves 'keys'");

    Path f = tmp.resolve("request.json");
    req.write(f);
    RootCeremony.Signing byAlice =
        ceremony.sign(
            req,
            Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
            Optional.empty(),
            "alice");
    assertEquals(2, byAlice.signed().size(), "alice signs with her old and her new key in one go");
    RootCeremony.Signing again =
        ceremony.sign(
            req,
            Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
            Optional.empty(),
            "alice");
    assertEquals(List.of(), again.signed());
    assertEquals(2, again.alreadySigned().size(), "a key that signed is left alone");
    ceremony.sign(
        req,
        Keyring.single(bob, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
        Optional.empty(),
        "bob");
    assertTrue(ceremony.status(req).complete(), ceremony.status(req).toText());
    publishAndVerify(req, 2);
  }

  @Test
  void aThresholdsWorthOfKeysReplacedAtOnce() throws Exception {
    MemoryBackend[] h = {new MemoryBackend("h1"), new MemoryBackend("h2"), new MemoryBackend("h3")};
    List<PublicKey> old = List.of(key(h[0]), key(h[1]), key(h[2]));
    init(old, 2, h);
    List<PublicKey> fresh = List.of(key(h[0]), key(h[1]), key(h[2]));
    List<String> remove = new ArrayList<>();
    for (PublicKey k : old) {
      remove.add(Tuf1Dialect.INSTANCE.keyId(keyObject(k)));
    }
    CeremonyRequest req = plan(fresh, remove, 2, h[0]);
    assertEquals(
        3, req.change().lines().stream().filter(l -> l.startsWith("remove root key")).count());
    assertEquals(
        3, req.change().lines().stream().filter(l -> l.startsWith("add root key")).count());
    ceremony.sign(req, Keyring.single(h[0], NotaryKeyNaming.INSTANCE), Optional.empty(), "h1");
    assertFalse(ceremony.status(req).complete());
    ceremony.sign(req, Keyring.single(h[2], NotaryKeyNaming.INSTANCE), Optional.empty(), "h3");
    assertTrue(ceremony.status(req).complete(), ceremony.status(req).toText());
    publishAndVerify(req, 2);
  }

  @Test
  void aKeyListedAnewWithAnotherField_showsAsSuch_andSignsUnderBothIds() throws Exception {
    MemoryBackend alice = new MemoryBackend("alice");
    PublicKey a = key(alice);
    init(List.of(a), 1, alice);
    String oldId = Tuf1Dialect.INSTANCE.keyId(keyObject(a));
    Map<String, Object> owned =
        Tuf1Dialect.INSTANCE.encodePublicKey(a, Map.of("x-tuf-on-ci-keyowner", "@alice"));
    CeremonyRequest req =
        ceremony.plan(
            CeremonyDialect.TUF,
            "repo",
            RootPublisher.newest(repo),
            List.of(owned),
            List.of(oldId.substring(0, 8)),
            null,
            null,
            "alice",
            Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE));
    assertTrue(
        req.change().lines().stream()
            .anyMatch(
                l ->
                    l.startsWith("root key ")
                        && l.contains("owner @alice")
                        && l.contains(
                            "is listed under a new ID (was " + oldId.substring(0, 7) + ")")
                        && l.contains("'x-tuf-on-ci-keyowner' added")),
        req.change().lines().toString());
    assertEquals(
        2,
        ceremony
            .sign(
                req,
                Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
                Optional.empty(),
                "alice")
            .signed()
            .size(),
        "one signature under the ID of each root, as TUF clients look signatures up by key ID");
    assertEquals(2, req.signatures().size());
    publishAndVerify(req, 2);
  }

  @Test
  void planRefuses_aKeyTwice_andAnImpossibleThreshold() throws Exception {
    MemoryBackend alice = new MemoryBackend("alice");
    PublicKey a = key(alice);
    init(List.of(a), 1, alice);
    dev.trustkeys.core.UsageException twice =
        assertThrows(
            dev.trustkeys.core.UsageException.class,
            () ->
                ceremony.plan(
                    CeremonyDialect.TUF,
                    "repo",
                    RootPublisher.newest(repo),
                    List.of(
                        Tuf1Dialect.INSTANCE.encodePublicKey(
                            a, Map.of("x-tuf-on-ci-keyowner", "@alice"))),
                    List.of(),
                    null,
                    null,
                    "alice",
                    Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE)));
    assertTrue(
        twice.getMessage().contains("already in the root")
            && twice.getMessage().contains("count twice"),
        twice.getMessage());
    dev.trustkeys.core.UsageException threshold =
        assertThrows(
            dev.trustkeys.core.UsageException.class,
            () -> plan(List.of(key(alice)), List.of(), 3, alice));
    assertTrue(
        threshold.getMessage().contains("threshold 3 is impossible with 2"),
        threshold.getMessage());
  }

  @Test
  void attestations_verifiedAgainstTrustedRoots_namedWithFirmwareAdvisories_andBadOnesRefused()
      throws Exception {
    MemoryBackend alice = new MemoryBackend("alice");
    MemoryBackend bob = new MemoryBackend("bob");
    init(List.of(key(alice)), 1, alice);
    TestAttestations yubico = TestAttestations.create("Yubico-like");
    TestAttestations other = TestAttestations.create("Someone else");
    RootCeremony trusting =
        new RootCeremony(clock, new YubiKeyAttestations(List.of(yubico.root())));
    PublicKey b = key(bob);
    Map<String, Object> attested =
        Tuf1Dialect.INSTANCE.encodePublicKey(
            b, Map.of(RootKey.ATTESTATION_FIELD, yubico.attest(b, 5, 4, 3, 7000001)));
    CeremonyRequest req =
        trusting.plan(
            CeremonyDialect.TUF,
            "repo",
            RootPublisher.newest(repo),
            List.of(attested),
            List.of(),
            2,
            null,
            "alice",
            Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE));
    KeyReview review = trusting.review(req);
    assertEquals(List.of(), review.problems());
    assertEquals(1, review.notes().size(), review.toString());
    assertTrue(
        review
            .notes()
            .get(0)
            .contains(
                "is on YubiKey 7000001, firmware 5.4.3, PIN policy always, touch policy"
                    + " never (attestation verified up to CN=Yubico-like PIV Root CA (test))"),
        review.notes().get(0));
    assertTrue(
        review.warnings().stream().anyMatch(w -> w.contains("Yubico advisory YSA-2024-03")),
        review.toString());
    RootKey bobKey =
        req.proposed().keys().values().stream()
            .filter(k -> k.attestationPem().isPresent())
            .findFirst()
            .orElseThrow();
    assertFalse(
        bobKey.id().equals(Tuf1Dialect.INSTANCE.keyId(keyObject(b))),
        "the key ID covers the attestation");

    // a firmware after the advisory: no warning
    Map<String, Object> current =
        Tuf1Dialect.INSTANCE.encodePublicKey(
            b, Map.of(RootKey.ATTESTATION_FIELD, yubico.attest(b, 5, 7, 1, 7000001)));
    CeremonyRequest req2 =
        trusting.plan(
            CeremonyDialect.TUF,
            "repo",
            RootPublisher.newest(repo),
            List.of(current),
            List.of(),
            2,
            null,
            "alice",
            Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE));
    assertEquals(List.of(), trusting.review(req2).warnings());

    // not trusted here (the bundled Yubico roots only): the plan is refused, naming the key
    KeysException untrusted =
        assertThrows(
            KeysException.class,
            () ->
                ceremony.plan(
                    CeremonyDialect.TUF,
                    "repo",
                    RootPublisher.newest(repo),
                    List.of(attested),
                    List.of(),
                    2,
                    null,
                    "alice",
                    Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE)));
    assertEquals(ExitCode.VERIFICATION_FAILED, untrusted.exitCode());
    assertTrue(
        untrusted.getMessage().contains("does not verify")
            && untrusted.getMessage().contains("not signed by" + " the attestation root"),
        untrusted.getMessage());
    // no attestation root trusted at all: the refusal carries the remedy the command line words
    // ("give --attestation-root FILE"), which the review's line alone would lose
    RootCeremony trustingNone = new RootCeremony(clock, new YubiKeyAttestations(List.of()));
    KeysException noRoot =
        assertThrows(
            KeysException.class,
            () ->
                trustingNone.plan(
                    CeremonyDialect.TUF,
                    "repo",
                    RootPublisher.newest(repo),
                    List.of(attested),
                    List.of(),
                    2,
                    null,
                    "alice",
                    Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE)));
    assertEquals(ExitCode.VERIFICATION_FAILED, noRoot.exitCode());
    assertTrue(
        noRoot.getMessage().startsWith("nothing was planned: ")
            && noRoot.getMessage().contains("no attestation root is trusted here"),
        noRoot.getMessage());
    assertEquals(
        java.util.Optional.of(
            dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.GIVE_ATTESTATION_ROOT)),
        noRoot.remedy());
    // an attestation of another key, or of a device another CA vouches for
    PublicKey someoneElse = key(new MemoryBackend("x"));
    for (String bad :
        List.of(yubico.attest(someoneElse, 5, 7, 1, 1), other.attest(b, 5, 7, 1, 1))) {
      Map<String, Object> forged =
          Tuf1Dialect.INSTANCE.encodePublicKey(b, Map.of(RootKey.ATTESTATION_FIELD, bad));
      KeysException refused =
          assertThrows(
              KeysException.class,
              () ->
                  trusting.plan(
                      CeremonyDialect.TUF,
                      "repo",
                      RootPublisher.newest(repo),
                      List.of(forged),
                      List.of(),
                      2,
                      null,
                      "alice",
                      Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE)));
      assertTrue(
          refused
              .getMessage()
              .contains("attestation recorded with key " + bobKey.label().substring(0, 7)),
          refused.getMessage());
    }

    // signing, status and publish refuse the request where the review finds the problem
    CeremonyStatus st = ceremony.status(req);
    assertFalse(st.complete());
    assertTrue(
        st.verdict().startsWith("Not ready to publish: the YubiKey attestation recorded with key"),
        st.verdict());
    KeysException sign =
        assertThrows(
            KeysException.class,
            () ->
                ceremony.sign(
                    req,
                    Keyring.single(bob, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
                    Optional.empty(),
                    "bob"));
    assertTrue(sign.getMessage().startsWith("not signed: "), sign.getMessage());
    trusting.sign(
        req,
        Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
        Optional.empty(),
        "alice");
    trusting.sign(
        req,
        Keyring.single(bob, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
        Optional.empty(),
        "bob");
    assertTrue(trusting.status(req).complete());
    KeysException publish =
        assertThrows(
            KeysException.class,
            () ->
                ceremony.publish(
                    req,
                    new Tuf1RootTarget(repo, clock),
                    Keyring.single(online, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
                    "x"));
    assertTrue(publish.getMessage().startsWith("not published: "), publish.getMessage());
    trusting.publish(
        req,
        new Tuf1RootTarget(repo, clock),
        Keyring.single(online, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
        "x");

    // once in the root in force, a failing attestation is a warning: the ceremony that removes the
    // key goes on
    CeremonyRequest next =
        ceremony.plan(
            CeremonyDialect.TUF,
            "repo",
            RootPublisher.newest(repo),
            List.of(),
            List.of(bobKey.id().substring(0, 8)),
            1,
            null,
            "alice",
            Keyring.single(alice, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE));
    KeyReview r = ceremony.review(next);
    assertEquals(List.of(), r.problems());
    assertTrue(
        r.warnings().stream()
            .anyMatch(w -> w.contains("does not verify") && w.contains("in force")),
        r.toString());
  }

  @Test
  void bundledYubicoRoots_arePinned() throws Exception {
    List<X509Certificate> roots = dev.trustkeys.backend.yubikey.PivAttestation.yubicoRoots();
    List<String> fingerprints = new ArrayList<>();
    for (X509Certificate c : roots) {
      fingerprints.add(
          java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded())));
    }
    assertEquals(
        List.of(
            "63ece914e54dd87915f34033c85af4c0696ba1512f8add66ced738331207b546",
            "0fa1386f80eb8713263ae5c1d84deb455bdf08aea50ab05503cefee82b092d42"),
        fingerprints);
  }
}
