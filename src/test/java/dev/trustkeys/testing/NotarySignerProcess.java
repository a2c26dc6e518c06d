package dev.trustkeys.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * A real {@code notary-signer} for tests: gRPC on 127.0.0.1 with mutual TLS (its certificate and
 * the clients' from one test CA), keys in PostgreSQL (database {@code notarysigner}) encrypted
 * under a passphrase alias, or in memory. Stopped by its PID.
 */
public final class NotarySignerProcess implements AutoCloseable {
  private static final String ALIAS = "keystestalias";
  private final Process process;
  private final int port;
  private final TestCa ca;
  private final Path caFile;
  private final Path log;

  private NotarySignerProcess(Process process, int port, TestCa ca, Path caFile, Path log) {
    this.process = process;
    this.port = port;
    this.ca = ca;
    this.caFile = caFile;
    this.log = log;
  }

  /** Starts a signer with keys in {@code postgres}, or in memory when it is null. */
  public static NotarySignerProcess start(Path dir, PostgresProcess postgres)
      throws IOException, InterruptedException, GeneralSecurityException {
    Files.createDirectories(dir);
    TestCa ca = TestCa.create("keys test signer CA");
    Path caFile = ca.writeCertificate(dir.resolve("signer-ca.crt"));
    TestCa.Files2 tls =
        ca.peer("notary-signer", "127.0.0.1", "localhost").write(dir, "notary-signer-tls");
    String storage =
        postgres == null
            ? "{\"backend\":\"memory\"}"
            : "{\"backend\":\"postgres\",\"db_url\":\""
                + postgres.url("notarysigner", "signer")
                + "\",\"default_alias\":\""
                + ALIAS
                + "\"}";
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = NotaryServerProcess.freePort();
      Path config = dir.resolve("signer-" + port + ".json");
      Files.writeString(
          config,
          "{\"server\":{\"grpc_addr\":\"127.0.0.1:"
              + port
              + "\",\"tls_cert_file\":\""
              + tls.cert()
              + "\",\"tls_key_file\":\""
              + tls.key()
              + "\",\"client_ca_file\":\""
              + caFile
              + "\"},"
              + "\"logging\":{\"level\":\"info\"},\"storage\":"
              + storage
              + "}");
      Path log = dir.resolve("signer-" + port + ".log");
      ProcessBuilder pb =
          new ProcessBuilder("notary-signer", "-config", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment()
          .put(
              "NOTARY_SIGNER_" + ALIAS.toUpperCase(java.util.Locale.ROOT), "keys-test-signer-pass");
      Process p = pb.start();
      if (NotaryServerProcess.awaitPort(p, port)) {
        return new NotarySignerProcess(p, port, ca, caFile, log);
      }
      NotaryServerProcess.stop(p);
      last =
          new IOException(
              "notary-signer did not start on port " + port + ": " + Files.readString(log));
    }
    throw last;
  }

  public int port() {
    return port;
  }

  /** The CA of the signer's and its clients' certificates. */
  public TestCa ca() {
    return ca;
  }

  public Path caFile() {
    return caFile;
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    NotaryServerProcess.stop(process);
  }
}
