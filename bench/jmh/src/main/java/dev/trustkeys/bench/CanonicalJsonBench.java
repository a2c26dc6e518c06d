package dev.trustkeys.bench;

import dev.trustkeys.tuf.Json;
import java.util.LinkedHashMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Canonical JSON of a Notary targets.json "signed" object with N targets: encode, and parse +
 * re-encode.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CanonicalJsonBench {
  @Param({"10", "1000"})
  public int targets;

  private Map<String, Object> signed;
  private byte[] text;

  @Setup
  public void setUp() {
    signed = Metadata.targets(targets);
    text = Json.canonical(signed);
  }

  @Benchmark
  public byte[] canonical() {
    return Json.canonical(signed);
  }

  @Benchmark
  public byte[] parseAndCanonical() throws Exception {
    return Json.canonical(Json.parse(text));
  }

  /** Builders for realistic metadata. */
  static final class Metadata {
    private Metadata() {}

    static Map<String, Object> targets(int n) {
      Map<String, Object> files = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        Map<String, Object> hashes = new LinkedHashMap<>();
        hashes.put("sha256", String.format("%064x", i * 7919L + 1));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("hashes", hashes);
        meta.put("length", 1024L + i);
        files.put("v" + i, meta);
      }
      Map<String, Object> delegations = new LinkedHashMap<>();
      delegations.put("keys", new LinkedHashMap<>());
      delegations.put("roles", java.util.List.of());
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("_type", "Targets");
      s.put("delegations", delegations);
      s.put("expires", "2029-11-23T14:00:00Z");
      s.put("targets", files);
      s.put("version", 7L);
      return s;
    }
  }
}
