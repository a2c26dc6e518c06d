package dev.trustkeys.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded sample of the crash harness for CI: {@code keys.crash.runs} runs (default 30) with a
 * fresh seed each time (printed, and settable with {@code keys.crash.seed} to replay one). The full
 * run is {@code bench/crash-harness} (docs/reliability.md).
 */
class CrashHarnessIT {
  @TempDir Path tmp;

  @Test
  void killedAndFailingRuns_loseNoKey_leaveNoHalfFile_andLeftoversAreCleaned() throws Exception {
    int runs = Integer.getInteger("keys.crash.runs", 30);
    long seed = Long.getLong("keys.crash.seed", System.nanoTime());
    CrashHarness.Report r = new CrashHarness(tmp, KeysRunner.jar(), seed).run(runs);
    String summary = "seed " + seed + "\n" + r.summary();
    System.out.println(summary);
    assertEquals(runs, r.runs, summary);
    assertTrue(r.violations.isEmpty(), summary);
    assertTrue(
        r.outcomes.keySet().stream()
            .anyMatch(k -> k.endsWith("SIGKILL") || k.endsWith("halted-at-point")),
        "the sample killed nothing: " + summary);
  }
}
