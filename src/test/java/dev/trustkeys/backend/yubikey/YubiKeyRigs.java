package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustkeys.simulator.VirtualYubiKeyRig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the virtual YubiKey rig in the fixed directory whose socket the test JVM's
 * PCSCLITE_CSOCK_NAME names (set by the failsafe execution "yubikey"), so that libykpiv in this JVM
 * reaches it. Child processes get {@link VirtualYubiKeyRig#env()} as usual.
 */
final class YubiKeyRigs {
  static final Path DIR =
      Path.of(System.getProperty("keys.yubikey.rig", "target/yubikey-rig")).toAbsolutePath();

  private YubiKeyRigs() {}

  static VirtualYubiKeyRig start(VirtualYubiKeyRig.Builder b) throws IOException {
    VirtualYubiKeyRig rig = b.directory(DIR).start();
    assertEquals(
        rig.env().get(VirtualYubiKeyRig.SOCKET_ENV),
        System.getenv(VirtualYubiKeyRig.SOCKET_ENV),
        "run this class through the failsafe execution 'yubikey' (it sets PCSCLITE_CSOCK_NAME)");
    return rig;
  }

  /** A YubiKeyUser that records what it is told and answers questions with {@code answer}. */
  static final class RecordingUser implements YubiKeyUser {
    final List<String> said = new ArrayList<>();
    final List<String> asked = new ArrayList<>();
    boolean answer;

    @Override
    public void say(String message) {
      said.add(message);
    }

    @Override
    public void warn(String problem, dev.trustkeys.core.Remedy remedy) {
      said.add("Warning: " + problem + ": " + remedy);
    }

    @Override
    public boolean confirm(String question) {
      asked.add(question);
      return answer;
    }
  }
}
