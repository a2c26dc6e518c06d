package dev.trustkeys.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Rig behaviour: removal and re-insertion, touch delay, round-trip counting, clean shutdown by PID.
 */
class VirtualYubiKeyRigIT {
  @Test
  void removeAndInsert_readerGoesAwayAndComesBack_volatileStateIsLost() throws Exception {
    try (VirtualYubiKeyRig rig = VirtualYubiKeyRig.builder().serial(1001).start()) {
      Tool.run(rig, YubicoPivToolIT.PIV, "-a", "status").ok();
      long firstPcscd = rig.pcscd().pid();
      rig.card().remove();
      assertFalse(rig.card().isPresent());
      Tool.Result gone = Tool.run(rig, YubicoPivToolIT.PIV, "-a", "status");
      assertNotEquals(0, gone.exit(), gone.toString());
      Tool.Result slots = Tool.run(rig, "pkcs11-tool", "--module", Pkcs11ToolIT.YKCS11, "-T");
      assertFalse(slots.out().contains("YubiKey PIV #1001"), slots.toString());
      rig.card().insert();
      assertNotEquals(firstPcscd, rig.pcscd().pid(), "a new pcscd serves the re-plugged key");
      assertFalse(Tool.isRunning(firstPcscd));
      assertTrue(Tool.run(rig, YubicoPivToolIT.PIV, "-a", "status").ok().out().contains("4.3.5"));
    }
  }

  @Test
  void touchDelay_isWaitedFor_andRoundTripsAreCounted() throws Exception {
    try (VirtualYubiKeyRig rig =
        VirtualYubiKeyRig.builder()
            .serial(1002)
            .touch(TouchMode.delay(300))
            .touchTimeout(Duration.ofSeconds(2))
            .start()) {
      java.nio.file.Path dir = rig.directory();
      Tool.run(
              rig,
              YubicoPivToolIT.PIV,
              "-a",
              "generate",
              "-s",
              "9a",
              "--touch-policy=always",
              "-o",
              dir.resolve("p.pem").toString())
          .ok();
      java.nio.file.Files.writeString(
          dir.resolve("c.pem"),
          TestCerts.pem(
              "CERTIFICATE", TestCerts.certificateFor(dir.resolve("p.pem"), "CN=t").getEncoded()));
      Tool.run(
              rig,
              YubicoPivToolIT.PIV,
              "-a",
              "import-certificate",
              "-s",
              "9a",
              "-i",
              dir.resolve("c.pem").toString())
          .ok();
      rig.card().trace().clear();
      long t0 = System.nanoTime();
      Tool.run(
              rig,
              YubicoPivToolIT.PIV,
              "-a",
              "verify-pin",
              "-P",
              "123456",
              "-a",
              "test-signature",
              "-s",
              "9a",
              "-i",
              dir.resolve("c.pem").toString())
          .ok();
      assertTrue(System.nanoTime() - t0 >= 300_000_000L, "waited for the delayed touch");
      assertEquals(1, rig.card().touch().requests());
      assertEquals(0, rig.card().touch().timeouts());
      assertEquals(
          2,
          rig.card().trace().count("GENERAL_AUTHENTICATE"),
          "RSA-2048 (the default) needs one chained block + the final APDU");
      assertTrue(rig.card().trace().apduCount() >= 4, rig.card().trace().countersJson());
    }
  }

  @Test
  void close_stopsPcscdByPid() throws Exception {
    VirtualYubiKeyRig rig = VirtualYubiKeyRig.builder().start();
    long pid = rig.pcscd().pid();
    assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    rig.close();
    assertFalse(Tool.isRunning(pid));
  }
}
