package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.FileSecrets;
import dev.trustkeys.core.secret.Terminal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * PINs, PUKs and management keys for the YubiKey device commands: from the environment variable {@code NAME},
 * else from the file named by {@code NAME_FILE} (first line), else from a prompt without echo (new values are
 * asked twice). Never from the command line.
 */
final class DeviceSecrets {
  static final String PIN = "KEYS_YUBIKEY_PIN";
  static final String NEW_PIN = "KEYS_YUBIKEY_NEW_PIN";
  static final String PUK = "KEYS_YUBIKEY_PUK";
  static final String NEW_PUK = "KEYS_YUBIKEY_NEW_PUK";
  static final String MANAGEMENT_KEY = "KEYS_YUBIKEY_MANAGEMENT_KEY";
  static final String NEW_MANAGEMENT_KEY = "KEYS_YUBIKEY_NEW_MANAGEMENT_KEY";

  private final Map<String, String> env;
  private final Terminal terminal;

  DeviceSecrets(Map<String, String> env, Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
  }

  /** An existing value ("the current PIN of YubiKey 123"). */
  Secret current(String name, String what) throws KeysException {
    Secret s = fromEnvironment(name);
    if (s != null) {
      return s;
    }
    if (!terminal.interactive()) {
      throw missing(name, what);
    }
    char[] c = terminal.readSecret("Enter " + what + ": ");
    if (c == null) {
      throw missing(name, what);
    }
    return Secret.adopt(c, Secret.Origin.PROMPT);
  }

  /** A new value, asked twice on a terminal. */
  Secret fresh(String name, String what) throws KeysException {
    Secret s = fromEnvironment(name);
    if (s != null) {
      return s;
    }
    if (!terminal.interactive()) {
      throw missing(name, what);
    }
    char[] a = terminal.readSecret("Enter " + what + ": ");
    if (a == null) {
      throw missing(name, what);
    }
    char[] b = terminal.readSecret("Repeat " + what + ": ");
    boolean same = b != null && Arrays.equals(a, b);
    if (b != null) {
      Arrays.fill(b, '\0');
    }
    if (!same) {
      Arrays.fill(a, '\0');
      throw new KeysException("the two entries of " + what + " differ: nothing was changed", ExitCode.USAGE);
    }
    return Secret.adopt(a, Secret.Origin.PROMPT);
  }

  /** The management key from KEYS_YUBIKEY_MANAGEMENT_KEY[_FILE], for the back end's secret chain. */
  dev.trustkeys.core.secret.SecretProvider managementKeys() {
    return r -> r.kind() == dev.trustkeys.core.secret.SecretRequest.Kind.MANAGEMENT_KEY
        ? java.util.Optional.ofNullable(fromEnvironment(MANAGEMENT_KEY)) : java.util.Optional.empty();
  }

  private Secret fromEnvironment(String name) throws KeysException {
    String v = env.get(name);
    if (v != null && !v.isEmpty()) {
      return Secret.adopt(v.toCharArray(), Secret.Origin.ENVIRONMENT);
    }
    String file = env.get(name + "_FILE");
    if (file == null || file.isEmpty()) {
      return null;
    }
    return Secret.adopt(FileSecrets.read(Path.of(file), name + "_FILE"), Secret.Origin.FILE);
  }

  private static KeysException missing(String name, String what) {
    return new KeysException("no terminal to ask for " + what + ": set " + name + " or " + name
        + "_FILE (never on the command line)", ExitCode.NEEDS_INPUT);
  }
}
