package dev.trustkeys.bench;

import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.secret.EnvironmentSecrets;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.Signed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Signing a targets.json "signed" object as {@code keys} does for publishing: canonical JSON, then
 * one signature per key (an unlocked file key; the KDF is not part of this, see KdfBench).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetadataSigningBench {
  @Param({"ECDSA_P256", "ED25519", "RSA_2048"})
  public String algorithm;

  @Param({"10", "1000"})
  public int targets;

  private Path dir;
  private Signer signer;
  private List<KeyedSigner> signers;
  private Map<String, Object> signed;

  @Setup
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("keys-jmh");
    KeyFileStore store =
        new KeyFileStore(
            new TrustDirectory(dir),
            new EnvironmentSecrets(Map.of("NOTARY_TARGETS_PASSPHRASE", "jmh-passphrase")),
            1);
    KeyInfo k =
        store.generate(KeySpec.of(Role.TARGETS, "example.com/jmh", Algorithm.valueOf(algorithm)));
    signer = store.signer(k.id());
    signers = List.of(new KeyedSigner(k.id().hex(), signer));
    signed = CanonicalJsonBench.Metadata.targets(targets);
  }

  @TearDown
  public void tearDown() throws Exception {
    signer.close();
    KdfBench.deleteTree(dir);
  }

  @Benchmark
  public Signed sign() throws Exception {
    return MetadataSigning.sign(signed, signers);
  }
}
