package dev.trustkeys.tuf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link RootChain#verify}, which {@code keys verify} and the ceremonies run on root
 * versions fetched from a Notary server: whatever the versions hold, it returns a report (problems
 * in it, never an exception), and the report renders as text and JSON. An input is a chain of
 * root.json files separated by NUL bytes.
 */
class RootChainFuzzTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

  @FuzzTest(maxDuration = "20s")
  void verify_reportsEveryChain_neverThrows(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /**
   * The entry point of the stand-alone fuzzer ({@code com.code_intelligence.jazzer.Jazzer
   * --target_class}).
   */
  public static void fuzzerTestOneInput(byte[] data) {
    RootChainReport report = new RootChain(CLOCK).verify("docker.io/library/fuzz", split(data));
    report.toText();
    report.toJson();
  }

  private static List<byte[]> split(byte[] data) {
    List<byte[]> parts = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= data.length; i++) {
      if (i == data.length || data[i] == 0) {
        parts.add(Arrays.copyOfRange(data, from, i));
        from = i + 1;
      }
    }
    return parts;
  }
}
