package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.PinPolicy;
import dev.trustkeys.backend.yubikey.TouchPolicy;
import dev.trustkeys.backend.yubikey.YubiKeyOptions;
import dev.trustkeys.backend.yubikey.YubiKeyProvider;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.io.CertificateFiles;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Where {@code keys init} (and {@code keys generate}) put a new key: the YubiKey options. */
final class YubiKeyInitOptions {
  @Option(
      names = "--yubikey",
      description = "Require a YubiKey: a new root key goes on it (exit 6 if none).")
  boolean require;

  @Option(names = "--no-yubikey", description = "Do not use a YubiKey even if one is plugged in.")
  boolean forbid;

  @Option(
      names = "--serial",
      paramLabel = "N",
      description = "The YubiKey to use when several are plugged in.")
  Integer serial;

  @Option(
      names = "--on-device",
      description =
          "Generate the root key on the YubiKey (never exportable, no backup file; attested) instead of"
              + " on the host with an encrypted backup file (Notary's way).")
  boolean onDevice;

  @Option(
      names = "--attestation-root",
      paramLabel = "FILE",
      description =
          "With --on-device: PEM file of the CA the YubiKey's attestation must chain to (Yubico's PIV"
              + " root CA for real YubiKeys).")
  Path attestationRoot;

  @Option(
      names = "--pin-policy",
      paramLabel = "POLICY",
      defaultValue = "default",
      description =
          "PIN policy of a new YubiKey key: default (the slot's: always for 9c), never, once, always.")
  String pinPolicy;

  @Option(
      names = "--touch-policy",
      paramLabel = "POLICY",
      defaultValue = "default",
      description = "Touch policy of a new YubiKey key: default (never), never, always, cached.")
  String touchPolicy;

  /** Whether the options ask for a YubiKey (--yubikey, --on-device, --serial). */
  boolean requiresYubiKey() {
    return require || onDevice || serial != null;
  }

  /**
   * The keyring these options set up. With --yubikey, --on-device or --serial the YubiKey is chosen
   * now (exit 6 when it is missing); otherwise the choice waits until a root key must really be
   * created ({@link Keyring#rootHome}): the chosen YubiKey, else the only one plugged in, else a
   * token, else the files.
   */
  Keyring keyring(Context ctx) throws KeysException {
    if (require && forbid) {
      throw new UsageException("--yubikey and --no-yubikey exclude each other");
    }
    if (forbid && (onDevice || serial != null)) {
      throw new UsageException(
          "--on-device and --serial need a YubiKey; they cannot go with --no-yubikey");
    }
    if (attestationRoot != null && !onDevice) {
      throw new UsageException("--attestation-root only applies with --on-device");
    }
    YubiKeyOptions options =
        new YubiKeyOptions(
            onDevice,
            policy(PinPolicy.class, pinPolicy),
            policy(TouchPolicy.class, touchPolicy),
            ctx.defaultYubiKeySetup().options().allowLastPinTry(),
            readRoots(attestationRoot));
    Keyring keyring =
        ctx.keyring(
            new Context.YubiKeySetup(
                !forbid, new YubiKeyProvider.Choice(serial, requiresYubiKey()), options));
    if (requiresYubiKey()) {
      keyring.rootHome();
    }
    return keyring;
  }

  private static <E extends Enum<E>> E policy(Class<E> type, String name) throws UsageException {
    try {
      return Enum.valueOf(type, name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "unknown policy '"
              + name
              + "': use default, never, "
              + (type == PinPolicy.class ? "once, always" : "always, cached"));
    }
  }

  /** The certificates of a PEM file; empty for null. */
  static List<X509Certificate> readRoots(Path attestationRoot) throws KeysException {
    return attestationRoot == null ? new ArrayList<>() : CertificateFiles.readAll(attestationRoot);
  }
}
