package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PIN safety with {@code keys} as a child process: tries left after a wrong PIN (exit 3), blocked
 * (exit 6), the last try is never spent without --allow-last-pin-try (or a yes on a terminal), a
 * blocked PIN is reported and unblocked with the PUK, the default PIN is never tried on its own.
 * The key and its backup survive all of it.
 */
class YubiKeyPinIT {
  static VirtualYubiKeyRig rig;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    rig = YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(30000002));
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @Test
  void wrongLastAndBlockedPin_thenUnblock_nothingLost() throws Exception {
    Path trust = tmp.resolve("trust");
    Path msg = Files.writeString(tmp.resolve("m"), "payload");
    String id =
        YubiKeyCliIT.createdRoot(
            YubiKeyCliIT.keys(rig).keys("-d", trust.toString(), "init", "a/b").ok());
    byte[] backup = Files.readAllBytes(trust.resolve("private").resolve(id + ".key"));
    String[] sign = {"-d", trust.toString(), "sign", "--key", id, msg.toString()};

    rig.card().trace().clear();
    KeysRunner.Result none = YubiKeyCliIT.keys(rig).keys(sign).expect(5);
    assertTrue(none.err().contains("set KEYS_YUBIKEY_PIN"), none.err());
    assertEquals(0, rig.card().trace().count("VERIFY"), "no PIN (default or otherwise) was tried");

    KeysRunner.Result w1 =
        YubiKeyCliIT.keys(rig).env("KEYS_YUBIKEY_PIN", "999999").keys(sign).expect(3);
    assertTrue(w1.err().contains("wrong PIN for YubiKey 30000002: 2 tries left"), w1.err());
    assertFalse(w1.err().contains("999999"), "the PIN is not repeated");
    KeysRunner.Result w2 =
        YubiKeyCliIT.keys(rig).env("KEYS_YUBIKEY_PIN", "999999").keys(sign).expect(3);
    assertTrue(w2.err().contains("1 try left"), w2.err());

    rig.card().trace().clear();
    KeysRunner.Result last =
        YubiKeyCliIT.keys(rig).env("KEYS_YUBIKEY_PIN", "999999").keys(sign).expect(5);
    assertTrue(
        last.err().contains("Only one PIN try is left on YubiKey 30000002")
            && last.err().contains("--allow-last-pin-try"),
        last.err());
    assertEquals(0, rig.card().trace().count("VERIFY"), "the last try was not spent");
    assertEquals(1, rig.card().state().pinTries());

    YubiKeyCliIT.keys(rig)
        .env("KEYS_YUBIKEY_PIN", "123456")
        .keys(prepend("--allow-last-pin-try", sign))
        .ok();
    assertEquals(3, rig.card().state().pinTries(), "a right PIN restores the tries");

    for (int i = 0; i < 2; i++) {
      YubiKeyCliIT.keys(rig).env("KEYS_YUBIKEY_PIN", "999999").keys(sign).expect(3);
    }
    KeysRunner.Result blocking =
        YubiKeyCliIT.keys(rig)
            .env("KEYS_YUBIKEY_PIN", "999999")
            .keys(prepend("--allow-last-pin-try", sign))
            .expect(6);
    assertTrue(blocking.err().contains("blocked"), blocking.err());
    KeysRunner.Result blocked =
        YubiKeyCliIT.keys(rig).env("KEYS_YUBIKEY_PIN", "123456").keys(sign).expect(6);
    assertTrue(
        blocked.err().contains("blocked: unblock it with 'keys yubikey unblock-pin"),
        blocked.err());

    KeysRunner.Result wrongPuk =
        YubiKeyCliIT.keys(rig)
            .env("KEYS_YUBIKEY_PUK", "00000000")
            .env("KEYS_YUBIKEY_NEW_PIN", "13572468")
            .keys("yubikey", "unblock-pin")
            .expect(3);
    assertTrue(
        wrongPuk.err().contains("wrong PUK") && wrongPuk.err().contains("2 tries left"),
        wrongPuk.err());
    YubiKeyCliIT.keys(rig)
        .env("KEYS_YUBIKEY_PUK", "12345678")
        .env("KEYS_YUBIKEY_NEW_PIN", "13572468")
        .keys("yubikey", "unblock-pin")
        .ok();
    YubiKeyCliIT.keys(rig).env("KEYS_YUBIKEY_PIN", "13572468").keys(sign).ok();
    String list = YubiKeyCliIT.keys(rig).keys("-d", trust.toString(), "list").ok().out();
    assertTrue(list.contains("yubikey:serial=30000002;slot=9c"), list);
    assertTrue(
        java.util.Arrays.equals(
            backup, Files.readAllBytes(trust.resolve("private").resolve(id + ".key"))),
        "backup file unchanged");
  }

  static String[] prepend(String first, String[] rest) {
    String[] out = new String[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }
}
