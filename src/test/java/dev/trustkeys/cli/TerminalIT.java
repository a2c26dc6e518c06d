package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.simulator.piv.Slot;
import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.Tmux;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code keys} in a real terminal (a tmux pseudo-terminal): what a person reads at
 * each question and what their typed answers do. Every confirmation reads {@code [y/N]} and takes y
 * or yes.
 */
class TerminalIT {
  @TempDir Path tmp;

  private Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", tmp.resolve("home").toString());
    env.put("PCSCLITE_CSOCK_NAME", tmp.resolve("no-pcscd.comm").toString());
    env.putAll(extra);
    return env;
  }

  /** {@code keys ARGS} as a shell command line (the packaged jar, as KeysRunner starts it). */
  private static String keys(String... args) {
    return new KeysRunner()
        .keysCommand(args).stream().map(Tmux::quote).collect(Collectors.joining(" "));
  }

  private String newKey(Path trust, String role) {
    String out =
        new KeysRunner()
            .fastKdf()
            .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
            .env("NOTARY_TARGETS_PASSPHRASE", "targets-passphrase")
            .env("PCSCLITE_CSOCK_NAME", "/nonexistent")
            .keys(
                "-d",
                trust.toString(),
                "generate",
                "--role",
                role,
                "--gun",
                role.equals("root") ? "" : "example.com/app")
            .ok()
            .out();
    Matcher m = Pattern.compile("[0-9a-f]{64}").matcher(out);
    assertTrue(m.find(), out);
    return m.group();
  }

  @Test
  void remove_asksYN_andTakesYAsYes_anyOtherAnswerAsNo() throws Exception {
    Path trust = tmp.resolve("trust");
    String targets = newKey(trust, "targets");
    String rootKey = newKey(trust, "root");
    Path targetsFile = trust.resolve("private/" + targets + ".key");

    try (Tmux t =
        Tmux.start(
            tmp.resolve("no"), env(Map.of()), keys("-d", trust.toString(), "remove", targets))) {
      String screen = t.waitFor("[y/N]");
      assertTrue(
          screen.contains(
              "Delete targets key "
                  + targets.substring(0, 7)
                  + " (example.com/app) from "
                  + trust.resolve("private")
                  + "? [y/N]"),
          screen);
      t.type("n");
      assertEquals(1, t.exitCode(), t.screen());
      assertTrue(t.screen().contains("keys: not confirmed: nothing was deleted"), t.screen());
    }
    assertTrue(Files.exists(targetsFile), "kept");

    try (Tmux t =
        Tmux.start(tmp.resolve("y"), env(Map.of()), keys("-d", trust.toString(), "rm", targets))) {
      t.waitFor("[y/N]");
      t.type("y");
      assertEquals(0, t.exitCode(), t.screen());
      assertTrue(t.screen().contains("Deleted " + targets), t.screen());
    }
    assertFalse(Files.exists(targetsFile), "deleted");

    try (Tmux t =
        Tmux.start(
            tmp.resolve("root"), env(Map.of()), keys("-d", trust.toString(), "remove", rootKey))) {
      String screen = t.waitFor("[y/N]");
      assertTrue(
          screen.contains(
              "A lost root key cannot be recovered. Delete root key " + rootKey.substring(0, 7)),
          screen);
      t.type("");
      assertEquals(1, t.exitCode(), "Enter alone is the default, no: " + t.screen());
    }
    assertTrue(Files.exists(trust.resolve("private/" + rootKey + ".key")));
  }

  @Test
  void yubikeyReset_takesTheAnswerTypedOnTheTerminal() throws Exception {
    try (VirtualYubiKeyRig rig =
        VirtualYubiKeyRig.builder().serial(7100001).directory(tmp.resolve("rig")).start()) {
      new KeysRunner()
          .env("PCSCLITE_CSOCK_NAME", rig.env().get("PCSCLITE_CSOCK_NAME"))
          .env("KEYS_YUBIKEY_PIN", "123456")
          .fastKdf()
          .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
          .keys(
              "-d",
              tmp.resolve("trust").toString(),
              "init",
              "example.com/app",
              "--yubikey",
              "--passphrase-file",
              Files.writeString(tmp.resolve("pass"), "some-passphrase\n").toString())
          .ok();
      assertNotNull(rig.card().state().key(Slot.SIGNATURE), "a key to erase");
      Map<String, String> env = env(rig.env());
      try (Tmux t = Tmux.start(tmp.resolve("no"), env, keys("yubikey", "reset"))) {
        String screen = t.waitFor("[y/N]");
        assertTrue(
            screen.contains("This cannot be undone. Erase every key on YubiKey 7100001? [y/N]"),
            screen);
        t.type("no");
        assertEquals(1, t.exitCode(), t.screen());
        assertTrue(
            t.screen().contains("keys: not confirmed: YubiKey 7100001 was not reset"), t.screen());
      }
      assertNotNull(rig.card().state().key(Slot.SIGNATURE), "nothing erased after a no");
      try (Tmux t = Tmux.start(tmp.resolve("yes"), env, keys("yubikey", "reset"))) {
        t.waitFor("[y/N]");
        t.type("YES");
        assertEquals(0, t.exitCode(), t.screen());
      }
      assertNull(
          rig.card().state().key(Slot.SIGNATURE), "erased after a yes typed on the terminal");
      List<String> lines =
          List.of(
              new KeysRunner()
                  .env("PCSCLITE_CSOCK_NAME", rig.env().get("PCSCLITE_CSOCK_NAME"))
                  .keys("yubikey", "status")
                  .ok()
                  .out()
                  .split("\n"));
      assertTrue(lines.stream().anyMatch(l -> l.contains("PIN tries left: 3")), lines.toString());
    }
  }

  @Test
  void yubikeySetupAndChangePin_sayTheFormat_andAskAgainAfterAWrongOne() throws Exception {
    String key = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978";
    try (VirtualYubiKeyRig rig =
        VirtualYubiKeyRig.builder().serial(7100002).directory(tmp.resolve("rig")).start()) {
      Map<String, String> env = env(rig.env());
      try (Tmux t = Tmux.start(tmp.resolve("setup"), env, keys("yubikey", "setup"))) {
        String screen = t.waitFor("(48 hex digits): ");
        int hint = screen.indexOf("press Ctrl-C and run this again with --random-management-key");
        int prompt =
            screen.indexOf("Enter the new management key for YubiKey 7100002 (48 hex digits):");
        assertTrue(hint >= 0 && prompt > hint, "the hint comes before the question:\n" + screen);
        t.type("0102");
        t.waitFor("A management key is 48 hex digits, not 4. Please retry.");
        t.type(key);
        t.waitFor("Repeat the new management key for YubiKey 7100002: ");
        t.type(key);
        t.waitFor("Enter the current PIN of YubiKey 7100002 (factory: 123456): ");
        t.type("123456");
        t.waitFor("Enter the new PIN for YubiKey 7100002 (6 to 8 characters): ");
        t.type("1234");
        t.waitFor("The new PIN must have 6 to 8 characters, not 4. Please retry.");
        t.type("24681357");
        t.waitFor("Repeat the new PIN for YubiKey 7100002: ");
        t.type("24681357");
        t.waitFor("Enter the current PUK of YubiKey 7100002 (factory: 12345678): ");
        t.type("12345678");
        t.waitFor("Enter the new PUK for YubiKey 7100002 (6 to 8 characters): ");
        t.type("87654321");
        t.waitFor("Repeat the new PUK for YubiKey 7100002: ");
        t.type("87654321");
        assertEquals(0, t.exitCode(), t.screen());
        assertTrue(t.screen().contains("YubiKey 7100002 is set up."), t.screen());
        assertFalse(
            t.screen().contains("24681357") || t.screen().contains(key), "nothing typed is echoed");
      }
      try (Tmux t = Tmux.start(tmp.resolve("change-pin"), env, keys("yubikey", "change-pin"))) {
        t.waitFor("Enter the current PIN of YubiKey 7100002: ");
        t.type("24681357");
        t.waitFor("Enter the new PIN for YubiKey 7100002 (6 to 8 characters): ");
        t.type("123456789");
        t.waitFor("The new PIN must have 6 to 8 characters, not 9. Please retry.");
        t.type("13572468");
        t.waitFor("Repeat the new PIN for YubiKey 7100002: ");
        t.type("13572468");
        assertEquals(0, t.exitCode(), t.screen());
      }
      new KeysRunner()
          .env("PCSCLITE_CSOCK_NAME", rig.env().get("PCSCLITE_CSOCK_NAME"))
          .env("KEYS_YUBIKEY_PIN", "13572468")
          .env("KEYS_YUBIKEY_NEW_PIN", "24681357")
          .keys("yubikey", "change-pin")
          .ok();
    }
  }
}
