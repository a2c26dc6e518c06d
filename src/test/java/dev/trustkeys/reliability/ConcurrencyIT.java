package dev.trustkeys.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Sixteen {@code keys} processes at once in one trust directory, generating, removing, importing and changing
 * passphrases, for several rounds: the directory ends with exactly the expected keys, each decrypting with the
 * passphrase it should have, and no leftovers.
 */
class ConcurrencyIT {
  private static final int ROUNDS = Integer.getInteger("keys.concurrency.rounds", 3);
  private static final Pattern ID = Pattern.compile("\\b[0-9a-f]{64}\\b");
  private static final String DELEGATION = "delegation-passphrase";
  private static final String NEW = "changed-passphrase";
  @TempDir Path tmp;

  @Test
  void sixteenProcesses_generateRemoveImportPasswd_endWithExactlyTheExpectedKeys() throws Exception {
    Path dir = tmp.resolve("trust");
    KeyFileStore store = new KeyFileStore(new TrustDirectory(dir), new FixedSecrets(DELEGATION), 2048);
    List<KeyId> pool = new ArrayList<>();
    for (int i = 0; i < 7 * ROUNDS; i++) {
      pool.add(store.generate(KeySpec.of(Role.of("targets/pre" + i), "", Algorithm.ECDSA_P256)).id());
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
        commands.add(switch (kind) {
          case "generate" -> List.of("generate", "--role", "targets/r" + round + "w" + i,
              "--algorithm", i % 2 == 0 ? "ecdsa" : "ed25519");
          case "remove" -> List.of("remove", "--yes", mine.get(i - 6).hex());
          case "import" -> List.of("import", unencryptedKey(tmp.resolve("k" + round + "-" + i + ".pem")).toString());
          default -> List.of("passwd", mine.get(i - 13 + 4).hex(), "--new-passphrase-file", newPass.toString());
        });
      }
      List<Process> procs = new ArrayList<>();
      List<Path> outs = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        List<String> args = new ArrayList<>(List.of("-d", dir.toString()));
        args.addAll(commands.get(i));
        Path out = tmp.resolve("out-" + round + "-" + i);
        ProcessBuilder pb = new ProcessBuilder(new KeysRunner().fastKdf().keysCommand(args.toArray(new String[0])))
            .redirectOutput(out.toFile()).redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("NOTARY_DELEGATION_PASSPHRASE", DELEGATION);
        procs.add(pb.start());
        outs.add(out);
      }
      for (int i = 0; i < 16; i++) {
        assertTrue(procs.get(i).waitFor(180, TimeUnit.SECONDS), "round " + round + " process " + i + " hangs");
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
      assertEquals(java.util.Optional.empty(), c.decrypts(id), id + (changed.contains(id) ? " (passwd)" : ""));
    }
    assertTrue(oldPass.unreadable().isEmpty(), oldPass.unreadable().toString());
    try (Stream<Path> s = Files.walk(dir)) {
      assertTrue(s.noneMatch(AtomicFiles::isTemporary), "no leftovers");
    }
  }

  private static Path unencryptedKey(Path f) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] der = g.generateKeyPair().getPrivate().getEncoded();
    return Files.writeString(f, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END PRIVATE KEY-----\n");
  }
}
