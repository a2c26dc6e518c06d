package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code keys doctor} and {@code keys --version} with virtual YubiKeys behind a
 * private pcscd.
 */
class DoctorYubiKeyIT {
  @TempDir Path tmp;

  private static List<String> lines(String out, String prefix) {
    return out.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
  }

  @Test
  void virtualYubiKeys_areFoundThroughYkcs11_withSerialAndFirmware() throws Exception {
    try (VirtualYubiKeyRig rig =
        VirtualYubiKeyRig.builder().serial(4242001).backupSerial(4242002).start()) {
      KeysRunner runner = new KeysRunner();
      for (Map.Entry<String, String> e : rig.env().entrySet()) {
        runner.env(e.getKey(), e.getValue());
      }
      KeysRunner.Result r = runner.keys("-d", tmp.resolve("trust").toString(), "doctor");
      assertEquals(0, r.exitCode(), r.out() + r.err());
      assertEquals(1, lines(r.out(), "ok    pcscd").size(), r.out());
      assertTrue(
          r.out().contains("pcscd is reachable at " + rig.env().get("PCSCLITE_CSOCK_NAME")),
          r.out());
      List<String> keys = lines(r.out(), "ok    yubikey ");
      assertEquals(2, keys.size(), r.out());
      assertTrue(keys.get(0).contains("YubiKey serial 4242001, firmware 4.3.5 ("), r.out());
      assertTrue(keys.get(1).contains("YubiKey serial 4242002, firmware 4.3.5 ("), r.out());
      List<String> defaults = lines(r.out(), "warn  yubikey-defaults");
      assertEquals(2, defaults.size(), r.out());
      assertTrue(
          defaults.get(0).contains("YubiKey 4242001 still has the factory management key")
              && defaults.get(0).contains("(fix: keys yubikey setup --serial 4242001)"),
          r.out());
      assertTrue(
          lines(r.out(), "info  yubikey-defaults")
              .get(0)
              .contains("factory PIN and PUK not checked"),
          r.out());
    }
    KeysRunner.Result gone =
        new KeysRunner()
            .env("PCSCLITE_CSOCK_NAME", tmp.resolve("no-such.comm").toString())
            .keys("-d", tmp.resolve("trust").toString(), "doctor");
    assertEquals(1, lines(gone.out(), "warn  pcscd").size(), gone.out());
    assertEquals(1, lines(gone.out(), "info  yubikey ").size(), gone.out());
    assertTrue(
        lines(gone.out(), "info  yubikey-defaults").get(0).contains("not checked: no PC/SC daemon"),
        gone.out());
  }

  @Test
  void aPinWithOneTryLeft_isAWarning() throws Exception {
    try (VirtualYubiKeyRig rig = VirtualYubiKeyRig.builder().serial(4242003).start()) {
      KeysRunner runner = new KeysRunner();
      for (Map.Entry<String, String> e : rig.env().entrySet()) {
        runner.env(e.getKey(), e.getValue());
      }
      for (int i = 0; i < 2; i++) {
        runner
            .env("KEYS_YUBIKEY_PIN", "999999")
            .env("KEYS_YUBIKEY_NEW_PIN", "24681357")
            .keys("yubikey", "change-pin")
            .expect(3);
      }
      assertEquals(1, rig.card().state().pinTries(), "precondition: one try left");
      KeysRunner.Result r =
          new KeysRunner()
              .env("PCSCLITE_CSOCK_NAME", rig.env().get("PCSCLITE_CSOCK_NAME"))
              .keys("-d", tmp.resolve("trust").toString(), "doctor");
      assertEquals(0, r.exitCode(), r.out() + r.err());
      List<String> pin = lines(r.out(), "warn  yubikey-pin");
      assertEquals(1, pin.size(), r.out());
      assertTrue(
          pin.get(0).contains("YubiKey 4242003 has 1 PIN try left: one more wrong PIN blocks it"),
          r.out());
      assertEquals(1, rig.card().state().pinTries(), "doctor spent no try");
    }
  }

  @Test
  void version_listsJavaAndTheBackEndsFound() {
    KeysRunner.Result r = new KeysRunner().keys("--version").ok();
    List<String> l = r.out().lines().toList();
    assertTrue(l.get(0).matches("keys \\d+\\.\\d+\\.\\d+.*"), r.out());
    assertTrue(l.get(1).startsWith("Java " + System.getProperty("java.version")), r.out());
    assertEquals("SunPKCS11: available", l.get(2), r.out());
    assertTrue(l.get(3).matches("ykcs11: \\d+\\.\\d+\\.\\d+ \\(/.*libykcs11\\.so.*\\)"), r.out());
    assertTrue(l.get(4).matches("libykpiv: \\d+\\.\\d+\\.\\d+ \\(/.*libykpiv\\.so.*\\)"), r.out());
  }
}
