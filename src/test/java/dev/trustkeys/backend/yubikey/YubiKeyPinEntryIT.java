package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import dev.trustkeys.simulator.VirtualYubiKeyRig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PIN entry in this JVM with a person answering: the last try is only spent after a yes, a wrong
 * PIN typed at a prompt is asked for again with the tries left, and nothing the back end prints
 * contains a secret.
 */
class YubiKeyPinEntryIT {
  static final byte[] MESSAGE = "{\"signed\":{}}".getBytes(StandardCharsets.UTF_8);
  static VirtualYubiKeyRig rig;
  static YubiKeys yubiKeys;

  @BeforeAll
  static void start() throws Exception {
    rig = YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(60000001));
  }

  /** A fresh connection per test, as a new process would have. */
  @BeforeEach
  void connect() {
    if (yubiKeys != null) {
      yubiKeys.close();
    }
    yubiKeys = YubiKeys.probe(Map.of(YubiKeys.SOCKET_ENV, rig.env().get(YubiKeys.SOCKET_ENV)));
  }

  @AfterAll
  static void stop() {
    yubiKeys.close();
    rig.close();
  }

  /** Answers PIN requests from a script, as a person at a prompt would, recording the requests. */
  static final class Typist implements SecretProvider {
    final Deque<String> answers;
    final List<SecretRequest> requests = new ArrayList<>();

    Typist(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public Optional<Secret> obtain(SecretRequest r) {
      requests.add(r);
      String a = answers.poll();
      return a == null
          ? Optional.empty()
          : Optional.of(Secret.copyOf(a.toCharArray(), Secret.Origin.PROMPT));
    }
  }

  static YubiKeyBackend backend(SecretProvider s, YubiKeyRigs.RecordingUser u) throws Exception {
    return new YubiKeyBackend(
        yubiKeys,
        yubiKeys.select(60000001),
        s,
        null,
        new AttestationStore(YubiKeyRigs.DIR),
        u,
        YubiKeyOptions.defaults(),
        Clock.systemUTC());
  }

  @Test
  void lastTry_isSpentOnlyAfterAYes_andAWrongPinAtThePromptIsAskedAgain() throws Exception {
    YubiKeyRigs.RecordingUser user = new YubiKeyRigs.RecordingUser();
    KeyInfo k =
        backend(new Typist(), user).generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));

    Typist typist = new Typist("999999", "123456");
    try (Signer s = backend(typist, user).signer(k.id())) {
      assertTrue(
          SignatureAlgorithm.ECDSA_P256_SHA256.verify(
              s.publicKey(), MESSAGE, s.sign(MESSAGE).value()));
    }
    assertEquals(2, typist.requests.size(), "asked again after a wrong PIN at the prompt");
    assertEquals(3, typist.requests.get(0).triesLeft().getAsInt());
    assertEquals(2, typist.requests.get(1).triesLeft().getAsInt());
    assertEquals("YubiKey 60000001", typist.requests.get(0).subject());
    assertTrue(user.said.contains("Wrong PIN: 2 tries left."), user.said.toString());

    PivSession session = yubiKeys.session(yubiKeys.select(60000001));
    for (int i = 0; i < 2; i++) {
      assertThrows(InvalidPinException.class, () -> session.verifyPin("999999".toCharArray()));
    }
    assertEquals(1, rig.card().state().pinTries());
    YubiKeyRigs.RecordingUser no = new YubiKeyRigs.RecordingUser();
    Typist untouched = new Typist("123456");
    rig.card().trace().clear();
    KeysException refused =
        assertThrows(
            KeysException.class,
            () -> {
              try (Signer s = backend(untouched, no).signer(k.id())) {
                s.sign(MESSAGE);
              }
            });
    assertEquals(ExitCode.FAILURE, refused.exitCode(), "a no is not a missing answer");
    assertEquals(
        "not confirmed: the last PIN try of YubiKey 60000001 was kept", refused.getMessage());
    assertEquals(1, no.asked.size());
    assertTrue(
        no.asked.get(0).startsWith("Only one PIN try is left on YubiKey 60000001"),
        no.asked.toString());
    assertEquals(0, untouched.requests.size(), "not even asked for the PIN");
    assertEquals(0, rig.card().trace().count("VERIFY"));
    assertEquals(1, rig.card().state().pinTries());

    YubiKeyRigs.RecordingUser yes = new YubiKeyRigs.RecordingUser();
    yes.answer = true;
    try (Signer s = backend(new Typist("123456"), yes).signer(k.id())) {
      assertTrue(
          SignatureAlgorithm.ECDSA_P256_SHA256.verify(
              s.publicKey(), MESSAGE, s.sign(MESSAGE).value()));
    }
    assertEquals(1, yes.asked.size());
    assertEquals(3, rig.card().state().pinTries());
  }

  @Test
  void descriptions_neverContainThePinOrManagementKey() throws Exception {
    YubiKeyRigs.RecordingUser user = new YubiKeyRigs.RecordingUser();
    YubiKeyBackend b = backend(new Typist("123456", "123456"), user);
    KeyInfo k = b.generate(KeySpec.of(Role.TARGETS, "example.com/x", Algorithm.ECDSA_P256));
    List<String> texts =
        new ArrayList<>(
            List.of(
                b.toString(),
                b.describe(),
                yubiKeys.toString(),
                yubiKeys.session(b.device()).toString(),
                k.toString(),
                YubiKeyOptions.defaults().toString(),
                ManagementKey.factoryDefault().toString()));
    try (Signer s = b.signer(k.id())) {
      s.sign(MESSAGE);
      texts.add(s.toString());
    }
    texts.addAll(user.said);
    for (String t : texts) {
      assertFalse(
          t.contains("123456 ") || t.endsWith("123456") || t.contains("0102030405060708"), t);
    }
    b.remove(k.id());
  }

  @Test
  void managementKey_randomReplacesTheFactoryKey_andOnlyTheNewOneAuthenticates() throws Exception {
    PivSession s = yubiKeys.session(yubiKeys.select(60000001));
    try (ManagementKey factory = ManagementKey.factoryDefault();
        ManagementKey random = ManagementKey.random(new java.security.SecureRandom())) {
      assertTrue(s.authenticate(factory));
      s.setManagementKey(random);
      try {
        assertFalse(s.authenticate(factory), "the factory key no longer works");
        assertTrue(s.authenticate(random));
      } finally {
        s.setManagementKey(factory);
      }
      assertTrue(s.authenticate(factory));
    }
  }
}
