package dev.trustkeys.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.AtomicFiles;
import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import dev.trustkeys.testing.FixedSecrets;
import dev.trustkeys.testing.KeysRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen {@code keys} processes at once in one trust directory, generating, removing, importing
 * and changing passphrases, for several rounds: the directory ends with exactly the expected keys,
 * each decrypting with the passphrase it should have, and no leftovers. Then the races of a
 * read-modify-write: {@code passwd} against {@code remove} and against another {@code passwd} of
 * the same key, free-running with the real KDF (600,000 iterations: about a second between reading
 * the key and writing it), and in the exact order that used to lose data (the second process runs
 * to its end while the first waits between its read and its write): the loser fails with exit 8 and
 * one line naming the key, the winner's work stays, and no success is ever undone.
 */
class ConcurrencyIT {
  private static final int ROUNDS = Integer.getInteger("keys.concurrency.rounds", 3);
  private static final Pattern ID = Pattern.compile("\\b[0-9a-f]{64}\\b");
  private static final String DELEGATION = "delegation-passphrase";
  private static final String NEW = "changed-passphrase";
  @TempDir Path tmp;

  @Test
  void sixteenProcesses_generateRemoveImportPasswd_endWithExactlyTheExpectedKeys()
      throws Exception {
    Path dir = tmp.resolve("trust");
    KeyFileStore store =
        new KeyFileStore(new TrustDirectory(dir), new FixedSecrets(DELEGATION), 2048);
    List<KeyId> pool = new ArrayList<>();
    for (int i = 0; i < 7 * ROUNDS; i++) {
      pool.add(
          store.generate(KeySpec.of(Role.of("targets/pre" + i), "", Algorithm.ECDSA_P256)).id());
    }
    Set<KeyId> expected = new HashSet<>(pool);
    Set<KeyId> changed = new HashSet<>();
    Path newPass = Files.writeString(tmp.resolve("newpass"), NEW + "\n");
    for (int round = 0; round < ROUNDS; round++) {
      List<KeyId> mine = pool.subList(round * 7, round * 7 + 7);
      List<List<String>> commands = new ArrayList<>();
      List<String> kinds = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String kind = i < 6 ? "generate" : i < 10 ? "remove" : i < 13 ? "import" : "passwd";
        kinds.add(kind);
        commands.add(
            switch (kind) {
              case "generate" ->
                  List.of(
                      "generate",
                      "--role",
                      "targets/r" + round + "w" + i,
                      "--algorithm",
                      i % 2 == 0 ? "ecdsa" : "ed25519");
              case "remove" -> List.of("remove", "--yes", mine.get(i - 6).hex());
              case "import" ->
                  List.of(
                      "import",
                      unencryptedKey(tmp.resolve("k" + round + "-" + i + ".pem")).toString());
              default ->
                  List.of(
                      "passwd",
                      mine.get(i - 13 + 4).hex(),
                      "--new-passphrase-file",
                      newPass.toString());
            });
      }
      List<Process> procs = new ArrayList<>();
      List<Path> outs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        List<String> args = new ArrayList<>(List.of("-d", dir.toString()));
        args.addAll(commands.get(i));
        Path out = tmp.resolve("out-" + round + "-" + i);
        ProcessBuilder pb =
            new ProcessBuilder(new KeysRunner().fastKdf().keysCommand(args.toArray(new String[0])))
                .redirectOutput(out.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("NOTARY_DELEGATION_PASSPHRASE", DELEGATION);
        procs.add(pb.start());
        outs.add(out);
      }
      for (int i = 0; i < 16; i++) {
        assertTrue(
            procs.get(i).waitFor(180, TimeUnit.SECONDS),
            "round " + round + " process " + i + " hangs");
        String out = Files.readString(outs.get(i));
        assertEquals(0, procs.get(i).exitValue(), commands.get(i) + ": " + out);
        switch (kinds.get(i)) {
          case "generate", "import" -> {
            Matcher m = ID.matcher(out);
            assertTrue(m.find(), out);
            assertTrue(expected.add(KeyId.of(m.group())), "a new key: " + out);
          }
          case "remove" -> expected.remove(mine.get(i - 6));
          default -> changed.add(mine.get(i - 13 + 4));
        }
      }
      Set<KeyId> present = new HashSet<>(new TrustDirCheck(dir, List.of()).keys());
      assertEquals(expected, present, "round " + round);
    }
    assertEquals(7 * ROUNDS - 4 * ROUNDS + 9 * ROUNDS, expected.size());
    TrustDirCheck oldPass = new TrustDirCheck(dir, List.of(DELEGATION));
    TrustDirCheck newPassCheck = new TrustDirCheck(dir, List.of(NEW));
    for (KeyId id : expected) {
      TrustDirCheck c = changed.contains(id) ? newPassCheck : oldPass;
      assertEquals(
          java.util.Optional.empty(),
          c.decrypts(id),
          id + (changed.contains(id) ? " (passwd)" : ""));
    }
    assertTrue(oldPass.unreadable().isEmpty(), oldPass.unreadable().toString());
    try (Stream<Path> s = Files.walk(dir)) {
      assertTrue(s.noneMatch(AtomicFiles::isTemporary), "no leftovers");
    }
  }

  /** A running keys process and where its output goes. */
  private record Child(Process process, Path out, List<String> args) {
    int exit() throws Exception {
      assertTrue(process.waitFor(300, TimeUnit.SECONDS), args + " hangs");
      return process.exitValue();
    }

    String output() throws Exception {
      return Files.readString(out);
    }
  }

  private Child start(KeysRunner runner, Path dir, String name, String... command)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("-d", dir.toString()));
    args.addAll(List.of(command));
    Path out = tmp.resolve("out-" + name);
    ProcessBuilder pb =
        new ProcessBuilder(runner.keysCommand(args.toArray(new String[0])))
            .redirectOutput(out.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().put("NOTARY_DELEGATION_PASSPHRASE", DELEGATION);
    return new Child(pb.start(), out, args);
  }

  private static void assertConflict(Child loser, KeyId id) throws Exception {
    int exit = loser.exit();
    String out = loser.output();
    assertEquals(8, exit, out);
    assertEquals(1, out.lines().count(), out);
    assertTrue(
        out.startsWith("keys: key " + id.shortId() + " ") && out.contains("run the command again"),
        out);
  }

  private Path passphraseFile(String name, String passphrase) throws Exception {
    return Files.writeString(tmp.resolve(name), passphrase + "\n");
  }

  @Test
  void passwdRacingRemoveAndPasswd_withTheRealKdf_neverReportsASuccessThatIsUndone()
      throws Exception {
    Path dir = tmp.resolve("race");
    KeyFileStore store =
        new KeyFileStore(new TrustDirectory(dir), new FixedSecrets(DELEGATION), 2048);
    int pairs = 2;
    List<KeyId> removed = new ArrayList<>();
    List<KeyId> twice = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      removed.add(
          store.generate(KeySpec.of(Role.of("targets/rm" + i), "", Algorithm.ECDSA_P256)).id());
      twice.add(
          store.generate(KeySpec.of(Role.of("targets/pw" + i), "", Algorithm.ECDSA_P256)).id());
    }
    KeysRunner shipped =
        new KeysRunner(); // the jar as shipped: new key files at 600,000 iterations
    Path a = passphraseFile("new-a", "passphrase-a");
    Path b = passphraseFile("new-b", "passphrase-b");
    List<Child[]> removeRaces = new ArrayList<>();
    List<Child[]> passwdRaces = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      removeRaces.add(
          new Child[] {
            start(
                shipped,
                dir,
                "rm-passwd" + i,
                "passwd",
                removed.get(i).hex(),
                "--new-passphrase-file",
                a.toString()),
            start(shipped, dir, "rm" + i, "remove", "--yes", removed.get(i).hex())
          });
      passwdRaces.add(
          new Child[] {
            start(
                shipped,
                dir,
                "pw-a" + i,
                "passwd",
                twice.get(i).hex(),
                "--new-passphrase-file",
                a.toString()),
            start(
                shipped,
                dir,
                "pw-b" + i,
                "passwd",
                twice.get(i).hex(),
                "--new-passphrase-file",
                b.toString())
          });
    }
    TrustDirCheck check =
        new TrustDirCheck(dir, List.of(DELEGATION, "passphrase-a", "passphrase-b"));
    int conflicts = 0;
    for (int i = 0; i < pairs; i++) {
      Child passwd = removeRaces.get(i)[0];
      Child remove = removeRaces.get(i)[1];
      KeyId id = removed.get(i);
      assertEquals(0, remove.exit(), remove.output());
      assertFalse(
          check.keys().contains(id),
          "remove said Deleted, so "
              + id.shortId()
              + " stays deleted; passwd: "
              + passwd.exit()
              + " "
              + passwd.output());
      if (passwd.exit() == 8) {
        assertConflict(passwd, id);
        conflicts++;
      } else if (passwd.exit() != 0) {
        assertEquals(4, passwd.exit(), "passwd after the remove: not found\n" + passwd.output());
      }
    }
    for (int i = 0; i < pairs; i++) {
      Child first = passwdRaces.get(i)[0];
      Child second = passwdRaces.get(i)[1];
      KeyId id = twice.get(i);
      assertFalse(
          first.exit() == 0 && second.exit() == 0,
          "both passwd of " + id.shortId() + " from the same old passphrase reported success");
      for (Child c : new Child[] {first, second}) {
        if (c.exit() == 8) {
          assertConflict(c, id);
          conflicts++;
        } else if (c.exit() != 0) {
          assertEquals(
              3,
              c.exit(),
              "the loser came after the winner's write: wrong passphrase\n" + c.output());
        }
      }
      String expected =
          first.exit() == 0 ? "passphrase-a" : second.exit() == 0 ? "passphrase-b" : DELEGATION;
      assertEquals(java.util.Optional.of(expected), check.passphraseOf(id), id.shortId());
    }
    System.out.println(
        "ConcurrencyIT: " + conflicts + " of " + 3 * pairs + " racing passwd lost with a conflict");
  }

  @Test
  void passwdWaitingBetweenReadAndWrite_whileRemoveRuns_failsWithAConflict_andTheKeyStaysDeleted()
      throws Exception {
    Path dir = tmp.resolve("ordered-remove");
    KeyId id = oneKey(dir);
    Path gate = Files.createDirectories(tmp.resolve("gate-remove"));
    Child passwd = passwdStoppedAfterItsRead(dir, id, gate, "passphrase-a");
    Child remove = start(new KeysRunner(), dir, "ordered-rm", "remove", "--yes", id.hex());
    assertEquals(0, remove.exit(), remove.output());
    Files.createFile(gate.resolve("go"));
    assertConflict(passwd, id);
    assertTrue(
        passwd
            .output()
            .startsWith(
                "keys: key " + id.shortId() + " was removed while this command was using" + " it"),
        passwd.output());
    assertFalse(
        Files.exists(dir.resolve("private/" + id.hex() + ".key")),
        "the removed key is not resurrected");
  }

  @Test
  void
      passwdWaitingBetweenReadAndWrite_whileAnotherPasswdRuns_failsWithAConflict_andTheOtherPassphraseHolds()
          throws Exception {
    Path dir = tmp.resolve("ordered-passwd");
    KeyId id = oneKey(dir);
    Path gate = Files.createDirectories(tmp.resolve("gate-passwd"));
    Child first = passwdStoppedAfterItsRead(dir, id, gate, "passphrase-a");
    Child second =
        start(
            new KeysRunner(),
            dir,
            "second",
            "passwd",
            id.hex(),
            "--new-passphrase-file",
            passphraseFile("second", "passphrase-b").toString());
    assertEquals(0, second.exit(), second.output());
    Files.createFile(gate.resolve("go"));
    assertConflict(first, id);
    assertEquals(
        java.util.Optional.of("passphrase-b"),
        new TrustDirCheck(dir, List.of(DELEGATION, "passphrase-a", "passphrase-b"))
            .passphraseOf(id));
  }

  private static KeyId oneKey(Path dir) throws Exception {
    return new KeyFileStore(new TrustDirectory(dir), new FixedSecrets(DELEGATION), 2048)
        .generate(KeySpec.of(Role.of("targets/x"), "", Algorithm.ECDSA_P256))
        .id();
  }

  /**
   * A passwd that has read and re-encrypted the key and waits, before taking the lock, for {@code
   * gate/go}.
   */
  private Child passwdStoppedAfterItsRead(Path dir, KeyId id, Path gate, String newPassphrase)
      throws Exception {
    Child c =
        start(
            new KeysRunner().fault("await:" + gate + ":update-before-lock"),
            dir,
            "stopped-" + gate.getFileName(),
            "passwd",
            id.hex(),
            "--new-passphrase-file",
            passphraseFile("new-" + newPassphrase, newPassphrase).toString());
    awaitFile(gate.resolve("reached"), c);
    return c;
  }

  private static void awaitFile(Path f, Child c) throws Exception {
    for (int i = 0; i < 3000 && !Files.exists(f); i++) {
      if (!c.process().isAlive()) {
        throw new AssertionError(c.args() + " ended before its checkpoint: " + c.output());
      }
      Thread.sleep(100);
    }
    assertTrue(Files.exists(f), c.args() + " never reached its checkpoint");
  }

  private static Path unencryptedKey(Path f) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] der = g.generateKeyPair().getPrivate().getEncoded();
    return Files.writeString(
        f,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END PRIVATE KEY-----\n");
  }
}
