package dev.trustkeys.doctor;

import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.backend.pkcs11.ModuleLocator;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.Remedy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code keys doctor}: checks the environment and says what to fix. The caller lists the keys
 * (every back end in use) and reads any backup manifests; the doctor only looks, never changes
 * anything, and never asks for a secret.
 */
public final class Doctor {
  private final TrustDirectory trust;
  private final Map<String, String> env;
  private final Clock clock;
  private final String moduleOption;

  /**
   * @param trust the trust directory
   * @param env the process environment (PKCS#11 module, PC/SC socket)
   * @param clock for expiry
   * @param moduleOption {@code --module}, or null
   */
  public Doctor(TrustDirectory trust, Map<String, String> env, Clock clock, String moduleOption) {
    this.trust = trust;
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.moduleOption = moduleOption;
  }

  /**
   * Every check, in a fixed order.
   *
   * @param keys what the back ends hold (and the files they could not read)
   * @param archived root-key IDs found in backup archives the user named, with the archive's name
   */
  public List<Finding> run(KeyListing keys, Map<KeyId, String> archived) {
    List<Finding> out = new ArrayList<>();
    out.addAll(PermissionsCheck.run(trust.root()));
    out.addAll(unreadable(keys));
    out.addAll(RootBackupCheck.run(keys.keys(), archived));
    out.addAll(ExpiryCheck.run(trust.tufDir(), clock.instant()));
    out.add(HardwareChecks.java());
    Path socket = HardwareChecks.pcscSocket(env);
    boolean pcsc = HardwareChecks.pcscReachable(socket);
    ModuleLocator locator = ModuleLocator.of(env);
    out.add(
        HardwareChecks.pcscd(
            socket,
            pcsc,
            HardwareChecks.yubiKeyInPlay(
                keys.keys(),
                moduleOption,
                env,
                HardwareChecks.yubiKeyToolInstalled(locator, env))));
    out.addAll(HardwareChecks.libraries(locator));
    out.addAll(HardwareChecks.yubikeys(locator, pcsc));
    out.addAll(HardwareChecks.factoryCredentials(env));
    out.add(HardwareChecks.configuredModule(locator, moduleOption));
    return out;
  }

  static List<Finding> unreadable(KeyListing keys) {
    List<Finding> out = new ArrayList<>();
    for (KeyListing.Unreadable u : keys.unreadable()) {
      out.add(
          Finding.error(
              "key-files",
              "unreadable key file " + u.location() + ": " + u.reason(),
              Remedy.of(Remedy.Kind.RESTORE_OR_MOVE_OUT_OF_KEY_DIRECTORY)));
    }
    if (out.isEmpty()) {
      int n = keys.keys().size();
      out.add(Finding.ok("key-files", n + (n == 1 ? " key" : " keys") + " readable"));
    }
    return out;
  }

  /** How many findings of each severity. */
  public static Map<Severity, Integer> count(List<Finding> findings) {
    Map<Severity, Integer> n = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      n.put(s, 0);
    }
    for (Finding f : findings) {
      n.merge(f.severity(), 1, Integer::sum);
    }
    return n;
  }
}
