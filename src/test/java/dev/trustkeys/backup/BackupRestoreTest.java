package dev.trustkeys.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyLocation;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.SecretProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRestoreTest {
  private static final Instant T0 = Instant.parse("2025-03-04T05:06:07Z");
  @TempDir Path tmp;

  private BackupResult backup(Path trust, Path out, boolean meta, List<KeyInfo> hw)
      throws KeysException {
    return new BackupWriter(new TrustDirectory(trust), Clock.fixed(T0, ZoneOffset.UTC), "keys test")
        .write(out, meta, false, hw);
  }

  private Restorer restorer(Path trust) {
    return new Restorer(new TrustDirectory(trust), ArchiveLimits.defaults());
  }

  private static Map<String, String> sub(Map<String, String> snap, String prefix) {
    Map<String, String> m = new java.util.TreeMap<>();
    snap.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            m.put(k, v);
          }
        });
    return m;
  }

  private static Map<String, String> contentOnly(Map<String, String> snap) {
    Map<String, String> m = new java.util.TreeMap<>();
    snap.forEach(
        (k, v) -> m.put(k, v.startsWith("dir") ? "dir" : v.substring(v.lastIndexOf(' ') + 1)));
    return m;
  }

  @Test
  void backupThenRestore_reproducesKeysAndMetadataByteForByte() throws Exception {
    Path a = tmp.resolve("a");
    List<KeyInfo> keys = TestKeys.populate(a);
    BackupResult r = backup(a, tmp.resolve("b.tar.gz"), true, List.of());
    assertEquals(3, r.keyCount());
    assertEquals(T0, r.manifest().created());
    assertEquals("keys test", r.manifest().tool());

    Path b = tmp.resolve("b");
    RestorePlan plan = restorer(b).restore(r.archive(), false);
    assertEquals(plan.actions().size(), plan.count(RestorePlan.Kind.CREATE));
    Map<String, String> before = Trees.snapshot(a);
    Map<String, String> after = Trees.snapshot(b);
    assertEquals(sub(before, "private"), sub(after, "private"));
    // Metadata comes back with the same content, and private modes (0600/0700) whatever it had.
    assertEquals(contentOnly(sub(before, "tuf")), contentOnly(sub(after, "tuf")));
    assertTrue(
        sub(after, "tuf").values().stream()
            .allMatch(v -> v.startsWith("dir rwx------") || v.startsWith("file rw------- ")));
    assertEquals(keys.size(), TestKeys.store(b).list().keys().size());
    assertFalse(
        after.keySet().stream()
            .anyMatch(k -> k.contains(dev.trustkeys.backend.file.RestoreJournal.STAGING_MARK)));
  }

  @Test
  void manifest_comesFirstAndListsEveryFileWithItsSha256AndKeyDescription() throws Exception {
    Path a = tmp.resolve("a");
    List<KeyInfo> keys = TestKeys.populate(a);
    BackupResult r = backup(a, tmp.resolve("b.tar.gz"), true, List.of());
    List<String> names = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(r.archive()))) {
      TarReader tr = new TarReader(in, ArchiveLimits.defaults());
      for (TarEntry e = tr.next(); e != null; e = tr.next()) {
        names.add(e.name());
      }
    }
    assertEquals(BackupManifest.NAME, names.get(0));
    BackupManifest m =
        new BackupVerifier(ArchiveLimits.defaults())
            .verify(r.archive(), null)
            .contents()
            .manifest();
    for (KeyInfo k : keys) {
      BackupManifest.FileEntry f = m.files().get("private/" + k.id().hex() + ".key");
      byte[] onDisk = Files.readAllBytes(a.resolve("private").resolve(k.id().hex() + ".key"));
      assertEquals(ArchiveContents.sha256Hex(onDisk), f.sha256());
      assertEquals(new BackupManifest.KeyRef(k.id(), k.role(), k.gun()), f.key());
    }
    Path root = a.resolve("tuf/docker.com/notary0.3/tst/metadata/root.json");
    assertEquals(
        ArchiveContents.sha256Hex(Files.readAllBytes(root)),
        m.files().get("tuf/docker.com/notary0.3/tst/metadata/root.json").sha256());
    assertEquals(T0, m.created());
  }

  @Test
  void backup_withoutMetadata_leavesTufOut() throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    BackupResult r = backup(a, tmp.resolve("b.tar.gz"), false, List.of());
    assertTrue(r.manifest().files().keySet().stream().allMatch(p -> p.startsWith("private/")));
    assertFalse(r.manifest().withMetadata());
  }

  @Test
  void backup_recordsHardwareKeysInTheManifestAndWarnsNamingThem() throws Exception {
    Path a = tmp.resolve("a");
    List<KeyInfo> keys = TestKeys.populate(a);
    KeyInfo onYubiKey =
        new KeyInfo(
            keys.get(0).id(),
            keys.get(0).role(),
            "",
            null,
            KeyLocation.onDevice("yubikey", "yubikey:serial=12345678;slot=9c"));
    KeyInfo onToken =
        new KeyInfo(
            dev.trustkeys.core.KeyId.of("ab".repeat(32)),
            dev.trustkeys.core.Role.ROOT,
            "",
            null,
            KeyLocation.onDevice("pkcs11", "pkcs11:token=SoftHSM;id=%01"));
    BackupResult r = backup(a, tmp.resolve("b.tar.gz"), false, List.of(onYubiKey, onToken));
    assertEquals(2, r.warnings().size());
    assertTrue(
        r.warnings().get(0).contains("yubikey:serial=12345678;slot=9c"), r.warnings().get(0));
    assertTrue(r.warnings().get(0).contains(keys.get(0).id().shortId()));
    assertTrue(
        r.warnings()
            .get(0)
            .contains("file copy private/" + keys.get(0).id().hex() + ".key is included"));
    assertTrue(
        r.warnings().get(1).contains("pkcs11:token=SoftHSM;id=%01")
            && r.warnings().get(1).contains("no file copy"));

    BackupManifest m =
        new BackupVerifier(ArchiveLimits.defaults())
            .verify(r.archive(), null)
            .contents()
            .manifest();
    assertEquals(2, m.hardwareKeys().size());
    BackupManifest.HardwareKey y = m.hardwareKeys().get(0);
    assertEquals("yubikey", y.kind());
    assertEquals("yubikey:serial=12345678;slot=9c", y.location());
    assertEquals("private/" + keys.get(0).id().hex() + ".key", y.fileCopy());
    assertEquals(onToken.id(), m.hardwareKeys().get(1).id());
    assertNull(m.hardwareKeys().get(1).fileCopy());
    assertTrue(m.files().containsKey("private/" + keys.get(0).id().hex() + ".key"));
  }

  @Test
  void backup_leavesOutWhatRestoreWouldRefuseAndSaysSo() throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    Files.writeString(a.resolve("private/notes.txt"), "not a key");
    Files.createSymbolicLink(
        a.resolve("private/" + "cd".repeat(32) + ".key"), Path.of("/etc/hostname"));
    BackupResult r = backup(a, tmp.resolve("b.tar.gz"), false, List.of());
    assertEquals(3, r.keyCount());
    assertEquals(2, r.warnings().size(), r.warnings().toString());
    assertTrue(
        r.warnings().stream().anyMatch(w -> w.contains("notes.txt") && w.contains("not a key")));
    restorer(tmp.resolve("b")).restore(r.archive(), false);
  }

  @Test
  void backup_refusesToReplaceAnExistingArchiveWithoutForce() throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    Path out = tmp.resolve("b.tar.gz");
    Files.writeString(out, "older backup");
    KeysException e = assertThrows(KeysException.class, () -> backup(a, out, false, List.of()));
    assertEquals(ExitCode.CONFLICT, e.exitCode());
    assertEquals("older backup", Files.readString(out));
    new BackupWriter(new TrustDirectory(a), Clock.systemUTC(), "t")
        .write(out, false, true, List.of());
    assertNotEquals(
        "older backup", new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1));
  }

  @Test
  void backup_ofATrustDirectoryWithoutKeys_isNotFound() throws Exception {
    Files.createDirectories(tmp.resolve("a/private"));
    KeysException e =
        assertThrows(
            KeysException.class,
            () -> backup(tmp.resolve("a"), tmp.resolve("b.tar.gz"), false, List.of()));
    assertEquals(ExitCode.NOT_FOUND, e.exitCode());
    assertFalse(Files.exists(tmp.resolve("b.tar.gz")));
  }

  @Test
  void restore_skipsIdenticalFiles_refusesDifferentOnes_andReplacesThemWithOverwrite()
      throws Exception {
    Path a = tmp.resolve("a");
    List<KeyInfo> keys = TestKeys.populate(a);
    BackupResult r = backup(a, tmp.resolve("b.tar.gz"), false, List.of());
    Path b = tmp.resolve("b");
    restorer(b).restore(r.archive(), false);
    RestorePlan again = restorer(b).restore(r.archive(), false);
    assertEquals(3, again.count(RestorePlan.Kind.IDENTICAL));

    Path victim = b.resolve("private").resolve(keys.get(1).id().hex() + ".key");
    Files.writeString(victim, Files.readString(victim).replace("role: targets", "role: snapshot"));
    Map<String, String> before = Trees.snapshot(b);
    RestoreConflictException e =
        assertThrows(RestoreConflictException.class, () -> restorer(b).restore(r.archive(), false));
    assertEquals(ExitCode.CONFLICT, e.exitCode());
    assertEquals(List.of("private/" + keys.get(1).id().hex() + ".key"), e.targets());
    assertEquals(dev.trustkeys.core.Remedy.Kind.OVERWRITE, e.remedy().orElseThrow().kind());
    assertEquals(before, Trees.snapshot(b));

    RestorePlan replaced = restorer(b).restore(r.archive(), true);
    assertEquals(1, replaced.count(RestorePlan.Kind.REPLACE));
    assertEquals(2, replaced.count(RestorePlan.Kind.IDENTICAL));
    assertEquals(sub(Trees.snapshot(a), "private"), sub(Trees.snapshot(b), "private"));
  }

  @Test
  void dryRun_writesNothing() throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    BackupResult r = backup(a, tmp.resolve("b.tar.gz"), true, List.of());
    RestorePlan plan = restorer(tmp.resolve("b")).plan(r.archive(), false);
    assertEquals(r.manifest().files().size(), plan.count(RestorePlan.Kind.CREATE));
    assertFalse(Files.exists(tmp.resolve("b")));
  }

  @Test
  void verify_refusesAnArchiveWhoseFileNoLongerMatchesTheManifest() throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    BackupResult r = backup(a, tmp.resolve("b.tar.gz"), false, List.of());
    byte[] tar;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(r.archive()))) {
      tar = in.readAllBytes();
    }
    String s = new String(tar, StandardCharsets.ISO_8859_1);
    int at = s.indexOf("\n\n", s.indexOf("-----BEGIN ENCRYPTED PRIVATE KEY-----")) + 10;
    tar[at] = (byte) (tar[at] == 'A' ? 'B' : 'A');
    Path altered = tmp.resolve("altered.tar.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(altered))) {
      o.write(tar);
    }
    HostileArchiveException e =
        assertThrows(
            HostileArchiveException.class,
            () -> new BackupVerifier(ArchiveLimits.defaults()).verify(altered, null));
    assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
    assertTrue(e.reason().contains("SHA-256 differs"), e.getMessage());
    assertThrows(
        HostileArchiveException.class, () -> restorer(tmp.resolve("c")).restore(altered, false));
    assertFalse(Files.exists(tmp.resolve("c")));
  }

  @Test
  void verify_checkPassphrases_decryptsEveryKeyInMemory() throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    BackupResult r = backup(a, tmp.resolve("b.tar.gz"), false, List.of());
    Map<String, String> before = Trees.snapshot(tmp);
    BackupVerifier v = new BackupVerifier(ArchiveLimits.defaults());
    assertEquals(
        3, v.verify(r.archive(), TestKeys.passphrase(TestKeys.PASSPHRASE)).keysDecrypted());

    KeysException wrong =
        assertThrows(
            KeysException.class, () -> v.verify(r.archive(), TestKeys.passphrase("wrong one!")));
    assertEquals(ExitCode.WRONG_SECRET, wrong.exitCode());
    assertTrue(wrong.getMessage().startsWith("3 of 3 keys do not decrypt"), wrong.getMessage());
    assertFalse(wrong.getMessage().contains("wrong one!"));

    SecretProvider none = req -> Optional.empty();
    KeysException missing = assertThrows(KeysException.class, () -> v.verify(r.archive(), none));
    assertEquals(ExitCode.NEEDS_INPUT, missing.exitCode());
    assertEquals(before, Trees.snapshot(tmp), "verification wrote nothing");
  }

  @Test
  void verify_ofAPlainTarArchive_saysThereIsNoManifest() throws Exception {
    Path home = tmp.resolve("home/me");
    TestKeys.populate(home.resolve(".docker/trust"));
    Path archive = TestKeys.plainTar(home, tmp.resolve("plain.tar.gz"));
    KeysException e =
        assertThrows(
            KeysException.class,
            () -> new BackupVerifier(ArchiveLimits.defaults()).verify(archive, null));
    assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
    assertTrue(e.getMessage().contains("no keys-backup-manifest.json"));
  }

  @Test
  void restore_ofPlainTarArchiveOfTheFlatLayout_restoresEveryKey() throws Exception {
    Path home = tmp.resolve("home/me");
    Path trust = home.resolve(".docker/trust");
    TestKeys.populate(trust);
    Path archive = TestKeys.plainTar(home, tmp.resolve("private_keys_backup.tar.gz"));
    Path b = tmp.resolve("b");
    RestorePlan plan = restorer(b).restore(archive, false);
    assertNull(plan.archive().manifest());
    assertEquals(
        List.of(tmp.toString().substring(1).split("/")).size() + 4, plan.archive().prefix().size());
    assertEquals(sub(Trees.snapshot(trust), "private"), sub(Trees.snapshot(b), "private"));
  }

  @Test
  void restore_ofPlainTarArchivesOfNotary01And03Layouts_writesTheFlatLayoutAsMigrationDoes()
      throws Exception {
    for (String fixture : List.of("notary0.1", "notary0.3")) {
      Path home = tmp.resolve(fixture + "/home/me");
      Path trust = home.resolve(".docker/trust");
      Trees.copy(Trees.fixture(fixture), trust);
      Path archive = TestKeys.plainTar(home, tmp.resolve(fixture + ".tar.gz"));

      Path migrated = tmp.resolve(fixture + "/migrated");
      Trees.copy(Trees.fixture(fixture), migrated);
      int n = TestKeys.store(migrated).migrateLegacy();

      Path b = tmp.resolve(fixture + "/restored");
      RestorePlan plan = restorer(b).restore(archive, false);
      assertEquals(n, plan.count(RestorePlan.Kind.CREATE), fixture);
      try (var files = Files.list(b.resolve("private"))) {
        for (Path p : files.toList()) {
          assertEquals(
              Files.readString(migrated.resolve("private").resolve(p.getFileName())),
              Files.readString(p),
              fixture + " " + p);
        }
      }
      List<KeyInfo> expected = TestKeys.store(migrated).list().keys();
      List<KeyInfo> actual = TestKeys.store(b).list().keys();
      assertEquals(expected.size(), actual.size());
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i).id(), actual.get(i).id());
        assertEquals(expected.get(i).role(), actual.get(i).role());
        assertEquals(expected.get(i).gun(), actual.get(i).gun());
      }
      // Every restored key decrypts with its fixture's passphrase and has the ID of its file name.
      var store =
          new dev.trustkeys.backend.file.KeyFileStore(
              new TrustDirectory(b),
              TestKeys.passphrase(dev.trustkeys.testing.Fixtures.passphrase(fixture)),
              2048);
      for (KeyInfo k : actual) {
        try (var m = store.unlock(k.id())) {
          assertEquals(k.id(), m.id());
        }
      }
    }
  }

  @Test
  void restore_ofAnArchiveHoldingBothLayoutsOfAKey_keepsTheFlatFile() throws Exception {
    Path home = tmp.resolve("home/me");
    Path trust = home.resolve(".docker/trust");
    Trees.copy(Trees.fixture("notary0.3"), trust);
    TestKeys.store(trust).migrateLegacy();
    Path archive = TestKeys.plainTar(home, tmp.resolve("both.tar.gz"));
    RestorePlan plan = restorer(tmp.resolve("b")).restore(archive, false);
    assertEquals(4, plan.count(RestorePlan.Kind.CREATE));
    assertEquals(4, plan.archive().ignoredLegacyCopies());
  }
}
