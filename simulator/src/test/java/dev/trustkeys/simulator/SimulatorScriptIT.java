package dev.trustkeys.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulator/yubikey up|status|down}: background card + pcscd, env output, PIDs, persistent
 * state.
 */
class SimulatorScriptIT {
  static final Path SCRIPT = Path.of("yubikey").toAbsolutePath(); // run in simulator/

  @TempDir Path tmp;

  Tool.Result script(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = SCRIPT.toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    return Tool.run(new ProcessBuilder(cmd).directory(tmp.toFile()), 120);
  }

  static Map<String, String> exports(String out) {
    Map<String, String> env = new HashMap<>();
    out.lines()
        .filter(l -> l.startsWith("export "))
        .forEach(
            l -> {
              String kv = l.substring(7);
              env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            });
    return env;
  }

  Tool.Result piv(Map<String, String> env, String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = YubicoPivToolIT.PIV;
    System.arraycopy(args, 0, cmd, 1, args.length);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.environment().putAll(env);
    return Tool.run(pb, 60);
  }

  @Test
  void upStatusDown_stateSurvivesRestart_andTraceRedactsPins() throws Exception {
    Path dir = tmp.resolve("sim");
    Path state = tmp.resolve("card.state");
    Path trace = tmp.resolve("trace.jsonl");
    Map<String, String> env =
        exports(
            script(
                    "up",
                    "--dir",
                    dir.toString(),
                    "--serial",
                    "4711",
                    "--second-serial",
                    "4712",
                    "--state",
                    state.toString(),
                    "--trace",
                    trace.toString())
                .ok()
                .out());
    long serverPid = Long.parseLong(Files.readString(dir.resolve("server.pid")).strip());
    long pcscdPid = Long.parseLong(Files.readString(dir.resolve("pcscd.pid")).strip());
    try {
      assertEquals(dir.resolve("run/pcscd.comm").toString(), env.get("PCSCLITE_CSOCK_NAME"));
      assertTrue(piv(env, "-a", "status").ok().out().contains("Serial Number:\t4711"));
      assertTrue(
          piv(env, "-r", "CCID 00 01", "-a", "status").ok().out().contains("Serial Number:\t4712"));
      piv(env, "-a", "change-pin", "-P", "123456", "-N", "13572468").ok();
      Thread.sleep(700);
      Tool.Result st = script("status", "--dir", dir.toString()).ok();
      assertTrue(st.out().contains("\"CHANGE_PIN\":1"), st.out());
      assertTrue(st.out().contains("pcscd:  pid " + pcscdPid + " running"), st.out());
    } finally {
      script("down", "--dir", dir.toString()).ok();
    }
    assertFalse(Tool.isRunning(serverPid), "server stopped");
    assertFalse(Tool.isRunning(pcscdPid), "pcscd stopped");
    assertNotEquals(0, script("status", "--dir", dir.toString()).exit());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
    String lines = Files.readString(trace);
    assertTrue(lines.contains("\"ins\":\"CHANGE_PIN\""), lines);
    assertFalse(lines.contains("313233343536"), "old PIN in trace");
    assertFalse(lines.contains("3133353732343638"), "new PIN in trace");

    Map<String, String> env2 =
        exports(script("up", "--dir", dir.toString(), "--state", state.toString()).ok().out());
    try {
      assertNotEquals(0, piv(env2, "-a", "verify-pin", "-P", "123456").exit());
      piv(env2, "-a", "verify-pin", "-P", "13572468").ok();
      assertTrue(piv(env2, "-a", "status").ok().out().contains("Serial Number:\t4711"));
    } finally {
      script("down", "--dir", dir.toString()).ok();
    }
  }
}
