package dev.trustkeys.backup;

import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keys and archives for the tests: real encrypted key files (2,048 PBKDF2 iterations), real tar.
 */
final class TestKeys {
  static final String PASSPHRASE = "correct horse battery";

  private TestKeys() {}

  static SecretProvider passphrase(String p) {
    return r -> Optional.of(Secret.copyOf(p.toCharArray(), Secret.Origin.PROGRAM));
  }

  static KeyFileStore store(Path trustDir) {
    return new KeyFileStore(new TrustDirectory(trustDir), passphrase(PASSPHRASE), 2048);
  }

  /** A trust directory with a root, a targets and a delegation key, and some metadata. */
  static List<KeyInfo> populate(Path trustDir) throws Exception {
    KeyFileStore s = store(trustDir);
    KeyInfo root = s.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    KeyInfo targets = s.generate(KeySpec.of(Role.TARGETS, "example.com/app", Algorithm.ED25519));
    KeyInfo deleg = s.generate(KeySpec.of(Role.of("targets/releases"), "", Algorithm.ECDSA_P256));
    Trees.copy(Trees.fixture("notary0.3").resolve("tuf"), trustDir.resolve("tuf"));
    return List.of(root, targets, deleg);
  }

  /** Runs a command (no shell) in {@code dir}; fails the test if it fails. */
  static void run(Path dir, String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
    }
  }

  /**
   * {@code umask 077; tar -zcvf ARCHIVE ~/.docker/trust/private} with HOME set to {@code home}, as
   * users do it.
   */
  static Path plainTar(Path home, Path archive) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
            "sh",
            "-c",
            "umask 077; tar -zcvf \"$1\" ~/.docker/trust/private",
            "sh",
            archive.toString());
    pb.environment().put("HOME", home.toString());
    pb.directory(home.toFile()).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("tar failed: " + out);
    }
    return archive;
  }
}
