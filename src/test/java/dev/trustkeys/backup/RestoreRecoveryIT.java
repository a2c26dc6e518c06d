package dev.trustkeys.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.RestoreJournal;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.WrongSecretException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens after a restore that did not finish, and restores and backups in trouble (a full
 * disk, a symbolic link for {@code private/}, a read-only trust directory), run as the command line
 * runs them. Full disks and read-only mounts are made in a private mount namespace ({@code unshare
 * -rm}: a small tmpfs, a read-only bind mount), so that they hold for root too.
 */
class RestoreRecoveryIT {
  private static final String P1 = "passphrase one";
  private static final String P2 = "passphrase two";
  @TempDir Path tmp;

  private static KeyFileStore store(Path trust, String passphrase) {
    return new KeyFileStore(new TrustDirectory(trust), TestKeys.passphrase(passphrase), 2048);
  }

  private static boolean decrypts(Path trust, KeyId id, String passphrase) throws Exception {
    try {
      store(trust, passphrase).unlock(id).close();
      return true;
    } catch (WrongSecretException e) {
      return false;
    }
  }

  private Path file(Path trust, KeyId id) {
    return trust.resolve("private/" + id.hex() + ".key");
  }

  /**
   * Three delegation keys at passphrase P1, and an archive of them from before, at
   * TestKeys.PASSPHRASE.
   */
  private List<KeyId> keysNewerThanTheirArchive(Path trust, Path archive) throws Exception {
    List<KeyId> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          TestKeys.store(trust)
              .generate(KeySpec.of(Role.of("targets/d" + i), "", Algorithm.ECDSA_P256))
              .id());
    }
    new BackupWriter(new TrustDirectory(trust), Clock.systemUTC(), "test")
        .write(archive, false, false, List.of());
    for (KeyId id : ids) {
      store(trust, TestKeys.PASSPHRASE).changePassphrase(id, TestKeys.passphrase(P1));
    }
    return ids;
  }

  @Test
  void restoreKilledMidCommit_thenPasswdAndRemove_thenBackup_keepsWhatPasswdAndRemoveDid()
      throws Exception {
    Path t = tmp.resolve("t");
    Path archive = tmp.resolve("old.tar.gz");
    List<KeyId> ids = keysNewerThanTheirArchive(t, archive);
    Map<KeyId, byte[]> before = new java.util.HashMap<>();
    for (KeyId id : ids) {
      before.put(id, Files.readAllBytes(file(t, id)));
    }
    Jar.Result halted =
        Jar.run(
            tmp,
            "077",
            List.of("-Dkeys.fault=restore-mid-commit"),
            Map.of(),
            "-d",
            t.toString(),
            "restore",
            "--overwrite",
            archive.toString());
    assertEquals(137, halted.code(), halted.err());
    List<KeyId> restored = new ArrayList<>();
    List<KeyId> untouched = new ArrayList<>();
    for (KeyId id : ids) {
      (Arrays.equals(before.get(id), Files.readAllBytes(file(t, id))) ? untouched : restored)
          .add(id);
    }
    assertEquals(2, restored.size(), "the restore stopped after two of its three files");

    Path p1 = Files.writeString(tmp.resolve("p1"), P1 + "\n");
    Path p2 = Files.writeString(tmp.resolve("p2"), P2 + "\n");
    KeyId changed = untouched.get(0);
    Jar.Result passwd =
        Jar.run(
            tmp,
            "-d",
            t.toString(),
            "--passphrase-file",
            p1.toString(),
            "passwd",
            changed.hex(),
            "--new-passphrase-file",
            p2.toString());
    assertEquals(0, passwd.code(), passwd.err());
    assertTrue(
        passwd
            .err()
            .startsWith("keys: undid an interrupted restore (" + RestoreJournal.STAGING_MARK),
        "the first writer undoes the restore and says so: " + passwd.err());
    KeyId removed = restored.get(0);
    Jar.Result remove = Jar.run(tmp, "-d", t.toString(), "remove", "--yes", removed.hex());
    assertEquals(0, remove.code(), remove.err());
    Jar.Result backup =
        Jar.run(tmp, "-d", t.toString(), "backup", "-o", tmp.resolve("new.tar.gz").toString());
    assertEquals(0, backup.code(), backup.err());
    assertEquals("", backup.err(), "nothing left to undo");

    assertFalse(Files.exists(file(t, removed)), "the removed key stays removed");
    assertTrue(decrypts(t, changed, P2), "the new passphrase holds");
    assertFalse(decrypts(t, changed, P1), "the retired passphrase does not come back");
    assertTrue(
        decrypts(t, restored.get(1), P1), "the half-restored key is as it was before the restore");
    try (Stream<Path> s = Files.list(t)) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().startsWith(RestoreJournal.STAGING_MARK)));
    }
  }

  @Test
  void restoreThroughASymbolicLinkForPrivate_isAConflict_andWritesNothing() throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    Path archive = tmp.resolve("a.tar.gz");
    assertEquals(0, Jar.run(tmp, "-d", a.toString(), "backup", "-o", archive.toString()).code());
    Path t = Files.createDirectories(tmp.resolve("t"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(t.resolve("private"), elsewhere);
    Jar.Result r = Jar.run(tmp, "-d", t.toString(), "restore", archive.toString());
    assertEquals(8, r.code(), r.err());
    assertEquals(
        "keys: "
            + t.resolve("private")
            + " is a symbolic link or not a directory: keys will not restore"
            + " private/",
        r.err().substring(0, r.err().indexOf("private/") + "private/".length()),
        r.err());
    assertTrue(
        r.err()
            .strip()
            .endsWith(
                "nothing was written (replace it with a directory, or restore into another"
                    + " trust directory with -d DIR)"),
        r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertEquals(0, s.count(), "nothing written through the link");
    }
  }

  @Test
  void restoreOnAFullDisk_blamesTheDisk_notTheArchive_andChangesNothing() throws Exception {
    Path a = tmp.resolve("a");
    TestKeys.populate(a);
    // metadata larger than the disk the restore goes to
    byte[] big = new byte[300_000];
    new java.util.Random(1).nextBytes(big);
    Files.createDirectories(a.resolve("tuf/example.com"));
    Files.writeString(
        a.resolve("tuf/example.com/big.json"), java.util.HexFormat.of().formatHex(big, 0, 150_000));
    Path archive = tmp.resolve("a.tar.gz");
    assertEquals(
        0,
        Jar.run(tmp, "-d", a.toString(), "backup", "--with-metadata", "-o", archive.toString())
            .code());
    Path prepared = tmp.resolve("prepared");
    TestKeys.store(prepared).generate(KeySpec.of(Role.of("targets/x"), "", Algorithm.ECDSA_P256));
    Path small = Files.createDirectories(tmp.resolve("small"));
    String list = "find " + q(small) + " -type f | sort | xargs sha256sum";
    Jar.Result r =
        inNamespace(
            "mount -t tmpfs -o size=200k tmpfs "
                + q(small)
                + " && cp -a "
                + q(prepared)
                + "/. "
                + q(small)
                + " && "
                + list
                + " && echo @@ && "
                + keys("-d", small.toString(), "restore", archive.toString())
                + "; rc=$?; echo @@; "
                + list
                + "; exit $rc");
    String[] parts = r.out().split("@@\n", -1);
    assertEquals(1, r.code(), r.out() + r.err());
    assertEquals(
        "keys: cannot write the restored files into "
            + small
            + ": no space left on the device (nothing was"
            + " changed): free some space on that disk and run the command again\n",
        r.err());
    assertEquals(parts[0], parts[2], "the trust directory is as it was");
  }

  @Test
  void aReadOnlyTrustDirectory_canBeListedExportedAndBackedUpElsewhere() throws Exception {
    Path t = tmp.resolve("t");
    List<KeyInfo> keys = TestKeys.populate(t);
    Path archive = tmp.resolve("out/t.tar.gz");
    Files.createDirectories(archive.getParent());
    String id = keys.get(1).id().hex();
    Jar.Result r =
        inNamespace(
            "mount --bind "
                + q(t)
                + " "
                + q(t)
                + " && mount -o remount,bind,ro "
                + q(t)
                + " && "
                + step(keys("-d", t.toString(), "list"))
                + step(keys("-d", t.toString(), "export", id))
                + step(keys("-d", t.toString(), "backup", "-o", archive.toString()))
                + step(keys("-d", t.toString(), "restore", "--dry-run", archive.toString()))
                + step(keys("-d", t.toString(), "remove", "--yes", id))
                + "true");
    List<String> steps = Arrays.asList(r.out().split("@@", -1));
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(
        steps.get(0).contains(id) && steps.get(0).contains("rc=0"),
        "list: " + steps.get(0) + r.err());
    assertTrue(
        steps.get(1).contains("BEGIN ENCRYPTED PRIVATE KEY") && steps.get(1).contains("rc=0"),
        "export: " + steps.get(1));
    assertTrue(
        steps.get(2).contains("Backed up 3 key files") && steps.get(2).contains("rc=0"),
        "backup: " + steps.get(2) + r.err());
    assertTrue(steps.get(3).contains("rc=0"), "restore --dry-run: " + steps.get(3) + r.err());
    assertTrue(steps.get(4).contains("rc=1"), "remove: " + steps.get(4));
    assertTrue(
        r.err()
            .contains(
                "keys: cannot lock "
                    + t.resolve(".keys.lock")
                    + " for writing: the file system is read-only:"
                    + " keys cannot write in "
                    + t
                    + " (make it writable, or use -d DIR)\n"),
        r.err());
    new BackupVerifier(ArchiveLimits.defaults()).verify(archive, null);
    assertTrue(Files.exists(t.resolve("private/" + id + ".key")));
  }

  @Test
  void aReadOnlyTrustDirectoryWithAHalfAppliedRestore_isNotBackedUp_andSaysWhatToDo()
      throws Exception {
    Path t = tmp.resolve("t");
    Path archive = tmp.resolve("old.tar.gz");
    keysNewerThanTheirArchive(t, archive);
    assertEquals(
        137,
        Jar.run(
                tmp,
                "077",
                List.of("-Dkeys.fault=restore-mid-commit"),
                Map.of(),
                "-d",
                t.toString(),
                "restore",
                "--overwrite",
                archive.toString())
            .code());
    Path out = Files.createDirectories(tmp.resolve("out")).resolve("t.tar.gz");
    Jar.Result r =
        inNamespace(
            "mount --bind "
                + q(t)
                + " "
                + q(t)
                + " && mount -o remount,bind,ro "
                + q(t)
                + " && "
                + keys("-d", t.toString(), "backup", "-o", out.toString()));
    assertEquals(1, r.code(), r.err());
    assertTrue(
        r.err()
            .startsWith(
                "keys: "
                    + t
                    + " holds a restore that was interrupted half way ("
                    + RestoreJournal.STAGING_MARK),
        r.err());
    assertTrue(
        r.err()
            .endsWith(
                ") and is read-only, so keys cannot undo it: make "
                    + t
                    + " writable and run the command again (it undoes the restore first)\n"),
        r.err());
    assertFalse(Files.exists(out));
  }

  private static String step(String command) {
    return command + "; echo \"rc=$?@@\"; ";
  }

  private static String keys(String... args) {
    return Jar.java(List.of(), args).stream()
        .map(RestoreRecoveryIT::q)
        .collect(Collectors.joining(" "));
  }

  private static String q(Object s) {
    return "'" + s.toString().replace("'", "'\\''") + "'";
  }

  /**
   * Runs {@code script} in a private mount namespace (as root there: mounts are allowed, and vanish
   * afterwards).
   */
  private Jar.Result inNamespace(String script) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("unshare", "-rm", "sh", "-c", "umask 077; " + script)
            .directory(tmp.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("NOTARY_") || k.startsWith("DOCKER_") || k.startsWith("KEYS_"));
    Path err = tmp.resolve("ns-err.txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not finish: " + script);
    }
    return new Jar.Result(p.exitValue(), out, Files.readString(err));
  }
}
