package dev.trustkeys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (Debian package {@code postgresql}): {@code initdb} in a
 * temporary directory, {@code postgres} on 127.0.0.1 on a free port with trust authentication,
 * stopped by its PID and the directory removed. Run as the {@code postgres} system user when the
 * tests run as root (PostgreSQL refuses root). {@link #createNotaryDatabases} makes the databases
 * and users notary-server and notary-signer use, with their tables as Notary's migrations define
 * them.
 */
public final class PostgresProcess implements AutoCloseable {
  private final Path base;
  private final Path bin;
  private final Process process;
  private final int port;
  private final boolean asPostgresUser;

  private PostgresProcess(Path base, Path bin, Process process, int port, boolean asPostgresUser) {
    this.base = base;
    this.bin = bin;
    this.process = process;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  public static PostgresProcess start() throws IOException, InterruptedException {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path base = Files.createTempDirectory("keys-pg");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = base.resolve("data");
    if (root) {
      run(List.of("chown", "postgres:postgres", base.toString()), null);
    }
    run(
        wrap(
            root,
            List.of(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync")),
        base.resolve("initdb.log"));
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = NotaryServerProcess.freePort();
      Path log = base.resolve("postgres-" + port + ".log");
      Process p =
          new ProcessBuilder(
                  wrap(
                      root,
                      List.of(
                          bin.resolve("postgres").toString(),
                          "-D",
                          data.toString(),
                          "-p",
                          String.valueOf(port),
                          "-c",
                          "listen_addresses=127.0.0.1",
                          "-c",
                          "unix_socket_directories=" + base,
                          "-c",
                          "fsync=off")))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PostgresProcess pg = new PostgresProcess(base, bin, p, port, root);
      if (NotaryServerProcess.awaitPort(p, port) && pg.ready()) {
        return pg;
      }
      NotaryServerProcess.stop(p);
      last =
          new IOException("postgres did not start on port " + port + ": " + Files.readString(log));
    }
    deleteTree(base);
    throw last;
  }

  private boolean ready() throws IOException, InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (psql("postgres", "postgres", "SELECT 1").exitValue == 0) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  /**
   * Users {@code server} and {@code signer}, databases {@code notaryserver} and {@code
   * notarysigner}, tables.
   */
  public void createNotaryDatabases() throws IOException, InterruptedException {
    for (String sql :
        List.of(
            "CREATE USER server",
            "CREATE USER signer",
            "CREATE DATABASE notaryserver OWNER server",
            "CREATE DATABASE notarysigner OWNER signer")) {
      check(psql("postgres", "postgres", sql), sql);
    }
    // The tables of Notary's PostgreSQL migrations (server: 0001 initial, 0002 changefeed; signer:
    // 0001 initial).
    String server =
        "CREATE TABLE tuf_files (id serial PRIMARY KEY, created_at timestamp NULL DEFAULT NULL,"
            + " updated_at timestamp NULL DEFAULT NULL, deleted_at timestamp NULL DEFAULT NULL,"
            + " gun varchar(255) NOT NULL, role varchar(255) NOT NULL, version integer NOT NULL, data bytea NOT NULL,"
            + " sha256 char(64) DEFAULT NULL, UNIQUE (gun, role, version));"
            + " CREATE INDEX tuf_files_sha256_idx ON tuf_files (sha256);"
            + " CREATE TABLE change_category (category varchar(20) PRIMARY KEY);"
            + " INSERT INTO change_category VALUES ('update'), ('deletion');"
            + " CREATE TABLE changefeed (id serial PRIMARY KEY, created_at timestamp DEFAULT CURRENT_TIMESTAMP,"
            + " gun varchar(255) NOT NULL, version integer NOT NULL, sha256 char(64) DEFAULT NULL,"
            + " category varchar(20) NOT NULL DEFAULT 'update' REFERENCES change_category);"
            + " CREATE INDEX idx_changefeed_gun ON changefeed (gun);";
    check(psql("notaryserver", "server", server), "notaryserver tables");
    String signer =
        "CREATE TABLE private_keys (id serial PRIMARY KEY, created_at timestamp NULL DEFAULT NULL,"
            + " updated_at timestamp NULL DEFAULT NULL, deleted_at timestamp NULL DEFAULT NULL,"
            + " key_id varchar(255) NOT NULL, encryption_alg varchar(255) NOT NULL, keywrap_alg varchar(255) NOT NULL,"
            + " algorithm varchar(50) NOT NULL, passphrase_alias varchar(50) NOT NULL, public bytea NOT NULL,"
            + " private bytea NOT NULL, gun varchar(255) NOT NULL, role varchar(255) NOT NULL,"
            + " last_used timestamp NULL DEFAULT NULL, CONSTRAINT key_id UNIQUE (key_id),"
            + " CONSTRAINT key_id_2 UNIQUE (key_id, algorithm));";
    check(psql("notarysigner", "signer", signer), "notarysigner tables");
  }

  /** Runs one SQL text as {@code user} in {@code database}; returns its exit status and output. */
  public Result psql(String database, String user, String sql)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                bin.resolve("psql").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-U",
                user,
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-At",
                "-c",
                sql)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("psql did not finish: " + sql);
    }
    return new Result(p.exitValue(), out);
  }

  /** What psql did. */
  public record Result(int exitValue, String output) {}

  private static void check(Result r, String what) throws IOException {
    if (r.exitValue != 0) {
      throw new IOException("psql failed for " + what + ": " + r.output);
    }
  }

  /** A {@code postgres://} URL for notary-server and notary-signer. */
  public String url(String database, String user) {
    return "postgres://" + user + "@127.0.0.1:" + port + "/" + database + "?sslmode=disable";
  }

  public int port() {
    return port;
  }

  private static List<String> wrap(boolean asPostgres, List<String> cmd) {
    if (!asPostgres) {
      return cmd;
    }
    List<String> w =
        new ArrayList<>(
            List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
    w.addAll(cmd);
    return w;
  }

  private static void run(List<String> cmd, Path log) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(
        log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()));
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(cmd + " failed" + (log == null ? "" : ": " + Files.readString(log)));
    }
  }

  /**
   * The newest {@code /usr/lib/postgresql/N/bin}, where Debian puts initdb and postgres (not on the
   * PATH).
   */
  private static Path binaries() throws IOException {
    Path lib = Path.of("/usr/lib/postgresql");
    try (Stream<Path> s = Files.list(lib)) {
      return s.map(p -> p.resolve("bin"))
          .filter(p -> Files.isExecutable(p.resolve("postgres")))
          .max(
              Comparator.comparingInt(
                  p -> Integer.parseInt(p.getParent().getFileName().toString())))
          .orElseThrow(
              () ->
                  new IOException(
                      "no PostgreSQL server under "
                          + lib
                          + ": install the Debian package"
                          + " postgresql (bin/test does)"));
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    }
  }

  @Override
  public void close() {
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      deleteTree(base);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // a leftover temporary directory is harmless
    }
  }

  @Override
  public String toString() {
    return "PostgresProcess[127.0.0.1:" + port + (asPostgresUser ? ", as postgres" : "") + "]";
  }
}
