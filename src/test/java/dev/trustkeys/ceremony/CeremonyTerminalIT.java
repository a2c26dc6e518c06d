package dev.trustkeys.ceremony;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.Tmux;
import dev.trustkeys.testing.WithNotaryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code keys ceremony sign} at a terminal asks the one way, [y/N] with the version it signs; a no
 * signs nothing.
 */
class CeremonyTerminalIT extends WithNotaryServer {
  @Test
  void sign_asksYN_withTheVersion_aNoLeavesTheRequestAsItWas() throws Exception {
    String gun = "example.com/terminal/ceremony";
    KeysCli alice = holder("alice");
    ok(alice.run("init", gun, "--server", server.url()));
    Path req = tmp.resolve("req.json");
    ok(
        alice.run(
            "ceremony",
            "plan",
            gun,
            "--server",
            server.url(),
            "--expires-in",
            "400",
            "-o",
            req.toString()));
    byte[] planned = Files.readAllBytes(req);
    Map<String, String> env = new HashMap<>(ENV);
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", tmp.resolve("home").toString());
    env.put("PCSCLITE_CSOCK_NAME", tmp.resolve("no-pcscd.comm").toString());
    String sign =
        new KeysRunner()
                .keysCommand(
                    "-d", tmp.resolve("alice").toString(), "ceremony", "sign", req.toString())
                .stream()
                .map(Tmux::quote)
                .collect(Collectors.joining(" "));

    try (Tmux t = Tmux.start(tmp.resolve("no"), env, sign)) {
      String screen = t.waitFor("[y/N]");
      assertTrue(screen.contains("Sign version 2 of the root of " + gun + "? [y/N]"), screen);
      t.type("n");
      assertEquals(1, t.exitCode(), t.screen());
      assertTrue(
          t.screen().contains("keys: not confirmed: the request was not signed"), t.screen());
    }
    assertArrayEquals(planned, Files.readAllBytes(req), "a no changes nothing");

    try (Tmux t = Tmux.start(tmp.resolve("yes"), env, sign)) {
      t.waitFor("[y/N]");
      t.type("y");
      assertEquals(0, t.exitCode(), t.screen());
      assertTrue(t.screen().contains("Signed the root of " + gun), t.screen());
    }
    assertFalse(java.util.Arrays.equals(planned, Files.readAllBytes(req)), "signed after a y");
  }
}
