package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.secret.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up fast path takes only plain list/version command lines and prints exactly what
 * picocli prints.
 */
class FastPathTest {
  // An ECDSA key encrypted by `keys generate --role root` (throwaway test key; passphrase
  // "benchpass123").
  private static final String BODY =
      "MIHvMEoGCSqGSIb3DQEFDTA9MBwGCSqGSIb3DQEFDDAPBAjs3VoTRcxqbAIDCSfA\n"
          + "MB0GCWCGSAFlAwQBKgQQ2yRV4XqLVGB7F9jO6Y1p8ASBoE3wwWq0nGl8bhnowulV\n"
          + "pvcY8FdNf9XnOFvp5x70KTbL6KsFu96hhM0nFOeo9lPWkiC0t1HGK+/WWQzWBb62\n"
          + "KfXbf7geJAzNicO0hgUhzxn6gOOLQuRdKsT5pWVn0djkwH5UGL7f1pdUaglkoY6O\n"
          + "nCIMdLhRYBQVeTajOV9A9YBJI5Z89/InpcN6w04fFI9AQBGMtdQVyiCvPrEbkgS5\n"
          + "1aM=\n";

  private static final Terminal NO_TERMINAL = dev.trustkeys.core.secret.Terminal.none();

  @TempDir Path tmp;

  private static final class Run {
    final int code;
    final String out;
    final String err;

    Run(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }

  private static Run run(boolean picocli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    Map<String, String> env = Map.of("HOME", "/nonexistent");
    int code =
        picocli
            ? Main.runPicocli(args, o, e, env, NO_TERMINAL)
            : Main.run(args, o, e, env, NO_TERMINAL);
    return new Run(code, out.toString(), err.toString());
  }

  private Path trustDir() throws IOException {
    Path priv = Files.createDirectories(tmp.resolve("trust/private"));
    String[] headers = {
      "role: root\n", "gun: example.com/app\nrole: targets\n", "role: targets/releases\n"
    };
    for (int i = 0; i < headers.length; i++) {
      String id = String.valueOf((char) ('a' + i)).repeat(64);
      Files.writeString(
          priv.resolve(id + ".key"),
          "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
              + headers[i]
              + "\n"
              + BODY
              + "-----END ENCRYPTED PRIVATE KEY-----\n");
    }
    Files.writeString(priv.resolve("notes.txt"), "not a key");
    Files.writeString(
        priv.resolve("f".repeat(64) + ".key"),
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nrole: root\n");
    return tmp.resolve("trust");
  }

  @Test
  void list_printsWhatPicocliPrints_tableAndJson() throws IOException {
    String dir = trustDir().toString();
    String[][] lines = {
      {"-d", dir, "list"},
      {"list", "--trust-dir", dir},
      {"ls", "--trust-dir=" + dir, "--json"},
      {"-v", "-d", dir, "ls"},
    };
    for (String[] args : lines) {
      Run fast = sameAsPicocli(args);
      assertTrue(fast.out.contains("a".repeat(64)), fast.out);
      assertTrue((fast.out + fast.err).contains("f".repeat(64)), fast.out + fast.err);
    }
  }

  /**
   * Runs {@code args} on the fast path and through picocli; both print the same. The fast path's
   * run.
   */
  private static Run sameAsPicocli(String... args) {
    assertNotNull(FastPath.parse(args), String.join(" ", args));
    Run fast = run(false, args);
    Run slow = run(true, args);
    assertEquals(slow.code, fast.code, String.join(" ", args));
    assertEquals(slow.out, fast.out, String.join(" ", args));
    assertEquals(slow.err, fast.err, String.join(" ", args));
    return fast;
  }

  @Test
  void version_printsWhatPicocliPrints() {
    assertEquals(run(true, "--version").out, run(false, "--version").out);
    assertEquals(run(true, "-V").out, run(false, "-V").out);
  }

  @Test
  void anythingElse_isLeftToPicocli() {
    String[][] lines = {
      {},
      {"--help"},
      {"list", "--help"},
      {"--json", "list"},
      {"list", "list"},
      {"list", "ls"},
      {"-dX", "list"},
      {"-d", "list"},
      {"list", "-d"},
      {"-d", "a", "-d", "b", "list"},
      {"list", "--trust-dir="},
      {"generate"},
      {"list", "a", "b"},
      {"--version", "list"},
      {"list", "--", "x"},
      {"-d", "-v", "list"},
      {"list", "--role"},
      {"list", "--role="},
      {"list", "--role", "root", "--role", "targets"},
      {"example.com/app", "list"},
      {"--role", "root", "list"},
    };
    for (String[] args : lines) {
      assertNull(FastPath.parse(args), String.join(" ", args));
    }
  }

  @Test
  void picocliErrors_stillComeFromPicocli() {
    Run r = run(false, "list", "--bogus");
    assertEquals(2, r.code);
    assertTrue(r.err.startsWith("keys: Unknown option"), r.err);
  }

  @Test
  void list_byRepositoryAndRole_printsWhatPicocliPrints() throws IOException {
    String dir = trustDir().toString();
    String[][] lines = {
      {"-d", dir, "list", "example.com/app"},
      {"-d", dir, "ls", "--role", "root"},
      {"list", "--role=targets/releases", "-d", dir, "--json"},
      {"-d", dir, "list", "example.com/app", "--role", "root"},
      {"-d", dir, "list", "--role", "targets", "other.example/app"},
      {"-d", dir, "list", "--role", "nosuch"},
    };
    for (String[] args : lines) {
      sameAsPicocli(args);
    }
    Run gun = run(false, "-d", dir, "list", "example.com/app");
    assertTrue(
        gun.out.contains("b".repeat(64))
            && !gun.out.contains("a".repeat(64))
            && !gun.out.contains("c".repeat(64)),
        gun.out);
    Run root = run(false, "-d", dir, "list", "--role", "root");
    assertTrue(root.out.contains("a".repeat(64)) && !root.out.contains("b".repeat(64)), root.out);
    Run delegation = run(false, "-d", dir, "list", "--role=targets/releases", "--json");
    assertTrue(
        delegation.out.contains("c".repeat(64)) && !delegation.out.contains("a".repeat(64)),
        delegation.out);
    Run none = run(false, "-d", dir, "list", "example.com/app", "--role", "root");
    assertEquals(0, none.code);
    assertTrue(
        none.out.startsWith("No signing keys found for example.com/app, role root."), none.out);
    Run typo = run(false, "-d", dir, "list", "--role", "tragets/x/..");
    assertEquals(2, typo.code, typo.err);
    assertTrue(typo.err.contains("unknown role"), typo.err);
  }
}
