package dev.trustkeys.build;

import dev.trustkeys.cli.Main;
import dev.trustkeys.core.secret.CoreDumps;
import dev.trustkeys.core.secret.Terminal;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Not for users, and not in {@code keys.jar}: at package time {@link CdsArchives} runs this four
 * times, each in a JVM started with {@code -XX:DumpLoadedClassList}, so that the classes the
 * commands of a family load are listed for the class-data-sharing archive {@code bin/keys} starts
 * them with, which {@link CdsArchives} then makes: {@code target/keys.jsa}, {@code keys-list.jsa},
 * {@code keys-sign.jsa} and {@code keys-net.jsa} (see {@link #main}). For most families it runs
 * {@code generate} (in a temporary trust directory), {@code list}, {@code list --json}, {@code
 * --version}, {@code --help} (the full picocli model), {@code sign} with the root key it made, and
 * {@code tuf init}, {@code tuf add-target}, {@code tuf verify} of a repository with those keys; for
 * the network archive also {@code status} and {@code inspect} over HTTPS with a private CA ({@link
 * NoRepositoryServer}). It turns core dumps off first, as {@code Main} does (JNA's classes, and the
 * task's own). Commands that fail are reported and never fail the build: the archives are only an
 * optimisation, and {@code bin/keys} runs without them.
 *
 * <p>It comes from {@code target/cds-training.jar}, after {@code keys.jar} on the class path, never
 * from {@code keys.jar}: the class lists hold names, and the archives are dumped with {@code -cp
 * keys.jar} alone, the class path {@code bin/keys} runs with ({@link CdsArchives} leaves its own
 * classes out of the lists). Hence its own package, and only public API of keys.
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
   * {@code CdsTraining [list DIR|sign|network]}: without an argument, the local commands (for
   * {@code keys.jsa}); with {@code list DIR}, listings only, in DIR (for {@code keys-list.jsa}:
   * {@link #trainList}); with {@code sign}, making a key and signing (for {@code keys-sign.jsa});
   * with {@code network}, the local commands and those that talk to a Notary server (for {@code
   * keys-net.jsa}). {@code bin/keys} gives each command the archive of its family: the JVM
   * relocates an archive at every start, at a cost that grows with its size, so no command maps
   * more than it uses.
   */
  public static void main(String[] args) throws IOException {
    String family = args.length > 0 ? args[0] : "";
    if (family.equals("list")) {
      if (args.length != 2) {
        throw new IllegalArgumentException("usage: CdsTraining list DIR");
      }
      trainList(new File(args[1]));
      return;
    }
    boolean network = family.equals("network");
    boolean signing = family.equals("sign"); // keys-sign.jsa: generate and sign only
    Path dir = Files.createTempDirectory("keys-cds-training");
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    PrintWriter err = new PrintWriter(System.err, true);
    Map<String, String> env = environment(dir.toFile());
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
    if (signing) {
      // the two keys and nothing of picocli: the JVM relocates the whole archive at every start
      // (about 2.5 ms a megabyte here), and picocli's model was 2.7 MB of 17, which only the
      // command lines the fast path leaves to picocli (help, errors, -kID) use; they load it from
      // the jar (docs/performance.md)
      lines = List.of(lines.get(0), lines.get(1));
    }
    try {
      Terminal.system(); // what Main.main uses (no console here, as in pipes)
      // what Main.main does before any command but a listing (JNA's classes, and the task's own)
      joinCoreDumps(CoreDumps.disableInBackground());
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
            run(
                new String[] {
                  "-d",
                  d,
                  "sign",
                  "--key",
                  id,
                  "-o",
                  dir.resolve("sig").toString(),
                  message.toString()
                },
                sink,
                err,
                env);
            if (!signing) {
              // a form the fast path leaves to picocli (as help and errors are): picocli's parser
              run(new String[] {"-d", d, "sign", "-k" + id, message.toString()}, sink, err, env);
            }
          } else {
            targets = id;
          }
        }
      }
      if (signing) {
        return;
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
      delete(dir);
    }
  }

  /**
   * The listing only, in {@code dir} (made afresh, and removed after): key files as {@code keys
   * generate} writes them (copied, so that no key is made and no cryptography is loaded), listed as
   * people list them. Only {@code java.io} around it, and no temporary directory (its random name
   * loads the JDK's security providers): every class this JVM loads is listed for {@code
   * keys-list.jsa}, which every listing maps and relocates, so it holds what a listing loads and
   * little else (docs/performance.md).
   */
  private static void trainList(File dir) throws IOException {
    deleteTree(dir);
    File keys = new File(new File(dir, "trust"), "private");
    if (!keys.mkdirs()) {
      throw new IOException("cannot make " + keys);
    }
    String[][] files = {
      {"a1", "role: root\n"},
      {"b2", "gun: example.com/cds/training\nrole: targets\n"},
      {"c3", "role: targets/releases\n"}
    };
    for (String[] f : files) {
      try (FileOutputStream out = new FileOutputStream(new File(keys, f[0].repeat(32) + ".key"))) {
        out.write(
            ("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                    + f[1]
                    + "\n"
                    + LIST_KEY_BODY
                    + "-----END ENCRYPTED PRIVATE KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII));
      }
    }
    String d = new File(dir, "trust").getPath();
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    PrintWriter err = new PrintWriter(System.err, true);
    Map<String, String> env = environment(dir);
    try {
      Terminal.system(); // what Main.main uses (no console here, as in pipes)
      System.getenv(); // what Main.main reads (the training passes its own environment)
      for (String[] line :
          List.of(
              new String[] {"-d", d, "list"},
              new String[] {"-d", d, "list", "--json"},
              new String[] {"-d", d, "list", "example.com/cds/training"},
              new String[] {"-d", d, "list", "--role", "root"})) {
        run(line, sink, err, env);
      }
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * The environment every training command runs with: {@code dir} as HOME, the passphrases of the
   * keys it makes (a listing reads none), and never a real card at build time (no PC/SC socket, so
   * no YubiKey is looked for). {@code java.io} only, for the listing's training.
   */
  private static Map<String, String> environment(File dir) {
    return Map.of(
        "HOME",
        dir.getPath(),
        "PCSCLITE_CSOCK_NAME",
        new File(dir, "no-pcscd.comm").getPath(),
        "NOTARY_ROOT_PASSPHRASE",
        "cds-training-only",
        "NOTARY_TARGETS_PASSPHRASE",
        "cds-training-only");
  }

  /**
   * Removes {@code f} and everything under it, if it exists; a symbolic link is removed, never
   * followed (a link in the training directory to a directory elsewhere leaves that directory
   * alone). java.io but for the link test, whose classes the listing loads anyway (see trainList).
   */
  static void deleteTree(File f) throws IOException {
    File[] children = Files.isSymbolicLink(f.toPath()) ? null : f.listFiles();
    if (children != null) {
      for (File c : children) {
        deleteTree(c);
      }
    }
    if (!f.delete() && (f.exists() || Files.isSymbolicLink(f.toPath()))) {
      throw new IOException("cannot remove " + f);
    }
  }

  /**
   * The body of an ECDSA key encrypted as {@code keys generate --role root} writes it (a throwaway
   * key made for this; its passphrase is never needed: listing decrypts nothing).
   */
  private static final String LIST_KEY_BODY =
      "MIHvMEoGCSqGSIb3DQEFDTA9MBwGCSqGSIb3DQEFDDAPBAjs3VoTRcxqbAIDCSfA\n"
          + "MB0GCWCGSAFlAwQBKgQQ2yRV4XqLVGB7F9jO6Y1p8ASBoE3wwWq0nGl8bhnowulV\n"
          + "pvcY8FdNf9XnOFvp5x70KTbL6KsFu96hhM0nFOeo9lPWkiC0t1HGK+/WWQzWBb62\n"
          + "KfXbf7geJAzNicO0hgUhzxn6gOOLQuRdKsT5pWVn0djkwH5UGL7f1pdUaglkoY6O\n"
          + "nCIMdLhRYBQVeTajOV9A9YBJI5Z89/InpcN6w04fFI9AQBGMtdQVyiCvPrEbkgS5\n"
          + "1aM=\n";

  private static void joinCoreDumps(Thread thread) throws IOException {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while turning core dumps off", e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
