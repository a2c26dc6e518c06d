package dev.trustkeys.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.KeyFileFormat;
import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.RestoreJournal;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code keys backup} and {@code keys restore} run as {@code java -jar target/keys.jar}, as users
 * run them.
 */
class BackupCliIT {
  @TempDir Path tmp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @ParameterizedTest(name = "umask {0}")
  @ValueSource(strings = {"022", "000"})
  void archiveAndRestoredFilesArePrivate_whateverTheUmask(String umask) throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    Jar.Result r =
        Jar.run(tmp, umask, List.of(), Map.of(), "-d", a.toString(), "backup", "--with-metadata");
    assertEquals(0, r.code(), r.err());
    Path archive = tmp.resolve("private_keys_backup.tar.gz");
    assertEquals("rw-------", mode(archive));
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().contains(".keys-tmp-")),
          "no temporary file left");
    }
    Process p = new ProcessBuilder("tar", "-tvzf", archive.toString()).start();
    List<String> listing = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertEquals(0, p.waitFor());
    assertTrue(listing.get(0).endsWith(BackupManifest.NAME), listing.get(0));
    for (String l : listing) {
      assertTrue(
          l.startsWith(l.contains("/ ") || l.endsWith("/") ? "drwx------ " : "-rw------- "), l);
    }

    Path b = tmp.resolve("b");
    Jar.Result restored =
        Jar.run(tmp, umask, List.of(), Map.of(), "-d", b.toString(), "restore", archive.toString());
    assertEquals(0, restored.code(), restored.err());
    try (Stream<Path> s = Files.walk(b)) {
      for (Path x : s.toList()) {
        assertEquals(Files.isDirectory(x) ? "rwx------" : "rw-------", mode(x), x.toString());
      }
    }
  }

  @Test
  void verify_checkPassphrases_usesTheEnvironmentAndNeverExtracts() throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    Path archive = tmp.resolve("k.tar.gz");
    assertEquals(0, Jar.run(tmp, "-d", a.toString(), "backup", "-o", archive.toString()).code());
    Map<String, String> before = Trees.snapshot(tmp);
    Map<String, String> env =
        Map.of(
            "NOTARY_ROOT_PASSPHRASE",
            TestKeys.PASSPHRASE,
            "NOTARY_TARGETS_PASSPHRASE",
            TestKeys.PASSPHRASE,
            "NOTARY_DELEGATION_PASSPHRASE",
            TestKeys.PASSPHRASE);
    Jar.Result ok =
        Jar.run(
            tmp,
            "077",
            List.of(),
            env,
            "backup",
            "--verify",
            archive.toString(),
            "--check-passphrases");
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().contains("OK: all 3 keys decrypt"), ok.out());
    Jar.Result wrong =
        Jar.run(
            tmp,
            "077",
            List.of(),
            Map.of(
                "DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE",
                "not the one",
                "DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE",
                "not the one"),
            "backup",
            "--verify",
            archive.toString(),
            "--check-passphrases");
    assertEquals(3, wrong.code(), wrong.err());
    assertEquals(1, wrong.err().lines().count(), wrong.err());
    assertFalse(wrong.err().contains("not the one"));
    Jar.Result none = Jar.run(tmp, "backup", "--verify", archive.toString(), "--check-passphrases");
    assertEquals(5, none.code(), none.err());
    assertEquals(before, Trees.snapshot(tmp));
  }

  @Test
  void plainTarArchiveOfTheHomeDirectory_restoresWithTheJar() throws Exception {
    Path home = tmp.resolve("home/me");
    List<KeyInfo> keys = TestKeys.populate(home.resolve(".docker/trust"));
    Path archive = TestKeys.plainTar(home, tmp.resolve("private_keys_backup.tar.gz"));
    Jar.Result r = Jar.run(tmp, "-d", tmp.resolve("b").toString(), "restore", archive.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Restored 3 new"), r.out());
    for (KeyInfo k : keys) {
      assertEquals(
          Files.readString(home.resolve(".docker/trust/private/" + k.id().hex() + ".key")),
          Files.readString(tmp.resolve("b/private/" + k.id().hex() + ".key")));
    }
  }

  @Test
  void backupKilledWhileWriting_leavesNoArchiveUnderTheFinalName() throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    assertEquals(
        137,
        Jar.run(
                tmp,
                "077",
                List.of("-Dkeys.fault=backup-before-rename"),
                Map.of(),
                "-d",
                a.toString(),
                "backup",
                "-o",
                "out.tar.gz")
            .code());
    assertFalse(Files.exists(tmp.resolve("out.tar.gz")));
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(
          s.anyMatch(p -> p.getFileName().toString().startsWith(".out.tar.gz.keys-tmp-")),
          "the partial archive has a temporary name");
    }
  }

  /**
   * T holds three keys and metadata; the archive replaces one key, adds two keys and metadata in a
   * new directory.
   */
  private Path[] crashScenario() throws Exception {
    Path t = tmp.resolve("t");
    TestKeys.populate(t);
    Path a = tmp.resolve("a");
    Trees.copy(t, a);
    KeyFileStore sa = TestKeys.store(a);
    KeyInfo first = sa.list().keys().get(0);
    sa.changePassphrase(first.id(), TestKeys.passphrase("another passphrase"));
    sa.generate(KeySpec.of(Role.TARGETS, "example.com/new", Algorithm.ECDSA_P256));
    sa.generate(KeySpec.of(Role.SNAPSHOT, "example.com/new", Algorithm.ECDSA_P256));
    Files.createDirectories(a.resolve("tuf/example.com/new/metadata"));
    Files.writeString(a.resolve("tuf/example.com/new/metadata/root.json"), "{\"signed\":{}}");
    Path archive = tmp.resolve("a.tar.gz");
    assertEquals(
        0,
        Jar.run(tmp, "-d", a.toString(), "backup", "--with-metadata", "-o", archive.toString())
            .code());
    return new Path[] {t, a, archive};
  }

  @Test
  void restoreKilledWithSigkillMidCommit_leavesOnlyWholeFiles_andTheNextRunRollsBack()
      throws Exception {
    Path[] s = crashScenario();
    Path t = s[0];
    Path a = s[1];
    Map<String, String> before = Trees.snapshot(t);
    int code =
        Jar.killAt(
            tmp,
            "restore-mid-commit",
            "-d",
            t.toString(),
            "restore",
            "--overwrite",
            s[2].toString());
    assertEquals(137, code);
    Map<String, String> crashed = Trees.snapshot(t);
    assertNotEquals(before, crashed, "the kill came in the middle of the commit");
    try (Stream<Path> files = Files.list(t.resolve("private"))) {
      for (Path f : files.toList()) {
        byte[] bytes = Files.readAllBytes(f);
        KeyFileFormat.parse(f.getFileName().toString(), bytes);
        String name = "private/" + f.getFileName();
        String sha = ArchiveContents.sha256Hex(bytes);
        assertTrue(
            before.getOrDefault(name, "").endsWith(sha)
                || Trees.snapshot(a).get(name).endsWith(sha),
            name + " is whole");
      }
    }
    // The next run (any restore or backup) rolls the interrupted restore back and removes its
    // leftovers.
    Jar.Result next =
        Jar.run(
            tmp, "-d", t.toString(), "backup", "-o", tmp.resolve("after-crash.tar.gz").toString());
    assertEquals(0, next.code(), next.err());
    assertEquals(before, Trees.snapshot(t));

    Jar.Result again = Jar.run(tmp, "-d", t.toString(), "restore", "--overwrite", s[2].toString());
    assertEquals(0, again.code(), again.err());
    Map<String, String> done = Trees.snapshot(t);
    Trees.snapshot(a)
        .forEach(
            (k, v) -> {
              if (k.startsWith("private/")) {
                assertEquals(v, done.get(k), k);
              }
            });
  }

  @SuppressWarnings("try") // the lock is held for the whole block and never read
  @ParameterizedTest(name = "halt at {0}")
  @ValueSource(strings = {"restore-staged", "restore-journal", "restore-applied"})
  void restoreHaltedAtAnyPoint_isRolledBackByTheNextRun(String point) throws Exception {
    Path[] s = crashScenario();
    Path t = s[0];
    Map<String, String> before = Trees.snapshot(t);
    Jar.Result r =
        Jar.run(
            tmp,
            "077",
            List.of("-Dkeys.fault=" + point),
            Map.of(),
            "-d",
            t.toString(),
            "restore",
            "--overwrite",
            s[2].toString());
    assertEquals(137, r.code(), r.err());
    String staging;
    try (Stream<Path> l = Files.list(t)) {
      staging =
          l.map(p -> p.getFileName().toString())
              .filter(n -> n.startsWith(RestoreJournal.STAGING_MARK))
              .findFirst()
              .orElseThrow(() -> new AssertionError("a staging directory is left"));
    }
    // Any writer takes the writers' lock, which undoes the interrupted restore first and says so.
    java.io.StringWriter notices = new java.io.StringWriter();
    try (TrustDirectory.WriteLock lock =
        new TrustDirectory(t, new java.io.PrintWriter(notices)).lockForWrite()) {
      assertEquals(before, Trees.snapshot(t));
    }
    assertTrue(
        notices.toString().startsWith("keys: ") && notices.toString().contains(staging),
        notices.toString());
    assertTrue(
        notices
            .toString()
            .contains(point.equals("restore-staged") ? "before it changed anything" : "undid"),
        notices.toString());
  }

  @Test
  void tenThousandKeys_backUpAndRestoreIn64MiBOfHeap() throws Exception {
    Path a = tmp.resolve("a");
    KeyInfo k =
        TestKeys.store(a)
            .generate(KeySpec.of(Role.TARGETS, "example.com/many", Algorithm.ECDSA_P256));
    byte[] content = Files.readAllBytes(a.resolve("private/" + k.id().hex() + ".key"));
    SecureRandom rnd = new SecureRandom();
    byte[] id = new byte[32];
    for (int i = 1; i < 10_000; i++) {
      rnd.nextBytes(id);
      Files.write(a.resolve("private/" + HexFormat.of().formatHex(id) + ".key"), content);
    }
    List<String> heap = List.of("-Xmx64m");
    Jar.Result b =
        Jar.run(tmp, "077", heap, Map.of(), "-d", a.toString(), "backup", "-o", "many.tar.gz");
    assertEquals(0, b.code(), b.err());
    assertTrue(b.out().contains("Backed up 10000 key files"), b.out());
    Jar.Result r =
        Jar.run(
            tmp,
            "077",
            heap,
            Map.of(),
            "-d",
            tmp.resolve("b").toString(),
            "restore",
            "many.tar.gz");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out().contains("Restored 10000 new"), r.out().lines().reduce((x, y) -> y).orElse(""));
    try (Stream<Path> s = Files.list(tmp.resolve("b/private"))) {
      List<Path> restored = s.toList();
      assertEquals(10_000, restored.size());
      for (Path p : restored) {
        assertTrue(Files.exists(a.resolve("private").resolve(p.getFileName())));
        assertEquals(content.length, Files.size(p));
      }
    }
  }
}
