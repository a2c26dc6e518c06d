package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.Terminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New PINs, PUKs and management keys: a person who types one of the wrong form is told why and
 * asked again.
 */
class DeviceSecretsTest {
  @TempDir Path tmp;

  /** Answers readSecret from a script; records the prompts and what it is told, in order. */
  static final class Typist implements Terminal {
    final List<String> seen = new ArrayList<>();
    private final Deque<String> answers;

    Typist(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public boolean interactive() {
      return true;
    }

    @Override
    public char[] readSecret(String prompt) {
      seen.add(prompt);
      String a = answers.poll();
      return a == null ? null : a.toCharArray();
    }

    @Override
    public String readLine(String prompt) {
      throw new AssertionError("no visible input: " + prompt);
    }

    @Override
    public void say(String message) {
      seen.add(message);
    }
  }

  private static String newPin(Typist t) throws KeysException {
    try (Secret s =
        new DeviceSecrets(Map.of(), t)
            .fresh(DeviceSecrets.NEW_PIN, "the new PIN for YubiKey 7", DeviceSecrets.Format.PIN)) {
      return new String(s.chars());
    }
  }

  @Test
  void newPin_ofTheWrongLength_isAskedAgain() throws KeysException {
    Typist t = new Typist("1234", "123456789", "24681357", "24681357");
    assertEquals("24681357", newPin(t));
    assertEquals(
        List.of(
            "Enter the new PIN for YubiKey 7 (6 to 8 characters): ",
            "The new PIN must have 6 to 8 characters, not 4. Please retry.",
            "Enter the new PIN for YubiKey 7 (6 to 8 characters): ",
            "The new PIN must have 6 to 8 characters, not 9. Please retry.",
            "Enter the new PIN for YubiKey 7 (6 to 8 characters): ",
            "Repeat the new PIN for YubiKey 7: "),
        t.seen);
  }

  @Test
  void newPin_thatIsTheFactoryOne_orTypedTwoWays_isAskedAgain() throws KeysException {
    Typist t = new Typist("123456", "24681357", "24681358", "24681357", "24681357");
    assertEquals("24681357", newPin(t));
    assertEquals(
        "The new PIN is the factory default 123456: choose another. Please retry.", t.seen.get(1));
    assertEquals("The two entries differ. Please retry.", t.seen.get(4));
  }

  @Test
  void threeWrongTries_stopWithExit2_andNothingChanged() {
    KeysException e =
        assertThrows(KeysException.class, () -> newPin(new Typist("1", "2", "3", "4")));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals(
        "gave up after 3 tries at the new PIN for YubiKey 7: nothing was changed", e.getMessage());
  }

  @Test
  void aWrongValueFromTheEnvironmentOrAFile_failsAtOnce_namingWhereItCameFrom() throws Exception {
    DeviceSecrets env = new DeviceSecrets(Map.of(DeviceSecrets.NEW_PIN, "1234"), Terminal.none());
    KeysException e =
        assertThrows(
            KeysException.class,
            () -> env.fresh(DeviceSecrets.NEW_PIN, "the new PIN", DeviceSecrets.Format.PIN));
    assertEquals(ExitCode.USAGE, e.exitCode());
    assertEquals(
        "the new PIN must have 6 to 8 characters, not 4 (in KEYS_YUBIKEY_NEW_PIN): nothing was changed",
        e.getMessage());
    Path f = Files.writeString(tmp.resolve("mk"), "0102\n");
    DeviceSecrets file =
        new DeviceSecrets(
            Map.of(DeviceSecrets.NEW_MANAGEMENT_KEY + "_FILE", f.toString()), Terminal.none());
    KeysException k =
        assertThrows(
            KeysException.class,
            () ->
                file.fresh(
                    DeviceSecrets.NEW_MANAGEMENT_KEY,
                    "the new key",
                    DeviceSecrets.Format.MANAGEMENT_KEY));
    assertEquals(
        "a management key is 48 hex digits, not 4 (in "
            + f
            + " (from KEYS_YUBIKEY_NEW_MANAGEMENT_KEY_FILE)):"
            + " nothing was changed",
        k.getMessage());
  }

  @Test
  void newManagementKey_saysTheFormat_andRefusesTheFactoryKey() throws KeysException {
    String factory = "010203040506070801020304050607080102030405060708";
    String mine = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978";
    Typist t = new Typist(factory, "xyz", mine, mine);
    try (Secret s =
        new DeviceSecrets(Map.of(), t)
            .fresh(
                DeviceSecrets.NEW_MANAGEMENT_KEY,
                "the new management key",
                DeviceSecrets.Format.MANAGEMENT_KEY)) {
      assertArrayEquals(mine.toCharArray(), s.chars());
    }
    assertEquals("Enter the new management key (48 hex digits): ", t.seen.get(0));
    assertEquals(
        "The new management key is the factory default: choose another. Please retry.",
        t.seen.get(1));
    assertEquals("A management key is 48 hex digits, not 3. Please retry.", t.seen.get(3));
  }
}
