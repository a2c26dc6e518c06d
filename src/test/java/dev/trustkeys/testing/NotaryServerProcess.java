package dev.trustkeys.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code notary-server} for tests, on 127.0.0.1 on a free port (bind port 0, release, start;
 * retried if another process takes the port first), stopped by its PID. By default: plain HTTP,
 * in-memory storage, the local trust service. {@link #builder} adds what real deployments have: TLS
 * from a test CA, token authentication from a {@link TokenIssuer}, a {@code notary-signer} over
 * mutual TLS, PostgreSQL storage.
 */
public final class NotaryServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;
  private final boolean tls;
  private final Path caFile;

  private NotaryServerProcess(Process process, int port, Path log, boolean tls, Path caFile) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.tls = tls;
    this.caFile = caFile;
  }

  /** A plain-HTTP server with in-memory storage and the local trust service. */
  public static NotaryServerProcess start(Path workDir) throws IOException, InterruptedException {
    try {
      return builder(workDir).start();
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  public static Builder builder(Path workDir) {
    return new Builder(workDir);
  }

  /** What the server is made of. */
  public static final class Builder {
    private final Path dir;
    private TestCa ca;
    private TestCa.Issued certificate;
    private TokenIssuer tokens;
    private NotarySignerProcess signer;
    private PostgresProcess postgres;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** HTTPS with a certificate for 127.0.0.1 and localhost from {@code ca}. */
    public Builder tls(TestCa ca) {
      this.ca = ca;
      return this;
    }

    /**
     * HTTPS with this certificate (an expired one, one for other names); {@code ca} is its issuer.
     */
    public Builder tls(TestCa ca, TestCa.Issued certificate) {
      this.ca = ca;
      this.certificate = certificate;
      return this;
    }

    /**
     * Token authentication: tokens from {@code issuer}, verified by notary-server against its CA.
     */
    public Builder tokenAuth(TokenIssuer issuer) {
      this.tokens = issuer;
      return this;
    }

    /**
     * Keys held by this notary-signer, reached over mutual TLS (certificates from the signer's CA).
     */
    public Builder signer(NotarySignerProcess signer) {
      this.signer = signer;
      return this;
    }

    /** Metadata in PostgreSQL (database {@code notaryserver}). */
    public Builder postgres(PostgresProcess postgres) {
      this.postgres = postgres;
      return this;
    }

    public NotaryServerProcess start()
        throws IOException, InterruptedException, GeneralSecurityException {
      Files.createDirectories(dir);
      Path caFile = null;
      List<String> server = new ArrayList<>();
      if (ca != null) {
        TestCa.Issued cert =
            certificate != null
                ? certificate
                : ca.server("notary-server", "127.0.0.1", "localhost");
        TestCa.Files2 f = cert.write(dir, "notary-server-tls");
        caFile = ca.writeCertificate(dir.resolve("notary-server-ca.crt"));
        server.add("\"tls_cert_file\":\"" + f.cert() + "\",\"tls_key_file\":\"" + f.key() + "\"");
      }
      String trust = "{\"type\":\"local\"}";
      if (signer != null) {
        TestCa.Files2 client =
            signer.ca().peer("notary-server", "127.0.0.1").write(dir, "notary-server-to-signer");
        trust =
            "{\"type\":\"remote\",\"hostname\":\"127.0.0.1\",\"port\":\""
                + signer.port()
                + "\",\"tls_ca_file\":\""
                + signer.caFile()
                + "\",\"key_algorithm\":\"ecdsa\",\"tls_client_cert\":\""
                + client.cert()
                + "\",\"tls_client_key\":\""
                + client.key()
                + "\"}";
      }
      String storage =
          postgres == null
              ? "{\"backend\":\"memory\"}"
              : "{\"backend\":\"postgres\",\"db_url\":\""
                  + postgres.url("notaryserver", "server")
                  + "\"}";
      String auth =
          tokens == null
              ? ""
              : ",\"auth\":{\"type\":\"token\",\"options\":{\"realm\":\""
                  + tokens.realm()
                  + "\",\"service\":\""
                  + TokenIssuer.SERVICE
                  + "\",\"issuer\":\""
                  + TokenIssuer.ISSUER
                  + "\",\"rootcertbundle\":\""
                  + tokens.rootCertBundle()
                  + "\"}}";
      IOException last = null;
      for (int attempt = 0; attempt < 5; attempt++) {
        int port = freePort();
        Path config = dir.resolve("server-" + port + ".json");
        String s =
            "\"http_addr\":\"127.0.0.1:"
                + port
                + "\""
                + (server.isEmpty() ? "" : "," + server.get(0));
        Files.writeString(
            config,
            "{\"server\":{"
                + s
                + "},\"trust_service\":"
                + trust
                + ",\"storage\":"
                + storage
                + auth
                + ",\"logging\":{\"level\":\"info\"}}");
        Path log = dir.resolve("server-" + port + ".log");
        Process p =
            new ProcessBuilder("notary-server", "-config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (awaitPort(p, port)) {
          return new NotaryServerProcess(p, port, log, ca != null, caFile);
        }
        stop(p);
        last =
            new IOException(
                "notary-server did not start on port " + port + ": " + Files.readString(log));
      }
      throw last;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits until something accepts connections on the port (or the process ends). */
  static boolean awaitPort(Process p, int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (Socket c = new Socket()) {
        c.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    return false;
  }

  static void stop(Process process) {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  public String url() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + port;
  }

  /** {@code 127.0.0.1:PORT}, Docker's directory name under {@code tls/}. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The CA certificate of the server's TLS certificate (null without TLS). */
  public Path caFile() {
    return caFile;
  }

  public long pid() {
    return process.pid();
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    stop(process);
  }
}
