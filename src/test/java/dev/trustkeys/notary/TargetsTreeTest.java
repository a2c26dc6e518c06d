package dev.trustkeys.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.testing.FakeNotaryRepo;
import dev.trustkeys.testing.MemoryBackend;
import dev.trustkeys.tuf.DelegatedRole;
import dev.trustkeys.tuf.FileMeta;
import dev.trustkeys.tuf.TargetFiles;
import dev.trustkeys.tuf.Targets;
import dev.trustkeys.tuf.TufKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a repository's tags and signers from a server that may lie: every delegation file is
 * checked against the snapshot and against the keys its parent gives it, as Notary's client checks
 * it, and a file that fails is left out (its tags count for nothing) or, when it is not what the
 * snapshot pinned, refused.
 */
class TargetsTreeTest {
  static final String GUN = "registry.example.com/team/app";
  static final FileMeta V1 = TargetFiles.sha256(new byte[32], 100);
  @TempDir Path tmp;
  FakeNotaryRepo repo;
  KeyInfo alice;
  KeyInfo bob;
  final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void repo() throws Exception {
    repo = new FakeNotaryRepo(GUN);
    alice = repo.keys.generate(KeySpec.of(Role.of("targets/alice"), "", Algorithm.ECDSA_P256));
    bob = repo.keys.generate(KeySpec.of(Role.of("targets/bob"), "", Algorithm.ECDSA_P256));
  }

  @AfterEach
  void close() {
    repo.close();
  }

  TrustSession session(MemoryBackend held) throws KeysException {
    return new TrustSession(
        NotaryServer.connect(repo.url()),
        new MetadataCache(tmp),
        Keyring.single(held, dev.trustkeys.backend.file.NotaryKeyNaming.INSTANCE),
        Clock.systemUTC(),
        warnings::add);
  }

  /** targets delegates releases and alice (alice's key in both); alice signed 1.0 into both. */
  void publishSignedByAlice(KeyInfo signsAlice, int threshold, Instant aliceExpires)
      throws KeysException {
    TufKey a = repo.tufKey(alice);
    Instant later = Instant.now().plus(30, ChronoUnit.DAYS);
    Targets targets =
        new Targets(
            2,
            later,
            Map.of(),
            Map.of(a.id().hex(), a),
            List.of(
                new DelegatedRole("targets/releases", List.of(a.id().hex()), 1, List.of("")),
                new DelegatedRole("targets/alice", List.of(a.id().hex()), threshold, List.of(""))));
    Targets tagged =
        TargetFiles.with(new Targets(1, later, Map.of(), Map.of(), List.of()), Map.of("1.0", V1));
    Map<String, Targets> c = new LinkedHashMap<>();
    c.put("targets", targets);
    c.put("targets/releases", tagged);
    c.put("targets/alice", new Targets(1, aliceExpires, tagged.targets(), Map.of(), List.of()));
    repo.publish(
        c,
        Map.of(
            "targets",
            new KeyInfo[] {repo.targetsKey},
            "targets/releases",
            new KeyInfo[] {alice},
            "targets/alice",
            new KeyInfo[] {signsAlice}));
  }

  @Test
  void inspect_aliceSignedReleasesAndHerRole_isTheSigner() throws Exception {
    publishSignedByAlice(alice, 1, Instant.now().plus(1, ChronoUnit.DAYS));
    TrustInspector.Report r =
        new TrustInspector(session(new MemoryBackend("none"))).inspect(GUN, Optional.empty());
    assertEquals(
        List.of(new TrustInspector.TagRow("1.0", "00".repeat(32), List.of("alice"))), r.tags());
    assertEquals(
        List.of(new TrustInspector.SignerKeys("alice", List.of(alice.id().hex()))), r.signers());
    assertEquals(List.of(), warnings);
  }

  @Test
  void aDelegationSignedByAnotherKey_isLeftOut_withAWarning() throws Exception {
    publishSignedByAlice(bob, 1, Instant.now().plus(1, ChronoUnit.DAYS));
    TrustInspector.Report r =
        new TrustInspector(session(new MemoryBackend("none"))).inspect(GUN, Optional.empty());
    assertEquals(
        List.of(), r.tags().get(0).signers(), "bob's signature on targets/alice does not count");
    assertTrue(
        warnings.get(0).contains("ignoring targets/alice")
            && warnings.get(0).contains("needs 1 valid"),
        warnings.toString());
  }

  @Test
  void anExpiredDelegation_isLeftOutWhenRead_butLoadedToBeReplaced() throws Exception {
    publishSignedByAlice(alice, 1, Instant.now().minus(1, ChronoUnit.DAYS));
    TrustSession s = session(new MemoryBackend("none"));
    assertEquals(
        List.of(), new TrustInspector(s).inspect(GUN, Optional.empty()).tags().get(0).signers());
    assertTrue(warnings.get(0).contains("expired"), warnings.toString());
    assertTrue(s.open(GUN).tree().file("targets/alice").isPresent());
  }

  @Test
  void aThresholdOfTwo_isNotMetByOneKeyListedTwice_asACertificateAndAPlainKey() throws Exception {
    TufKey plain = repo.tufKey(alice);
    TufKey cert;
    try (dev.trustkeys.core.Signer s = repo.keys.signer(alice.id())) {
      cert =
          TufKey.forCertificate(
              dev.trustkeys.tuf.RootCertificates.create(s, "targets/alice", Instant.now()));
    }
    Instant later = Instant.now().plus(30, ChronoUnit.DAYS);
    Targets targets =
        new Targets(
            2,
            later,
            Map.of(),
            Map.of(plain.id().hex(), plain, cert.id().hex(), cert),
            List.of(
                new DelegatedRole(
                    "targets/alice", List.of(plain.id().hex(), cert.id().hex()), 2, List.of(""))));
    Targets tagged =
        TargetFiles.with(new Targets(1, later, Map.of(), Map.of(), List.of()), Map.of("1.0", V1));
    byte[] twice;
    try (dev.trustkeys.core.Signer s = repo.keys.signer(alice.id())) {
      twice =
          dev.trustkeys.tuf.MetadataSigning.sign(
                  tagged.toJson(),
                  List.of(
                      new dev.trustkeys.tuf.KeyedSigner(plain.id().hex(), s),
                      new dev.trustkeys.tuf.KeyedSigner(cert.id().hex(), s)))
              .toBytes();
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("targets", repo.sign(targets.toJson(), repo.targetsKey));
    files.put("targets/alice", twice);
    repo.publishFiles(files);
    TargetsTree tree = session(new MemoryBackend("none")).read(GUN);
    assertTrue(tree.file("targets/alice").isEmpty(), "one key twice is one signature");
    assertTrue(warnings.get(0).contains("targets/alice needs 2"), warnings.toString());
  }

  @Test
  void aDelegationFileOtherThanTheSnapshotPinned_isRefused() throws Exception {
    publishSignedByAlice(alice, 1, Instant.now().plus(1, ChronoUnit.DAYS));
    byte[] original = repo.file("targets/releases.json");
    byte[] swapped =
        new String(original, java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"version\":1", "\"version\":2")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    repo.serve("targets/releases.json", swapped);
    KeysException e =
        assertThrows(
            KeysException.class,
            () ->
                new TrustInspector(session(new MemoryBackend("none")))
                    .inspect(GUN, Optional.empty()));
    assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
    assertTrue(
        e.getMessage().contains("targets/releases.json of " + GUN + " does not match"),
        e.getMessage());
  }

  @Test
  void signableRoles_areTheDelegationsWhoseKeysAreHere_elseAnError() throws Exception {
    publishSignedByAlice(alice, 1, Instant.now().plus(1, ChronoUnit.DAYS));
    MemoryBackend held = new MemoryBackend("held");
    TrustSession s = session(held);
    KeysException none =
        assertThrows(KeysException.class, () -> new Tags(s).signableRoles(s.read(GUN), "2.0"));
    assertEquals(ExitCode.NOT_FOUND, none.exitCode());
    assertTrue(none.getMessage().contains("targets/releases, targets/alice"), none.getMessage());
    TrustSession withAlice = session(repo.keys);
    assertEquals(
        List.of("targets/releases", "targets/alice"),
        new Tags(withAlice).signableRoles(withAlice.read(GUN), "2.0"));
  }

  @Test
  void aDelegationNamedLikeAPath_isNeitherFetchedNorCached() throws Exception {
    TufKey a = repo.tufKey(alice);
    Instant later = Instant.now().plus(30, ChronoUnit.DAYS);
    Targets targets =
        new Targets(
            2,
            later,
            Map.of(),
            Map.of(a.id().hex(), a),
            List.of(
                new DelegatedRole("targets/..", List.of(a.id().hex()), 1, List.of("")),
                new DelegatedRole("targets/a\u001b[2J", List.of(a.id().hex()), 1, List.of(""))));
    Targets tagged =
        TargetFiles.with(new Targets(1, later, Map.of(), Map.of(), List.of()), Map.of("1.0", V1));
    Map<String, Targets> c = new LinkedHashMap<>();
    c.put("targets", targets);
    c.put("targets/..", tagged);
    repo.publish(
        c, Map.of("targets", new KeyInfo[] {repo.targetsKey}, "targets/..", new KeyInfo[] {alice}));
    TargetsTree tree = session(new MemoryBackend("none")).read(GUN);
    assertEquals(List.of("targets"), tree.files().stream().map(f -> f.role().name()).toList());
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).contains("'targets/..'")
            && warnings.get(0).contains("not a valid role name"),
        warnings.toString());
    assertTrue(
        warnings.get(1).contains("'targets/a?[2J'"),
        "no control character reaches the terminal: " + warnings);
  }
}
