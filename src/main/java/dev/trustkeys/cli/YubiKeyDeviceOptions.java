package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.PinEntry;
import dev.trustkeys.backend.yubikey.PivSession;
import dev.trustkeys.backend.yubikey.YubiKeyDevice;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Secret;
import picocli.CommandLine.Option;

/** The shared option of the device commands ({@code --serial}) and their common steps. */
final class YubiKeyDeviceOptions {
  static final String FACTORY_PIN = PinEntry.FACTORY_PIN;
  static final String FACTORY_PUK = PinEntry.FACTORY_PUK;

  @Option(
      names = "--serial",
      paramLabel = "N",
      description = "The YubiKey, when several are plugged in.")
  Integer serial;

  /**
   * The chosen YubiKey and its open session; its serial is read first (before any PIN or key is
   * verified).
   */
  record Device(YubiKeyDevice device, PivSession session, int serial) {}

  Device open(Context ctx) throws KeysException {
    dev.trustkeys.backend.yubikey.YubiKeys yubiKeys = ctx.yubiKeys().yubiKeys();
    YubiKeyDevice d = yubiKeys.select(serial);
    return new Device(d, yubiKeys.session(d), d.serial());
  }

  /** Refuses to spend the last PIN try without --allow-last-pin-try or a yes on the terminal. */
  static void guardLastPinTry(Context ctx, Device d, boolean allow) throws KeysException {
    PinEntry.guardLastTry(d.session().getPinAttempts(), d.device(), ctx.yubiKeyUser(), allow);
  }

  static boolean is(Secret s, String value) {
    return java.util.Arrays.equals(s.chars(), value.toCharArray());
  }
}
