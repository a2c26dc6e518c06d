package dev.trustkeys.build;

import dev.trustkeys.cli.Main;
import dev.trustkeys.core.secret.CoreDumps;
import dev.trustkeys.core.secret.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Not for users, and not in {@code keys.jar}: the build runs this twice at package time in a JVM
 * started with {@code -XX:ArchiveClassesAtExit} (see keys.xml, executions {@code cds-archive} and
 * {@code cds-archive-network}), so that the classes the common commands load land in the
 * class-data-sharing archives {@code bin/keys} starts with: {@code target/keys.jsa} and, for the
 * commands that talk to a Notary server, {@code target/keys-net.jsa}. It runs {@code generate} (in
 * a temporary trust directory), {@code list}, {@code list --json}, {@code --version}, {@code
 * --help} (the full picocli model), {@code sign} with the root key it made, and {@code tuf init},
 * {@code tuf add-target}, {@code tuf verify} of a repository with those keys; for the network
 * archive also {@code status} and {@code inspect} over HTTPS with a private CA ({@link
 * NoRepositoryServer}). It turns core dumps off first, as {@code Main} does (JNA's classes).
 * Failures are reported and never fail the build: the archives are only an optimisation, and {@code
 * bin/keys} runs without them.
 *
 * <p>It comes from {@code target/cds-training.jar} on the module path (an automatic module, so it
 * reads keys on the class path), never from the class path: the archive records the class path it
 * was made with and is used only with the same one, and {@code bin/keys} runs {@code -cp keys.jar}.
 * Hence its own package, and only public API of keys.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /** A terminal nobody sits at. */
  private static final Terminal NO_TERMINAL = Terminal.none();

  private static void run(
      String[] line, PrintWriter sink, PrintWriter err, Map<String, String> env) {
    int code = Main.run(line, sink, sink, env, NO_TERMINAL);
    if (code != 0) {
      err.println(
          "keys: CDS training: 'keys "
              + String.join(" ", line)
              + "' exited "
              + code
              + " (ignored)");
    }
  }

  /**
   * {@code CdsTraining [network]}: without an argument, the local commands (for {@code keys.jsa});
   * with {@code network}, those and the commands that talk to a Notary server (for {@code
   * keys-net.jsa}, which {@code bin/keys} gives those commands only: an archive is relocated at
   * every start, at a cost that grows with its size, so the local commands keep a smaller one).
   */
  public static void main(String[] args) throws IOException {
    boolean network = args.length > 0 && args[0].equals("network");
    Path dir = Files.createTempDirectory("keys-cds-training");
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    PrintWriter err = new PrintWriter(System.err, true);
    Map<String, String> env =
        Map.of(
            "HOME",
            dir.toString(),
            // never a real card at build time: no PC/SC socket, so no YubiKey is looked for
            "PCSCLITE_CSOCK_NAME",
            dir.resolve("no-pcscd.comm").toString(),
            "NOTARY_ROOT_PASSPHRASE",
            "cds-training-only",
            "NOTARY_TARGETS_PASSPHRASE",
            "cds-training-only");
    String d = dir.resolve("trust").toString();
    List<String[]> lines =
        List.of(
            new String[] {"-d", d, "generate", "--role", "root"},
            new String[] {
              "-d", d, "generate", "--role", "targets", "--gun", "example.com/cds/training"
            },
            new String[] {"-d", d, "list"},
            new String[] {"-d", d, "list", "--json"},
            new String[] {"--version"},
            new String[] {"--help"});
    try {
      Terminal.system(); // what Main.main uses (no console here, as in pipes)
      CoreDumps.disable(); // what Main.main does before any command but a listing (JNA's classes)
      for (String[] line : lines) {
        run(line, sink, err, env);
      }
      // Signing with the root key just made: decryption, the key codec and the JDK's signature
      // classes.
      Path message = Files.writeString(dir.resolve("message"), "cds training\n");
      String root = null;
      String targets = null;
      try (Stream<Path> keys = Files.list(dir.resolve("trust").resolve("private"))) {
        for (Path key : keys.toList()) {
          String name = key.getFileName().toString();
          if (!name.endsWith(".key")) {
            continue;
          }
          String id = name.substring(0, name.length() - 4);
          if (Files.readString(key).contains("role: root")) {
            root = id;
            run(new String[] {"-d", d, "sign", "--key", id, message.toString()}, sink, err, env);
          } else {
            targets = id;
          }
        }
      }
      // A TUF repository with the keys just made (no new key: each would cost a full KDF):
      // metadata, canonical JSON, signing and the verifier's checks.
      if (root != null && targets != null) {
        String repo = dir.resolve("repo").toString();
        run(
            new String[] {
              "-d",
              d,
              "tuf",
              "init",
              "--root-key",
              root,
              "--targets-key",
              targets,
              "--snapshot-key",
              targets,
              "--timestamp-key",
              targets,
              repo
            },
            sink,
            err,
            env);
        run(new String[] {"-d", d, "tuf", "add-target", repo, message.toString()}, sink, err, env);
        run(new String[] {"-d", d, "tuf", "verify", repo}, sink, err, env);
      }
      // A Notary server's client side: HTTPS with a private CA, as real deployments run it (the
      // HTTP client, the TLS handshake and certificate checks, the registry and Notary client
      // classes). The build has no Notary server: a local HTTPS server that knows no repository
      // answers, so the commands end at "repository not found" (exit codes ignored).
      if (!network) {
        return;
      }
      try {
        NoRepositoryServer server = NoRepositoryServer.start(dir);
        try {
          String url = "https://127.0.0.1:" + server.port();
          String ca = server.caFile().toString();
          String gun = "example.com/cds/training";
          // both end at "repository not found": their exit codes are not reported
          run(new String[] {"-d", d, "status", gun, "-s", url, "--tlscacert", ca}, sink, sink, env);
          run(
              new String[] {"-d", d, "inspect", gun, "-s", url, "--tlscacert", ca},
              sink,
              sink,
              env);
        } finally {
          server.stop();
        }
      } catch (IOException | RuntimeException | LinkageError e) {
        err.println(
            "keys: CDS training: no local HTTPS server (" + e + "); network commands untrained");
      }
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
