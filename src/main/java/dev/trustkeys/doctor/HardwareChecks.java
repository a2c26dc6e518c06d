package dev.trustkeys.doctor;

import dev.trustkeys.backend.pkcs11.ModuleLocator;
import dev.trustkeys.backend.pkcs11.ModuleType;
import dev.trustkeys.backend.pkcs11.Pkcs11Module;
import dev.trustkeys.backend.pkcs11.TokenFlag;
import dev.trustkeys.backend.pkcs11.TokenInfo;
import dev.trustkeys.backend.yubikey.ManagementKey;
import dev.trustkeys.backend.yubikey.YubiKeyDevice;
import dev.trustkeys.backend.yubikey.YubiKeys;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hardware side: Java's PKCS#11 provider, pcscd, ykcs11 and libykpiv, YubiKeys present,
 * configured modules.
 */
final class HardwareChecks {
  static final String PCSC_ENV = "PCSCLITE_CSOCK_NAME";
  static final Path PCSC_DEFAULT = Path.of("/run/pcscd/pcscd.comm");

  private HardwareChecks() {}

  static Finding java() {
    String v = "Java " + System.getProperty("java.version");
    return java.security.Security.getProvider("SunPKCS11") != null
        ? Finding.ok("java", v + " with SunPKCS11")
        : Finding.error(
            "java",
            v + " has no SunPKCS11 provider: token and YubiKey keys cannot be used",
            "use a full JDK 17 or later (Debian: openjdk-17-jdk-headless)");
  }

  /** The PC/SC socket: {@code $PCSCLITE_CSOCK_NAME}, else {@code /run/pcscd/pcscd.comm}. */
  static Path pcscSocket(Map<String, String> env) {
    String s = env.get(PCSC_ENV);
    return s == null || s.isBlank() ? PCSC_DEFAULT : Path.of(s);
  }

  static boolean pcscReachable(Path socket) {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * pcscd: a warning when it is not reachable and a YubiKey is in play ({@link #yubiKeyInPlay}),
   * else only information: a machine without YubiKeys does not need it.
   */
  static Finding pcscd(Path socket, boolean reachable, boolean yubiKeyInPlay) {
    if (reachable) {
      return Finding.ok("pcscd", "pcscd is reachable at " + socket);
    }
    return yubiKeyInPlay
        ? Finding.warn(
            "pcscd",
            "pcscd is not reachable at " + socket + ": YubiKeys cannot be used",
            "sudo apt install pcscd && sudo systemctl start pcscd.socket")
        : Finding.info(
            "pcscd",
            "pcscd is not reachable at "
                + socket
                + " (needed only for YubiKeys; none in use"
                + " here)");
  }

  /**
   * Whether a YubiKey is in play: a key lives on one, the PKCS#11 module named is ykcs11, a
   * KEYS_YUBIKEY_ variable is set, or a YubiKey tool is installed (ykcs11, libykpiv,
   * yubico-piv-tool, ykman).
   */
  static boolean yubiKeyInPlay(
      List<KeyInfo> keys, String moduleOption, Map<String, String> env, boolean toolInstalled) {
    for (KeyInfo k : keys) {
      if (k.location().scheme().equals(dev.trustkeys.backend.yubikey.YubiKeyProvider.SCHEME)) {
        return true;
      }
    }
    String module = moduleOption != null ? moduleOption : env.getOrDefault(ModuleLocator.ENV, "");
    if (module.contains("ykcs11")) {
      return true;
    }
    for (String name : env.keySet()) {
      if (name.startsWith("KEYS_YUBIKEY_")) {
        return true;
      }
    }
    return toolInstalled;
  }

  /** Whether a YubiKey tool is installed: ykcs11, libykpiv, yubico-piv-tool or ykman. */
  static boolean yubiKeyToolInstalled(ModuleLocator locator, Map<String, String> env) {
    Optional<Path> ykcs11 = locator.find(ModuleType.YKCS11);
    return ykcs11.isPresent()
        || NativeLibraries.find("libykpiv", NativeLibraries.near(ykcs11)).isPresent()
        || onPath(env, "yubico-piv-tool")
        || onPath(env, "ykman");
  }

  private static boolean onPath(Map<String, String> env, String program) {
    for (String dir : env.getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  static List<Finding> libraries(ModuleLocator locator) {
    List<Finding> out = new ArrayList<>();
    Optional<Path> ykcs11 = locator.find(ModuleType.YKCS11);
    out.add(
        ykcs11.isPresent()
            ? Finding.ok(
                "ykcs11",
                "ykcs11 "
                    + new NativeLibraries.Found(
                            ykcs11.get(), NativeLibraries.versionOf(ykcs11.get()))
                        .describe())
            : Finding.warn(
                "ykcs11",
                "ykcs11 not found (searched "
                    + locator.searchPaths(ModuleType.YKCS11).size()
                    + " paths, e.g. "
                    + locator.searchPaths(ModuleType.YKCS11).get(0)
                    + "): YubiKeys cannot be used through PKCS#11",
                "sudo apt install " + locator.debianPackage(ModuleType.YKCS11)));
    Optional<NativeLibraries.Found> ykpiv =
        NativeLibraries.find("libykpiv", NativeLibraries.near(ykcs11));
    out.add(
        ykpiv.isPresent()
            ? Finding.ok("libykpiv", "libykpiv " + ykpiv.get().describe())
            : Finding.warn(
                "libykpiv",
                "libykpiv not found in "
                    + NativeLibraries.usualDirectories().get(0)
                    + " or the usual"
                    + " library directories",
                "sudo apt install libykpiv2"));
    return out;
  }

  /** YubiKeys through ykcs11: one line per key with its serial and firmware. */
  static List<Finding> yubikeys(ModuleLocator locator, boolean pcscReachable) {
    List<Finding> out = new ArrayList<>();
    Optional<Path> ykcs11 = locator.find(ModuleType.YKCS11);
    if (ykcs11.isEmpty() || !pcscReachable) {
      out.add(
          Finding.info(
              "yubikey",
              "YubiKeys not looked for (" + (ykcs11.isEmpty() ? "no ykcs11" : "no pcscd") + ")"));
      return out;
    }
    try {
      List<TokenInfo> tokens = Pkcs11Module.open(ykcs11.get()).tokens();
      for (TokenInfo t : tokens) {
        String fw =
            t.firmwareVersion().isEmpty()
                ? ""
                : ", firmware " + yubicoFirmware(t.firmwareVersion());
        String pin = t.isPinLocked() ? " (PIN blocked: unblock it with the PUK)" : "";
        Finding f =
            Finding.ok(
                "yubikey",
                "YubiKey serial "
                    + t.serial()
                    + fw
                    + " ('"
                    + t.label()
                    + "', slot "
                    + t.slotId()
                    + ")"
                    + pin);
        out.add(
            t.isPinLocked()
                ? Finding.error(
                    "yubikey",
                    f.message(),
                    Remedy.forYubiKey(Remedy.Kind.UNBLOCK_PIN_COMMAND, t.serial()))
                : f);
      }
      if (tokens.isEmpty()) {
        out.add(Finding.info("yubikey", "no YubiKey present (ykcs11 sees no token)"));
      }
    } catch (KeysException | RuntimeException e) {
      out.add(
          Finding.warn(
              "yubikey",
              "cannot list YubiKeys through " + ykcs11.get() + ": " + e.getMessage(),
              ""));
    }
    return out;
  }

  /**
   * ykcs11 packs a YubiKey's firmware x.y.z into CK_VERSION as major x, minor y*10+z ("4.35" for
   * 4.3.5); this unpacks it. A minor below 10 is left as it is.
   */
  static String yubicoFirmware(String ckVersion) {
    String[] p = ckVersion.split("\\.");
    if (p.length != 2) {
      return ckVersion;
    }
    int minor = Integer.parseInt(p[1]);
    return minor < 10 ? ckVersion : p[0] + "." + (minor / 10) + "." + (minor % 10);
  }

  /**
   * Factory credentials, through the YubiKey back end (libykpiv): the management key is tried
   * against the factory key, which costs nothing (it has no retry counter). The PIN and PUK are not
   * tried: a wrong guess would spend one of the user's tries, so they are reported as not checked.
   */
  static List<Finding> factoryCredentials(Map<String, String> env) {
    List<Finding> out = new ArrayList<>();
    try (YubiKeys yk = YubiKeys.probe(env)) {
      if (yk.unavailableReason().isPresent()) {
        out.add(
            Finding.info(
                "yubikey-defaults",
                "factory credentials not checked: " + yk.unavailableReason().get()));
        return out;
      }
      for (YubiKeyDevice d : yk.devices()) {
        try (ManagementKey factory = ManagementKey.factoryDefault()) {
          int serial = d.serial();
          Finding pin = pinTries(serial, yk.session(d).getPinAttempts());
          if (pin != null) {
            out.add(pin);
          }
          if (yk.session(d).authenticate(factory)) {
            out.add(
                Finding.warn(
                    "yubikey-defaults",
                    "YubiKey "
                        + serial
                        + " still has the factory management key"
                        + " (anyone can replace its keys)",
                    Remedy.forYubiKey(Remedy.Kind.SET_UP_YUBIKEY, String.valueOf(serial))));
          } else {
            out.add(
                Finding.ok(
                    "yubikey-defaults",
                    "YubiKey " + serial + ": the management key is not the factory one"));
          }
        } catch (KeysException | RuntimeException e) {
          out.add(
              Finding.warn(
                  "yubikey-defaults",
                  d.name() + ": cannot check the management key: " + e.getMessage(),
                  ""));
        }
      }
      out.add(
          Finding.info(
              "yubikey-defaults",
              "factory PIN and PUK not checked: trying them would spend a try",
              Remedy.of(Remedy.Kind.SETUP_REPLACES_FACTORY_CREDENTIALS)));
    }
    return out;
  }

  /**
   * A YubiKey's PIN counter (read without spending a try): a warning at one try left, an error when
   * blocked, null otherwise (or when the PIN was verified in this session and the card does not
   * say).
   */
  static Finding pinTries(int serial, int left) {
    if (left == 1) {
      return Finding.warn(
          "yubikey-pin",
          "YubiKey " + serial + " has 1 PIN try left: one more wrong PIN blocks it",
          Remedy.forYubiKey(Remedy.Kind.KEEP_PIN_TRIES, String.valueOf(serial)));
    }
    if (left == 0) {
      return Finding.error(
          "yubikey-pin",
          "the PIN of YubiKey " + serial + " is blocked",
          Remedy.forYubiKey(Remedy.Kind.UNBLOCK_PIN_COMMAND, String.valueOf(serial)));
    }
    return null;
  }

  /** The module named with --module or KEYS_PKCS11_MODULE: found, loadable, which tokens. */
  static Finding configuredModule(ModuleLocator locator, String explicit) {
    if (!locator.isConfigured(explicit)) {
      return Finding.info(
          "pkcs11",
          "no PKCS#11 module configured: token keys are not listed",
          Remedy.of(Remedy.Kind.WHERE_A_MODULE_IS_NAMED));
    }
    try {
      Pkcs11Module m = Pkcs11Module.open(locator.locate(explicit, null));
      List<String> labels = new ArrayList<>();
      for (TokenInfo t : m.tokens()) {
        labels.add(
            "'"
                + t.label()
                + "'"
                + (t.has(TokenFlag.TOKEN_INITIALIZED) ? "" : " (not initialised)"));
      }
      return Finding.ok(
          "pkcs11",
          "PKCS#11 module "
              + m.path()
              + ": "
              + labels.size()
              + " token(s)"
              + (labels.isEmpty() ? "" : " " + String.join(", ", labels)));
    } catch (KeysException | RuntimeException e) {
      return Finding.error(
          "pkcs11",
          "the configured PKCS#11 module does not work: " + e.getMessage(),
          Remedy.of(Remedy.Kind.FIX_MODULE));
    }
  }
}
