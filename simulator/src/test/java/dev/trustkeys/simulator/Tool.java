package dev.trustkeys.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a real tool as a child process against the rig's private pcscd. */
final class Tool {
  record Result(int exit, String out, String err) {
    Result ok() {
      assertEquals(0, exit, "exit code; stdout:\n" + out + "\nstderr:\n" + err);
      return this;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private Tool() {}

  static Result run(VirtualYubiKeyRig rig, String... cmd) throws IOException, InterruptedException {
    return run(rig.command(cmd), 60);
  }

  static Result run(ProcessBuilder pb, int timeoutSeconds)
      throws IOException, InterruptedException {
    File out = File.createTempFile("tool", ".out");
    File err = File.createTempFile("tool", ".err");
    try {
      pb.redirectOutput(out)
          .redirectError(err)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("timed out after " + timeoutSeconds + " s: " + pb.command());
      }
      return new Result(
          p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    } finally {
      out.delete();
      err.delete();
    }
  }

  /**
   * True when the process exists and is not a zombie (PID 1 in a container may not reap orphans).
   */
  static boolean isRunning(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  static void requireInstalled(String... paths) {
    for (String p : paths) {
      if (!Files.exists(Path.of(p))) {
        fail(
            p
                + " is missing: install the Debian packages pcscd vsmartcard-vpcd yubico-piv-tool ykcs11"
                + " opensc notary (the project's test script does)");
      }
    }
  }
}
