package dev.trustkeys.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Commands run under strace(1), for tests that check the system calls a command makes. */
public final class Strace {
  private Strace() {}

  /**
   * {@code command} under {@code strace -ff}, tracing the system calls {@code calls} into {@code
   * traces} (read back with {@link #systemCalls}).
   */
  public static String[] straced(Path traces, String calls, List<String> command) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "strace",
                "-ff",
                "-qq",
                "-e",
                "trace=" + calls,
                "-o",
                traces.resolve("t").toString()));
    cmd.addAll(command);
    return cmd.toArray(new String[0]);
  }

  /**
   * The system calls {@code strace -ff -o DIR/t} wrote, one file per thread (so that no call is
   * split across lines by another thread's), in one string.
   */
  public static String systemCalls(Path dir) throws IOException {
    StringBuilder calls = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        calls.append(Files.readString(f));
      }
    }
    return calls.toString();
  }
}
