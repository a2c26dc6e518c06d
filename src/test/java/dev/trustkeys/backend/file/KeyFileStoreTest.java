package dev.trustkeys.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeyNotFoundException;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.WrongSecretException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretRequest;
import dev.trustkeys.testing.FixedSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileStoreTest {
  @TempDir Path tmp;

  private KeyFileStore store(String passphrase) {
    return new KeyFileStore(
        new TrustDirectory(tmp.resolve("trust")), new FixedSecrets(passphrase), 2048);
  }

  @Test
  void generate_writesNotaryFile_0600_inA0700Directory() throws Exception {
    KeyInfo k =
        store("s3cret-pass")
            .generate(KeySpec.of(Role.TARGETS, "example.com/app", Algorithm.ECDSA_P256));
    Path f = tmp.resolve("trust/private/" + k.id().hex() + ".key");
    String text = Files.readString(f);
    assertTrue(
        text.startsWith(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\ngun: example.com/app\nrole: targets\n\n"),
        text);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("trust"))));
  }

  @Test
  void rootAndDelegationKeys_haveNoGunHeader() throws Exception {
    KeyFileStore s = store("s3cret-pass");
    KeyInfo root = s.generate(KeySpec.of(Role.ROOT, "ignored", Algorithm.ECDSA_P256));
    KeyInfo del = s.generate(KeySpec.of(Role.of("targets/releases"), "ignored", Algorithm.ED25519));
    for (KeyInfo k : List.of(root, del)) {
      assertEquals("", k.gun());
      assertFalse(
          Files.readString(tmp.resolve("trust/private/" + k.id().hex() + ".key")).contains("gun:"));
    }
  }

  /**
   * What {@code docker trust key generate alice} leaves in private/: a key whose role: header is
   * the signer's name.
   */
  @Test
  void aDockerSignerKey_isListedUnderItsName_unlocked_andImportedElsewhere() throws Exception {
    KeyFileStore s = store("s3cret-pass");
    KeyInfo made = s.generate(KeySpec.of(Role.DELEGATION, "", Algorithm.ECDSA_P256));
    Path f = tmp.resolve("trust/private/" + made.id().hex() + ".key");
    Files.writeString(f, Files.readString(f).replace("role: delegation\n", "role: alice\n"));

    KeyListing l = s.list();
    assertTrue(l.unreadable().isEmpty(), l.unreadable().toString());
    KeyInfo alice = l.keys().get(0);
    assertEquals("alice", alice.role().name());
    assertTrue(alice.role().isSigner());
    assertEquals("", alice.gun());
    try (var m = s.unlock(made.id())) {
      assertEquals(made.id(), m.id());
    }

    KeyFileStore other =
        new KeyFileStore(
            new TrustDirectory(tmp.resolve("other")), new FixedSecrets("s3cret-pass"), 2048);
    new KeyImporter(other).importPem(Files.readString(f), f.toString(), null, null);
    KeyInfo imported = other.list().keys().get(0);
    assertEquals(made.id(), imported.id());
    assertEquals("alice", imported.role().name());
  }

  @Test
  void list_neverAsksForAPassphrase() throws Exception {
    store("s3cret-pass").generate(KeySpec.of(Role.ROOT, "", Algorithm.RSA_2048));
    FixedSecrets spy = new FixedSecrets(null);
    KeyListing l = new KeyFileStore(new TrustDirectory(tmp.resolve("trust")), spy, 2048).list();
    assertEquals(1, l.keys().size());
    assertEquals(Algorithm.RSA_2048, l.keys().get(0).algorithm());
    assertTrue(spy.requests.isEmpty());
  }

  @Test
  void signer_wrongPassphraseFromEnvironment_failsOnceWithKeyIdAndRole() throws Exception {
    KeyInfo k = store("right-pass").generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    FixedSecrets wrong = new FixedSecrets("wrong-pass", Secret.Origin.ENVIRONMENT);
    KeyFileStore s = new KeyFileStore(new TrustDirectory(tmp.resolve("trust")), wrong, 2048);
    WrongSecretException e = assertThrows(WrongSecretException.class, () -> s.signer(k.id()));
    assertEquals(ExitCode.WRONG_SECRET, e.exitCode());
    assertTrue(e.getMessage().contains("root key " + k.id().shortId()), e.getMessage());
    assertEquals(
        1, wrong.requests.size(), "a wrong passphrase from the environment is not retried");
  }

  @Test
  void signer_wrongPassphrase_namesTheVariableItCameFrom_andClaimsNoChange() throws Exception {
    KeyInfo k = store("right-pass").generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    KeyFileStore s =
        new KeyFileStore(
            new TrustDirectory(tmp.resolve("trust")),
            new dev.trustkeys.core.secret.EnvironmentSecrets(
                java.util.Map.of("DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE", "wrong-pass")),
            2048);
    WrongSecretException e = assertThrows(WrongSecretException.class, () -> s.signer(k.id()));
    assertEquals(
        "wrong passphrase for root key "
            + k.id().shortId()
            + " (from DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE)",
        e.getMessage());
  }

  @Test
  void signer_aPersonAtThePrompt_getsThreeTries() throws Exception {
    KeyInfo k = store("right-pass").generate(KeySpec.of(Role.TARGETS, "g", Algorithm.ECDSA_P256));
    Deque<String> answers = new ArrayDeque<>(List.of("nope-1", "nope-2", "right-pass"));
    List<SecretRequest> asked = new java.util.ArrayList<>();
    KeyFileStore s =
        new KeyFileStore(
            new TrustDirectory(tmp.resolve("trust")),
            r -> {
              asked.add(r);
              return Optional.of(Secret.adopt(answers.pop().toCharArray(), Secret.Origin.PROMPT));
            },
            2048);
    try (var signer = s.signer(k.id())) {
      assertEquals(k.id(), signer.key().id());
    }
    assertEquals(List.of(1, 2, 3), asked.stream().map(SecretRequest::attempt).toList());
  }

  @Test
  void signer_noPassphraseSource_saysWhichVariablesToSet() throws Exception {
    KeyInfo k = store("right-pass").generate(KeySpec.of(Role.SNAPSHOT, "g", Algorithm.ECDSA_P256));
    KeyFileStore s =
        new KeyFileStore(new TrustDirectory(tmp.resolve("trust")), FixedSecrets.none(), 2048);
    KeysException e = assertThrows(KeysException.class, () -> s.signer(k.id()));
    assertEquals(ExitCode.NEEDS_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("NOTARY_SNAPSHOT_PASSPHRASE"), e.getMessage());
    assertTrue(
        e.getMessage().contains("DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE"), e.getMessage());
  }

  @Test
  void foreignAndCorruptFiles_areListedAsUnreadable_andLeftAlone() throws Exception {
    KeyFileStore s = store("s3cret-pass");
    KeyInfo good = s.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    Path priv = tmp.resolve("trust/private");
    Files.writeString(priv.resolve("notes.txt"), "hello");
    String corruptId = "a".repeat(64);
    Files.writeString(
        priv.resolve(corruptId + ".key"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nrole: root\n\nAAA");
    String noRole = "b".repeat(64);
    Files.writeString(
        priv.resolve(noRole + ".key"),
        new PemBlock("PRIVATE KEY", java.util.Map.of(), new byte[5]).encode());
    KeyListing l = s.list();
    assertEquals(List.of(good.id()), l.keys().stream().map(KeyInfo::id).toList());
    assertEquals(3, l.unreadable().size(), l.unreadable().toString());
    s.generate(KeySpec.of(Role.TARGETS, "g", Algorithm.ECDSA_P256));
    assertTrue(Files.exists(priv.resolve("notes.txt")));
    assertTrue(Files.exists(priv.resolve(corruptId + ".key")));
    assertTrue(Files.exists(priv.resolve(noRole + ".key")));
  }

  @Test
  void aKeyFileRemovedAfterTheDirectoryWasListed_isNotThere_ratherThanUnreadable()
      throws Exception {
    KeyFileStore s = store("s3cret-pass");
    KeyInfo kept = s.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    KeyInfo removed = s.generate(KeySpec.of(Role.TARGETS, "g", Algorithm.ECDSA_P256));
    Path priv = tmp.resolve("trust/private");
    String dangling = "c".repeat(64) + ".key";
    Files.createSymbolicLink(priv.resolve(dangling), priv.resolve("nowhere"));
    // the names as a scan lists them; then another process (keys remove) deletes a key file
    // before the scan reads it
    String[] listed = priv.toFile().list();
    Files.delete(priv.resolve(removed.id().hex() + ".key"));
    for (int threshold : new int[] {Integer.MAX_VALUE, 1}) { // one reader, then several
      KeyFileScanner.Scan scan =
          withParallelThreshold(threshold, () -> KeyFileScanner.read(priv, listed, null));
      assertEquals(1, scan.keys.size());
      assertEquals(kept.id(), scan.keys.get(0).id());
      // the removed key is simply not there (a lookup says "not found", not "restore it from a
      // backup"); a link to nothing is still a broken entry to report
      assertEquals(1, scan.unreadable.size(), scan.unreadable.toString());
      assertEquals(priv.resolve(dangling).toString(), scan.unreadable.get(0).location());
    }
  }

  @Test
  void theLegacyLayoutsWalk_passesOverWhatWasRemoved_andReportsWhatCannotBeRead() throws Exception {
    List<Path> files = new ArrayList<>();
    List<KeyListing.Unreadable> unreadable = new ArrayList<>();
    KeyFileScanner.LegacyWalk walk = new KeyFileScanner.LegacyWalk(files, unreadable);
    Path removedFile = tmp.resolve("private/tuf_keys/example.com/app/" + "d".repeat(64) + ".key");
    Path removedDirectory = tmp.resolve("private/tuf_keys/example.com/old");
    Path denied = tmp.resolve("private/root_keys");
    // entries another process removed while the walk went on: not there, nothing to report
    assertEquals(
        FileVisitResult.CONTINUE,
        walk.visitFileFailed(removedFile, new NoSuchFileException(removedFile.toString())));
    assertEquals(
        FileVisitResult.CONTINUE,
        walk.postVisitDirectory(
            removedDirectory, new NoSuchFileException(removedDirectory.toString())));
    assertEquals(List.of(), unreadable);
    // anything else is reported, and the walk goes on
    assertEquals(
        FileVisitResult.CONTINUE,
        walk.visitFileFailed(denied, new AccessDeniedException(denied.toString())));
    assertEquals(1, unreadable.size());
    assertEquals(denied.toString(), unreadable.get(0).location());
    assertTrue(unreadable.get(0).reason().startsWith("cannot read: "), unreadable.toString());
    assertEquals(List.of(), files);
  }

  /** The text of {@code key}'s file without its role header, to copy under other roles. */
  private String withoutRole(KeyInfo key) throws java.io.IOException {
    return Files.readString(tmp.resolve("trust/private").resolve(key.id().hex() + ".key"))
        .replace("role: root\n", "");
  }

  /** {@code s.list()} with the scan's reader threads from {@code threshold} names. */
  private static KeyListing listWithParallelThreshold(KeyFileStore s, int threshold) {
    return withParallelThreshold(threshold, s::list);
  }

  /** {@code scan} run with the scan's reader threads from {@code threshold} names. */
  private static <T> T withParallelThreshold(int threshold, java.util.function.Supplier<T> scan) {
    System.setProperty("keys.scan.parallelThreshold", String.valueOf(threshold));
    try {
      return scan.get();
    } finally {
      System.clearProperty("keys.scan.parallelThreshold");
    }
  }

  @Test
  void aLargeDirectory_readInParallel_listsExactlyWhatOneThreadLists() throws Exception {
    KeyFileStore s = store("s3cret-pass");
    KeyInfo seed = s.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    Path priv = tmp.resolve("trust/private");
    String body = withoutRole(seed);
    java.util.Random random = new java.util.Random(7);
    String[] roles = {
      "role: root\n",
      "gun: example.com/a\nrole: targets\n",
      "gun: b\nrole: snapshot\n",
      "role: targets/x\n"
    };
    for (int i = 0; i < 300; i++) {
      String id = String.format("%064x", new java.math.BigInteger(256, random));
      String text =
          body.replace("-----\n", "-----\n" + roles[i % roles.length])
                  .replaceFirst("(?s)-----END.*", "")
              + "-----END ENCRYPTED PRIVATE KEY-----\n";
      Files.writeString(
          priv.resolve(id + ".key"),
          i % 37 == 5 ? "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" : text);
    }
    Files.writeString(priv.resolve("notes.txt"), "hello");
    Files.createDirectory(priv.resolve("e".repeat(64) + ".key"));
    Files.createDirectory(priv.resolve("stray"));
    Files.writeString(
        priv.resolve("." + "f".repeat(64) + ".key" + AtomicFiles.TMP_MARK + "00"), "half");
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long startedBySerial = threads.getTotalStartedThreadCount();
    KeyListing serial = listWithParallelThreshold(s, Integer.MAX_VALUE);
    startedBySerial = threads.getTotalStartedThreadCount() - startedBySerial;
    long started = threads.getTotalStartedThreadCount();
    KeyListing parallel = listWithParallelThreshold(s, 1);
    started = threads.getTotalStartedThreadCount() - started;
    assertEquals(0, startedBySerial, "the one-thread listing started a reader thread");
    assertTrue(started >= 1, "the parallel listing started no reader thread: it read alone");
    assertEquals(
        300 - 8 + 1, serial.keys().size()); // 8 truncated files (i % 37 == 5), plus the seed
    assertEquals(8 + 3, serial.unreadable().size(), serial.unreadable().toString());
    assertEquals(serial.keys(), parallel.keys());
    assertEquals(serial.unreadable(), parallel.unreadable());
  }

  /**
   * A key with copies in both of Notary 0.1-0.3's layouts is listed from root_keys, whichever order
   * the directory lists them in and whichever reader took them.
   */
  @Test
  void aKeyInBothLegacyLayouts_isListedFromRootKeys_everyTime() throws Exception {
    KeyFileStore s = store("s3cret-pass");
    KeyInfo seed = s.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    Path priv = tmp.resolve("trust/private");
    String body = withoutRole(seed);
    Files.delete(priv.resolve(seed.id().hex() + ".key"));
    Path rootKeys = Files.createDirectories(priv.resolve("root_keys"));
    Path tufKeys = Files.createDirectories(priv.resolve("tuf_keys/example.com/a"));
    Files.writeString(rootKeys.resolve(seed.id().hex() + "_root.key"), body);
    Files.writeString(tufKeys.resolve(seed.id().hex() + "_targets.key"), body);
    for (int threshold : List.of(Integer.MAX_VALUE, 1)) {
      List<KeyInfo> keys = listWithParallelThreshold(s, threshold).keys();
      assertEquals(1, keys.size(), keys.toString());
      assertEquals(Role.ROOT, keys.get(0).role(), keys.toString());
    }
  }

  @Test
  void aFileWhoseNameIsNotItsKeyId_isRefusedWhenUsed() throws Exception {
    KeyFileStore s = store("s3cret-pass");
    KeyInfo k = s.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    Path priv = tmp.resolve("trust/private");
    String other = "c".repeat(64);
    Files.move(priv.resolve(k.id().hex() + ".key"), priv.resolve(other + ".key"));
    KeysException e =
        assertThrows(KeysException.class, () -> s.signer(dev.trustkeys.core.KeyId.of(other)));
    assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
    assertTrue(e.getMessage().contains(k.id().hex()), e.getMessage());
  }

  @Test
  void remove_deletesTheFile_andAMissingKeyIsNotFound() throws Exception {
    KeyFileStore s = store("s3cret-pass");
    KeyInfo k = s.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    s.remove(k.id());
    assertTrue(s.list().keys().isEmpty());
    KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> s.remove(k.id()));
    assertEquals(ExitCode.NOT_FOUND, e.exitCode());
  }

  @Test
  void changePassphrase_keepsIdRoleAndGun_andOnlyTheNewPassphraseWorks() throws Exception {
    KeyFileStore s = store("old-passphrase");
    KeyInfo k = s.generate(KeySpec.of(Role.TARGETS, "example.com/app", Algorithm.ECDSA_P256));
    s.changePassphrase(k.id(), new FixedSecrets("new-passphrase"));
    assertEquals(List.of(k), s.list().keys());
    assertThrows(WrongSecretException.class, () -> store("old-passphrase").unlock(k.id()));
    try (KeyMaterial m = store("new-passphrase").unlock(k.id())) {
      assertEquals(k.id(), m.id());
    }
  }

  @Test
  void leftoversOfAKilledWriter_areIgnoredByListing_andCleanedByTheNextWrite() throws Exception {
    KeyFileStore s = store("s3cret-pass");
    s.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    Path priv = tmp.resolve("trust/private");
    Path leftover =
        priv.resolve("." + "d".repeat(64) + ".key" + AtomicFiles.TMP_MARK + "0011223344");
    Files.write(leftover, "half".getBytes(StandardCharsets.US_ASCII));
    assertTrue(s.list().unreadable().isEmpty());
    s.generate(KeySpec.of(Role.TARGETS, "g", Algorithm.ECDSA_P256));
    assertFalse(Files.exists(leftover));
  }

  @Test
  void tooShortPassphraseFromTheEnvironment_isRefusedForNewKeys() {
    KeyFileStore s =
        new KeyFileStore(
            new TrustDirectory(tmp.resolve("trust")),
            new dev.trustkeys.core.secret.EnvironmentSecrets(
                java.util.Map.of("NOTARY_ROOT_PASSPHRASE", "xq7zv")),
            2048);
    KeysException e =
        assertThrows(
            KeysException.class, () -> s.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256)));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("at least 8"), e.getMessage());
    assertFalse(e.getMessage().contains("xq7zv"), "the secret itself is never in a message");
  }
}
