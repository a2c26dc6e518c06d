package dev.trustkeys.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code notary-server} for tests: in-memory storage, plain HTTP on 127.0.0.1, local trust service, on a
 * free port (bind port 0, release, start; retried if another process takes the port first). Stopped by its PID.
 */
public final class NotaryServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private NotaryServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static NotaryServerProcess start(Path workDir) throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path config = workDir.resolve("server-" + port + ".json");
      Files.writeString(config, "{\"server\":{\"http_addr\":\"127.0.0.1:" + port + "\"},"
          + "\"trust_service\":{\"type\":\"local\"},\"storage\":{\"backend\":\"memory\"},"
          + "\"logging\":{\"level\":\"info\"}}");
      Path log = workDir.resolve("server-" + port + ".log");
      Process p = new ProcessBuilder("notary-server", "-config", config.toString())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && p.isAlive()) {
        try (Socket c = new Socket()) {
          c.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return new NotaryServerProcess(p, port, log);
        } catch (IOException e) {
          Thread.sleep(100);
        }
      }
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
      last = new IOException("notary-server did not start on port " + port + ": " + Files.readString(log));
    }
    throw last;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
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
}
