package dev.trustkeys.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * For tests that run {@code keys} in-process against a real notary-server: one server per test
 * class (on 127.0.0.1, stopped by its PID), a fast KDF, the passphrases of every role, and one
 * trust directory per person under the test's own temporary directory.
 */
public abstract class WithNotaryServer {
  public static final Map<String, String> ENV =
      Map.of(
          "NOTARY_ROOT_PASSPHRASE",
          "root-pass-1",
          "NOTARY_TARGETS_PASSPHRASE",
          "targets-pass-1",
          "NOTARY_SNAPSHOT_PASSPHRASE",
          "snapshot-pass-1");
  protected static NotaryServerProcess server;
  @TempDir static Path serverDir;
  @TempDir protected Path tmp;

  @BeforeAll
  static void startServer() throws Exception {
    System.setProperty("keys.kdf.iterations", "10000");
    server = NotaryServerProcess.start(serverDir);
  }

  @AfterAll
  static void stopServer() {
    System.clearProperty("keys.kdf.iterations");
    server.close();
  }

  /** {@code keys} with the trust directory of {@code person}. */
  protected KeysCli holder(String person) {
    return new KeysCli(tmp.resolve(person), ENV);
  }

  protected static KeysCli.Result ok(KeysCli.Result r) {
    assertEquals(0, r.exit(), r.toString());
    return r;
  }
}
