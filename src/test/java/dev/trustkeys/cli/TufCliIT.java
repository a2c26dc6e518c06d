package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys tuf} as packaged, in child processes. */
class TufCliIT {
  @TempDir Path tmp;

  private KeysRunner keys() {
    return new KeysRunner()
        .fastKdf()
        .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
        .env("NOTARY_TARGETS_PASSPHRASE", "targets-passphrase")
        .env("NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-passphrase")
        .env("NOTARY_TIMESTAMP_PASSPHRASE", "timestamp-passphrase");
  }

  @Test
  void concurrentAddTargetProcesses_loseNoUpdate() throws Exception {
    String dir = tmp.resolve("trust").toString();
    Path repo = tmp.resolve("repo");
    keys().keys("-d", dir, "tuf", "init", repo.toString(), "--no-yubikey").ok();
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Path f = Files.writeString(tmp.resolve("file" + i + ".txt"), "content " + i + "\n");
      ps.add(
          keys()
              .start(
                  keys()
                      .keysCommand("-d", dir, "tuf", "add-target", repo.toString(), f.toString())));
    }
    for (Process p : ps) {
      assertTrue(p.waitFor(300, TimeUnit.SECONDS), "keys tuf add-target did not finish");
      assertEquals(
          0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    KeysRunner.Result verify =
        keys().keys("-d", dir, "tuf", "verify", repo.toString(), "--json").ok();
    assertTrue(verify.out().contains("\"listed\": 3"), verify.out());
    assertTrue(verify.out().contains("\"checked\": 3"), verify.out());
  }
}
