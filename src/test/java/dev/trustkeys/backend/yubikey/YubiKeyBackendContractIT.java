package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyBackendContract;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.simulator.ApduTrace;
import dev.trustkeys.simulator.VirtualYubiKeyRig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The back-end contract on the virtual YubiKey 4, in this JVM through libykpiv: keys made on the
 * host, imported into slots 9c/9a/9d with a certificate, backed up as encrypted files. Three slots
 * only, so each test starts with the slots wiped (through the back end's own remove).
 */
class YubiKeyBackendContractIT extends KeyBackendContract {
  @TempDir static Path dir;
  static VirtualYubiKeyRig rig;
  static YubiKeys yubiKeys;

  @BeforeAll
  static void start() throws Exception {
    rig = YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(20240001));
    yubiKeys = YubiKeys.probe(Map.of(YubiKeys.SOCKET_ENV, rig.env().get(YubiKeys.SOCKET_ENV)));
  }

  @AfterAll
  static void stop() {
    yubiKeys.close();
    rig.close();
  }

  @BeforeEach
  void wipe() throws Exception {
    KeyBackend b = backend(new FixedSecret(rightSecret()));
    for (KeyInfo k : b.list().keys()) {
      b.remove(k.id());
    }
  }

  /** Whether keys are generated on the card instead of imported (the on-device subclass). */
  protected boolean onDevice() {
    return false;
  }

  @Override
  protected KeyBackend backend(SecretProvider secrets) throws Exception {
    return backend(secrets, PinPolicy.DEFAULT);
  }

  /**
   * PIN policy "once": one VERIFY for several signatures of one session, the later ones one APDU
   * each; when another program resets the card in between (PC/SC access is shared), the card
   * refuses the next signature, and the PIN is verified again and the signature made after all.
   * Policy "always": the tries and a VERIFY before every signature.
   */
  @Test
  void sign_verifiesThePinAsThePolicySays_andAgainAfterTheCardWasResetByAnotherProgram()
      throws Exception {
    byte[] msg = "a targets file".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (PinPolicy policy : new PinPolicy[] {PinPolicy.ONCE, PinPolicy.ALWAYS}) {
      wipe();
      KeyBackend b = backend(new FixedSecret(rightSecret()), policy);
      KeyInfo k = b.generate(KeySpec.of(Role.DELEGATION, "", Algorithm.ECDSA_P256));
      try (Signer s = b.signer(k.id())) {
        assertTrue(s.sign(msg).verify(s.publicKey(), msg));
        rig.card().trace().clear();
        for (int i = 0; i < 2; i++) {
          assertTrue(s.sign(msg).verify(s.publicKey(), msg));
        }
        ApduTrace t = rig.card().trace();
        String what = policy + ", two more signatures: " + t.counters();
        assertEquals(2, t.count("GENERAL_AUTHENTICATE"), what);
        assertEquals(policy == PinPolicy.ONCE ? 0 : 2, t.count("VERIFY"), what);
        assertEquals(policy == PinPolicy.ONCE ? 2 : 6, t.apduCount(), what);

        rig.card().reset();
        rig.card().trace().clear();
        assertTrue(s.sign(msg).verify(s.publicKey(), msg));
        t = rig.card().trace();
        what = policy + ", after a reset: " + t.counters();
        assertEquals(1, t.count("VERIFY"), what);
        assertEquals(
            policy == PinPolicy.ONCE ? 2 : 1,
            t.count("GENERAL_AUTHENTICATE"),
            "once: refused, then made after the VERIFY; " + what);
      }
    }
  }

  private KeyBackend backend(SecretProvider secrets, PinPolicy pin) throws Exception {
    YubiKeyDevice d = yubiKeys.select(20240001);
    YubiKeyOptions o =
        new YubiKeyOptions(
            onDevice(),
            pin,
            TouchPolicy.DEFAULT,
            false,
            java.util.List.of(rig.card().state().authority().rootCertificate()));
    KeyFileStore backup =
        new KeyFileStore(
            TrustDirectory.resolve(dir.resolve("trust"), Map.of(), dir), secrets, 2048);
    return new YubiKeyBackend(
        yubiKeys,
        d,
        secrets,
        backup,
        new AttestationStore(dir.resolve("trust")),
        new YubiKeyRigs.RecordingUser(),
        o,
        Clock.systemUTC());
  }

  @Override
  protected char[] rightSecret() {
    return "123456".toCharArray();
  }

  @Override
  protected char[] wrongSecret() {
    return "654321".toCharArray();
  }

  @Override
  protected String scheme() {
    return "yubikey";
  }
}
