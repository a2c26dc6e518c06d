package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.ManagementKey;
import dev.trustkeys.backend.yubikey.PinFormat;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.FileSecrets;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.Terminal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * PINs, PUKs and management keys for the YubiKey device commands: from the environment variable
 * {@code NAME}, else from the file named by {@code NAME_FILE} (first line), else from a prompt
 * without echo (new values are asked twice). Never from the command line.
 */
final class DeviceSecrets {
  static final String PIN = "KEYS_YUBIKEY_PIN";
  static final String NEW_PIN = "KEYS_YUBIKEY_NEW_PIN";
  static final String PUK = "KEYS_YUBIKEY_PUK";
  static final String NEW_PUK = "KEYS_YUBIKEY_NEW_PUK";
  static final String MANAGEMENT_KEY = "KEYS_YUBIKEY_MANAGEMENT_KEY";
  static final String NEW_MANAGEMENT_KEY = "KEYS_YUBIKEY_NEW_MANAGEMENT_KEY";

  private static final int MAX_TRIES = 3;

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

  /**
   * What a new value must look like: the hint a prompt shows ("6 to 8 characters") and the check.
   */
  record Format(String hint, java.util.function.Function<char[], String> problem) {
    static final Format PIN =
        new Format(
            PinFormat.HINT,
            v ->
                or(
                    PinFormat.problem(v, "new PIN"),
                    Arrays.equals(v, YubiKeyDeviceOptions.FACTORY_PIN.toCharArray())
                        ? "the new PIN is the factory default "
                            + YubiKeyDeviceOptions.FACTORY_PIN
                            + ": choose another"
                        : null));
    static final Format PUK =
        new Format(
            PinFormat.HINT,
            v ->
                or(
                    PinFormat.problem(v, "new PUK"),
                    Arrays.equals(v, YubiKeyDeviceOptions.FACTORY_PUK.toCharArray())
                        ? "the new PUK is the factory default "
                            + YubiKeyDeviceOptions.FACTORY_PUK
                            + ": choose another"
                        : null));
    static final Format MANAGEMENT_KEY =
        new Format(
            ManagementKey.HINT,
            v ->
                ManagementKey.formatProblem(v) != null
                    ? ManagementKey.formatProblem(v)
                    : isFactory(v)
                        ? "the new management key is the factory default: choose another"
                        : null);

    private static String or(String first, String second) {
      return first != null ? first : second;
    }

    private static boolean isFactory(char[] hex) {
      try (ManagementKey k = ManagementKey.fromHex(hex)) {
        return k.isFactoryDefault();
      }
    }
  }

  /** Whether {@code name} or {@code name_FILE} is set: the value will not be asked for. */
  boolean isSet(String name) {
    return !env.getOrDefault(name, "").isEmpty() || !env.getOrDefault(name + "_FILE", "").isEmpty();
  }

  /**
   * A new value in {@code format}, asked twice on a terminal. A person who types one of the wrong
   * form, or two that differ, is told why and asked again (three times at most); a wrong one from
   * the environment or a file fails at once (exit 2), naming where it came from.
   */
  Secret fresh(String name, String what, Format format) throws KeysException {
    Secret s = fromEnvironment(name);
    if (s != null) {
      String problem = format.problem().apply(s.chars());
      if (problem != null) {
        s.close();
        throw new KeysException(
            problem + " (in " + s.source() + "): nothing was changed", ExitCode.USAGE);
      }
      return s;
    }
    if (!terminal.interactive()) {
      throw missing(name, what);
    }
    for (int i = 0; i < MAX_TRIES; i++) {
      char[] a = terminal.readSecret("Enter " + what + " (" + format.hint() + "): ");
      if (a == null) {
        throw missing(name, what);
      }
      String problem = format.problem().apply(a);
      if (problem != null) {
        Arrays.fill(a, '\0');
        terminal.say(capitalized(problem) + ". Please retry.");
        continue;
      }
      char[] b = terminal.readSecret("Repeat " + what + ": ");
      boolean same = b != null && Arrays.equals(a, b);
      if (b != null) {
        Arrays.fill(b, '\0');
      }
      if (same) {
        return Secret.adopt(a, Secret.Origin.PROMPT);
      }
      Arrays.fill(a, '\0');
      if (b == null) {
        throw missing(name, what);
      }
      terminal.say("The two entries differ. Please retry.");
    }
    throw new KeysException(
        "gave up after " + MAX_TRIES + " tries at " + what + ": nothing was changed",
        ExitCode.USAGE);
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * The management key from KEYS_YUBIKEY_MANAGEMENT_KEY[_FILE], for the back end's secret chain.
   */
  dev.trustkeys.core.secret.SecretProvider managementKeys() {
    return r ->
        r.kind() == dev.trustkeys.core.secret.SecretRequest.Kind.MANAGEMENT_KEY
            ? java.util.Optional.ofNullable(fromEnvironment(MANAGEMENT_KEY))
            : java.util.Optional.empty();
  }

  private Secret fromEnvironment(String name) throws KeysException {
    String v = env.get(name);
    if (v != null && !v.isEmpty()) {
      return Secret.adopt(v.toCharArray(), Secret.Origin.ENVIRONMENT, name);
    }
    String file = env.get(name + "_FILE");
    if (file == null || file.isEmpty()) {
      return null;
    }
    return Secret.adopt(
        FileSecrets.read(Path.of(file), name + "_FILE"),
        Secret.Origin.FILE,
        file + " (from " + name + "_FILE)");
  }

  private static KeysException missing(String name, String what) {
    return new KeysException(
        "no terminal to ask for "
            + what
            + ": set "
            + name
            + " or "
            + name
            + "_FILE (never on the command line)",
        ExitCode.NEEDS_INPUT);
  }
}
