package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour and spinners only for a person at a terminal; never with NO_COLOR or TERM=dumb, never in
 * scripts.
 */
class OutputStyleTest {
  private static final String ESC = "\u001b[";
  @TempDir Path tmp;

  private KeysCli keys(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("NOTARY_ROOT_PASSPHRASE", "root-passphrase"));
    env.putAll(extra);
    return new KeysCli(tmp.resolve("trust"), env).kdfIterations(2048);
  }

  private void rootKey() {
    KeysCli.Result r =
        new KeysCli(tmp.resolve("trust"), Map.of("NOTARY_ROOT_PASSPHRASE", "root-passphrase"))
            .kdfIterations(2048)
            .run("generate", "--role", "root");
    assertEquals(0, r.exit(), r.toString());
  }

  @Test
  void list_onATerminal_coloursTheRole_andKeepsColumnsAligned() {
    rootKey();
    KeysCli.Result r = keys(Map.of()).runAnswering(List.of(), "list");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains(ESC + "35mroot" + ESC + "0m"), r.out());
    String[] lines = r.out().split("\n");
    int header = lines[0].indexOf("GUN");
    int row = Style.strip(lines[2]).indexOf("    ") + 4;
    assertEquals(header, row, "columns line up once the colour codes are taken out:\n" + r.out());
  }

  @Test
  void list_withoutATerminal_hasNoEscapeCodes() {
    rootKey();
    KeysCli.Result r = keys(Map.of()).run("list");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("root"), r.out());
    assertFalse(r.out().contains(ESC), r.out());
  }

  @Test
  void list_aHostileGunHeader_neverReachesTheTerminalAsAnEscapeSequence() throws Exception {
    KeysCli.Result gen =
        keys(Map.of("NOTARY_TARGETS_PASSPHRASE", "targets-passphrase"))
            .run("generate", "--role", "targets", "--gun", "example.com/app");
    assertEquals(0, gen.exit(), gen.toString());
    Path key;
    try (var files = java.nio.file.Files.list(tmp.resolve("trust/private"))) {
      key = files.findFirst().orElseThrow();
    }
    String text = java.nio.file.Files.readString(key);
    java.nio.file.Files.writeString(
        key, text.replace("gun: example.com/app", "gun: a\u001b]0;pwned\u0007b"));
    java.nio.file.Files.createFile(tmp.resolve("trust/private/notes\u001b[2J.txt"));
    for (KeysCli.Result r :
        List.of(keys(Map.of()).run("list"), keys(Map.of()).runAnswering(List.of(), "list"))) {
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("a?]0;pwned?b"), r.out());
      assertTrue(r.out().contains("notes?[2J.txt"), r.out());
      assertFalse(
          r.out().contains("\u001b]")
              || r.out().contains("\u0007")
              || r.out().contains("\u001b[2J"),
          r.out());
      assertFalse(r.err().contains("\u001b"), r.err());
    }
  }

  @Test
  void noColor_orDumbTerminal_turnsColourOff_evenOnATerminal() {
    rootKey();
    for (Map<String, String> env : List.of(Map.of("NO_COLOR", "1"), Map.of("TERM", "dumb"))) {
      KeysCli.Result list = keys(env).runAnswering(List.of(), "list");
      assertFalse(list.out().contains(ESC), env + ": " + list.out());
      KeysCli.Result doctor = keys(env).runAnswering(List.of(), "doctor");
      assertFalse(doctor.out().contains(ESC), env + ": " + doctor.out());
    }
    KeysCli.Result coloured = keys(Map.of("NO_COLOR", "")).runAnswering(List.of(), "doctor");
    assertTrue(
        coloured.out().contains(ESC + "32mok" + ESC + "0m"),
        "an empty NO_COLOR does not count\n" + coloured.out());
  }

  @Test
  void enabled_followsTheTerminalAndTheEnvironment() {
    assertTrue(Style.enabled(Map.of("TERM", "xterm-256color"), true));
    assertFalse(Style.enabled(Map.of("TERM", "xterm-256color"), false));
    assertFalse(Style.enabled(Map.of("NO_COLOR", "yes"), true));
    assertFalse(Style.enabled(Map.of("TERM", "dumb"), true));
  }

  @Test
  void progress_onATerminal_spinsOnStderr_andClearsItsLine() throws Exception {
    StringWriter err = new StringWriter();
    try (Progress p =
        Progress.start(new PrintWriter(err), true, "Generating rsa4096 root key", Duration.ZERO)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!err.toString().contains("Generating rsa4096 root key")
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      p.pause();
      int paused = err.toString().length();
      Thread.sleep(300);
      assertEquals(paused, err.toString().length(), "nothing is drawn while a prompt is shown");
      p.resume();
    }
    String s = err.toString();
    assertTrue(s.contains("\r" + ESC + "K| Generating rsa4096 root key"), s);
    assertTrue(s.endsWith("\r" + ESC + "K"), "the line is cleared at the end: " + s);
  }

  @Test
  void progress_withoutATerminal_writesNothing() throws Exception {
    StringWriter err = new StringWriter();
    try (Progress p = Progress.start(new PrintWriter(err), false, "Backing up", Duration.ZERO)) {
      p.update("Backing up 2 of 3 keys");
      Thread.sleep(200);
    }
    assertEquals("", err.toString());
  }

  @Test
  void generateRsa4096_onATerminal_showsASpinner_butNotInScripts() {
    KeysCli.Result terminal;
    System.setProperty("keys.progress.delay-ms", "0");
    try {
      terminal =
          keys(Map.of()).runAnswering(List.of(), "generate", "--role", "root", "-a", "rsa4096");
    } finally {
      System.clearProperty("keys.progress.delay-ms");
    }
    assertEquals(0, terminal.exit(), terminal.toString());
    assertTrue(terminal.err().contains("| Generating rsa4096 root key"), terminal.err());
    KeysCli.Result script = keys(Map.of()).run("generate", "--role", "root");
    assertEquals(0, script.exit(), script.toString());
    assertEquals("", script.err());
  }
}
