package dev.trustkeys.bench;

import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.KeyMaterial;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.secret.EnvironmentSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The price of unlocking one key file (PBKDF2-HMAC-SHA1 + AES-256-CBC + PKCS#8 parse) at Notary's
 * 2,048 iterations and at the 600,000 keys writes, in a warmed-up JVM (the CLI figures in bench/run
 * include start-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KdfBench {
  @Param({"2048", "600000"})
  public int iterations;

  private Path dir;
  private KeyFileStore store;
  private KeyInfo key;

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("keys-jmh");
    store =
        new KeyFileStore(
            new TrustDirectory(dir),
            new EnvironmentSecrets(Map.of("NOTARY_TARGETS_PASSPHRASE", "jmh-passphrase")),
            iterations);
    key = store.generate(KeySpec.of(Role.TARGETS, "example.com/jmh", Algorithm.ECDSA_P256));
  }

  @TearDown
  public void tearDown() throws IOException {
    deleteTree(dir);
  }

  @Benchmark
  public Algorithm unlock() throws Exception {
    try (KeyMaterial m = store.unlock(key.id())) {
      return m.algorithm();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
