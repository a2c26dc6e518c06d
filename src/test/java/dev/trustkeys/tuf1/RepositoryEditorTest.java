package dev.trustkeys.tuf1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyAliases;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.testing.MemoryBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryEditorTest {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  @TempDir Path tmp;
  private final MemoryBackend backend = new MemoryBackend("test");

  private PublicKey key(Role role, Algorithm a) throws KeysException {
    try (Signer s =
        backend.signer(
            backend.generate(KeySpec.of(role, role.belongsToGun() ? "repo" : "", a)).id())) {
      return s.publicKey();
    }
  }

  private RepositoryEditor editor(Path repo) {
    return new RepositoryEditor(
        repo,
        new BackendKeySource(Keyring.single(backend, NotaryKeyNaming.INSTANCE)),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private Path initRepo() throws KeysException {
    Path repo = tmp.resolve("repo");
    editor(repo)
        .init(
            new RepositoryEditor.InitPlan(
                List.of(key(Role.ROOT, Algorithm.ECDSA_P256)),
                1,
                List.of(key(Role.TARGETS, Algorithm.ED25519)),
                1,
                List.of(key(Role.SNAPSHOT, Algorithm.ECDSA_P256)),
                List.of(key(Role.TIMESTAMP, Algorithm.RSA_2048)),
                Map.of("timestamp", 2)));
    return repo;
  }

  private VerifyReport verify(Path repo) throws KeysException {
    return RepositoryVerifier.verify(RepositoryFiles.open(repo), NOW.plusSeconds(60));
  }

  @Test
  void init_writesVersion1OfEveryRole_inPythonTufFormat_andVerifies() throws Exception {
    Path repo = initRepo();
    for (String f : List.of("1.root.json", "1.targets.json", "1.snapshot.json", "timestamp.json")) {
      byte[] b = Files.readAllBytes(repo.resolve("metadata").resolve(f));
      assertTrue(Metadata.parse(b).reproducesOriginal(), f);
      assertEquals(JsonStyle.PYTHON_TUF, Metadata.parse(b).style(), f);
    }
    VerifyReport r = verify(repo);
    assertEquals(List.of(), r.problems());
    assertEquals(List.of(), r.warnings());
    Metadata ts = Metadata.parse(Files.readAllBytes(repo.resolve("metadata/timestamp.json")));
    assertEquals("2030-01-03T00:00:00Z", ts.expiresText());
    Root root = Root.of(Metadata.parse(Files.readAllBytes(repo.resolve("metadata/1.root.json"))));
    assertTrue(root.consistentSnapshot());
    assertEquals(
        List.of("ecdsa", "ecdsa", "ed25519", "rsa"),
        root.keys().values().stream().map(Tuf1Key::keyType).sorted().toList());
    assertTrue(root.keys().values().stream().allMatch(Tuf1Key::idCompliant));
  }

  @Test
  void init_intoAnExistingRepository_isAConflict_andWritesNothing() throws Exception {
    Path repo = initRepo();
    byte[] before = Files.readAllBytes(repo.resolve("metadata/1.root.json"));
    KeysException e = assertThrows(KeysException.class, this::initRepo);
    assertEquals(ExitCode.CONFLICT, e.exitCode());
    assertTrue(e.getMessage().contains("already holds metadata"), e.getMessage());
    assertEquals(
        new String(before, StandardCharsets.UTF_8),
        Files.readString(repo.resolve("metadata/1.root.json")));
  }

  @Test
  void addTarget_writesTheFileUnderItsHash_andNewTargetsSnapshotTimestamp() throws Exception {
    Path repo = initRepo();
    byte[] content = "hello\n".getBytes(StandardCharsets.UTF_8);
    editor(repo).addTarget("app/hello.txt", content, "targets");
    String sha = FileMeta.digest("sha256", content);
    assertTrue(Files.isRegularFile(repo.resolve("targets/app/" + sha + ".hello.txt")));
    assertTrue(Files.isRegularFile(repo.resolve("metadata/2.targets.json")));
    assertTrue(Files.isRegularFile(repo.resolve("metadata/2.snapshot.json")));
    VerifyReport r = verify(repo);
    assertEquals(List.of(), r.problems());
    assertEquals(1, r.targetsChecked());
    editor(repo).removeTarget("app/hello.txt");
    assertEquals(0, verify(repo).targetsListed());
    assertEquals(List.of(), verify(repo).problems());
  }

  @Test
  void tamperedTarget_andTamperedSnapshot_areTheFirstProblem() throws Exception {
    Path repo = initRepo();
    byte[] content = "hello\n".getBytes(StandardCharsets.UTF_8);
    editor(repo).addTarget("hello.txt", content, "targets");
    Path target = repo.resolve("targets/" + FileMeta.digest("sha256", content) + ".hello.txt");
    Files.writeString(target, "HELLO\n");
    assertTrue(
        verify(repo)
            .problems()
            .get(0)
            .startsWith("target 'hello.txt' of targets does not match its metadata:"),
        verify(repo).problems().toString());
    Files.write(target, content);
    Path snap = repo.resolve("metadata/2.snapshot.json");
    Files.writeString(snap, Files.readString(snap).replace("\"version\": 2", "\"version\": 3"));
    assertTrue(
        verify(repo)
            .problems()
            .get(0)
            .startsWith("2.snapshot.json does not match what timestamp says of it"),
        verify(repo).problems().toString());
  }

  @Test
  void delegation_signsOnlyTheirPaths_andCanBeRemoved() throws Exception {
    Path repo = initRepo();
    PublicKey dk = key(Role.DELEGATION, Algorithm.ECDSA_P256);
    editor(repo)
        .delegate(
            new RepositoryEditor.DelegationPlan(
                "releases",
                "targets",
                List.of(dk),
                1,
                true,
                List.of("releases/*"),
                List.of(),
                null));
    editor(repo).addTarget("releases/v1.tgz", new byte[] {1, 2, 3}, "releases");
    UsageException e =
        assertThrows(
            UsageException.class,
            () -> editor(repo).addTarget("other/v1.tgz", new byte[] {1}, "releases"));
    assertTrue(e.getMessage().contains("may not sign 'other/v1.tgz'"), e.getMessage());
    VerifyReport r = verify(repo);
    assertEquals(List.of(), r.problems());
    assertTrue(r.roles().stream().anyMatch(x -> x.role().equals("releases") && x.version() == 2));
    editor(repo).undelegate("releases");
    Metadata snap = Metadata.parse(Files.readAllBytes(repo.resolve("metadata/timestamp.json")));
    assertEquals(List.of(), verify(repo).problems());
    assertFalse(
        RepositoryState.load(RepositoryFiles.open(repo)).targets.containsKey("releases"),
        snap.toString());
  }

  @Test
  void refresh_writesNewOnlineVersions_withFreshExpiry() throws Exception {
    Path repo = initRepo();
    Clock later = Clock.fixed(NOW.plus(Duration.ofDays(5)), ZoneOffset.UTC);
    new RepositoryEditor(
            repo, new BackendKeySource(Keyring.single(backend, NotaryKeyNaming.INSTANCE)), later)
        .refresh();
    assertEquals(
        List.of(),
        RepositoryVerifier.verify(RepositoryFiles.open(repo), NOW.plus(Duration.ofDays(6)))
            .problems());
    assertFalse(
        RepositoryVerifier.verify(RepositoryFiles.open(repo), NOW.plus(Duration.ofDays(8))).ok());
  }

  @Test
  void keysNotHeld_meetNoThreshold_andNothingIsWritten() throws Exception {
    Path repo = initRepo();
    RepositoryEditor noKeys =
        new RepositoryEditor(
            repo,
            new BackendKeySource(
                new Keyring(List.of(), NotaryKeyNaming.INSTANCE, KeyAliases.none())),
            Clock.fixed(NOW, ZoneOffset.UTC));
    ThresholdNotMetException e =
        assertThrows(
            ThresholdNotMetException.class,
            () -> noKeys.addTarget("a.txt", new byte[] {1}, "targets"));
    assertEquals("targets", e.role());
    assertEquals(1, e.required());
    assertEquals(0, e.held());
    assertFalse(Files.exists(repo.resolve("metadata/2.targets.json")));
  }

  @Test
  void concurrentEditors_loseNoTarget() throws Exception {
    Path repo = initRepo();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        int n = i;
        fs.add(
            pool.submit(
                () -> {
                  editor(repo).addTarget("t" + n + ".txt", new byte[] {(byte) n}, "targets");
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    VerifyReport r = verify(repo);
    assertEquals(List.of(), r.problems());
    assertEquals(4, r.targetsListed());
  }

  @Test
  void aKeyUnderANonCompliantId_inMetadataBeingEdited_isNeverWrittenAgain() throws Exception {
    Path repo = initRepo();
    editor(repo)
        .delegate(
            new RepositoryEditor.DelegationPlan(
                "releases",
                "targets",
                List.of(key(Role.DELEGATION, Algorithm.ECDSA_P256)),
                1,
                false,
                List.of("releases/*"),
                List.of(),
                null));
    Path targets = repo.resolve("metadata/2.targets.json");
    String id =
        Targets.of(Metadata.parse(Files.readAllBytes(targets)))
            .delegationKeys()
            .keySet()
            .iterator()
            .next();
    String wrong = "0".repeat(64);
    Files.writeString(targets, Files.readString(targets).replace(id, wrong));
    dev.trustkeys.metadata.MetadataFormatException e =
        assertThrows(
            dev.trustkeys.metadata.MetadataFormatException.class,
            () -> editor(repo).addTarget("a.txt", new byte[] {1}, "targets"));
    assertTrue(
        e.getMessage()
            .startsWith("targets lists key " + wrong + " under an ID that is not the SHA-256"),
        e.getMessage());
    assertFalse(Files.exists(repo.resolve("metadata/3.targets.json")));
  }
}
