package dev.trustkeys.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyLocation;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * pcscd matters only where a YubiKey is in play; a PIN with one try left is a warning, a blocked
 * one an error.
 */
class HardwareChecksTest {
  private static final Path SOCKET = Path.of("/run/pcscd/pcscd.comm");

  private static KeyInfo key(KeyLocation location) throws Exception {
    return new KeyInfo(KeyId.of("ab".repeat(32)), Role.ROOT, "", Algorithm.ECDSA_P256, location);
  }

  @Test
  void pcscdAway_isAWarning_onlyWhenAYubiKeyIsInPlay() {
    Finding used = HardwareChecks.pcscd(SOCKET, false, true);
    assertEquals(Severity.WARN, used.severity());
    assertTrue(used.message().contains("YubiKeys cannot be used"), used.message());
    Finding unused = HardwareChecks.pcscd(SOCKET, false, false);
    assertEquals(Severity.INFO, unused.severity());
    assertEquals(
        "pcscd is not reachable at /run/pcscd/pcscd.comm (needed only for YubiKeys; none in use here)",
        unused.message());
    assertEquals(Severity.OK, HardwareChecks.pcscd(SOCKET, true, false).severity());
  }

  @Test
  void aYubiKeyIsInPlay_withAKeyOnOne_ykcs11Named_aYubiKeyVariable_orATool() throws Exception {
    Map<String, String> none = Map.of("PATH", "/nonexistent");
    assertFalse(
        HardwareChecks.yubiKeyInPlay(
            List.of(key(KeyLocation.file("/home/me/.docker/trust/private"))), null, none, false));
    assertTrue(
        HardwareChecks.yubiKeyInPlay(
            List.of(key(KeyLocation.onDevice("yubikey", "yubikey:serial=1;slot=9c"))),
            null,
            none,
            false));
    assertTrue(HardwareChecks.yubiKeyInPlay(List.of(), "ykcs11", none, false));
    assertTrue(
        HardwareChecks.yubiKeyInPlay(
            List.of(),
            null,
            Map.of("KEYS_PKCS11_MODULE", "/usr/lib/x86_64-linux-gnu/libykcs11.so"),
            false));
    assertFalse(HardwareChecks.yubiKeyInPlay(List.of(), "softhsm2", none, false));
    assertTrue(
        HardwareChecks.yubiKeyInPlay(List.of(), null, Map.of("KEYS_YUBIKEY_PIN", "123456"), false));
    assertTrue(HardwareChecks.yubiKeyInPlay(List.of(), null, none, true));
  }

  @Test
  void oneTryLeft_isAWarning_blocked_anError_elseNothing() {
    Finding one = HardwareChecks.pinTries(7100003, 1);
    assertEquals(Severity.WARN, one.severity());
    assertEquals("yubikey-pin", one.check());
    assertEquals("YubiKey 7100003 has 1 PIN try left: one more wrong PIN blocks it", one.message());
    assertEquals(
        Optional.of(Remedy.forYubiKey(Remedy.Kind.KEEP_PIN_TRIES, "7100003")), one.remedy());
    Finding blocked = HardwareChecks.pinTries(7100003, 0);
    assertEquals(Severity.ERROR, blocked.severity());
    assertEquals(
        Optional.of(Remedy.forYubiKey(Remedy.Kind.UNBLOCK_PIN_COMMAND, "7100003")),
        blocked.remedy());
    assertNull(HardwareChecks.pinTries(7100003, 2));
    assertNull(HardwareChecks.pinTries(7100003, -1));
  }
}
