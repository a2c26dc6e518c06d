package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.PivSession;
import dev.trustkeys.backend.yubikey.YubiKeyDevice;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Secret;
import picocli.CommandLine.Option;

/** The shared option of the device commands ({@code --serial}) and their common steps. */
final class YubiKeyDeviceOptions {
  static final String FACTORY_PIN = "123456";
  static final String FACTORY_PUK = "12345678";

  @Option(names = "--serial", paramLabel = "N", description = "The YubiKey, when several are plugged in.")
  Integer serial;

  /** The chosen YubiKey and its open session; its serial is read first (before any PIN or key is verified). */
  record Device(YubiKeyDevice device, PivSession session, int serial) {}

  Device open(Context ctx) throws KeysException {
    YubiKeyDevice d = ctx.yubiKeys().select(serial);
    return new Device(d, ctx.yubiKeys().session(d), d.serial());
  }

  /** Refuses to spend the last PIN try without --allow-last-pin-try or a yes on the terminal. */
  static void guardLastPinTry(Context ctx, Device d, boolean allow) throws KeysException {
    int tries = d.session().getPinAttempts();
    if (tries == 0) {
      throw new dev.trustkeys.backend.yubikey.PinBlockedException("the PIN of YubiKey " + d.serial()
          + " is blocked: unblock it with 'keys yubikey unblock-pin --serial " + d.serial() + "' (needs the PUK)");
    }
    if (tries == 1 && !allow) {
      ctx.yubiKeyUser().require(dev.trustkeys.backend.yubikey.PinEntry.lastTryQuestion("YubiKey " + d.serial()),
          "the last PIN try of YubiKey " + d.serial() + " was kept");
    }
  }

  static boolean is(Secret s, String value) {
    return java.util.Arrays.equals(s.chars(), value.toCharArray());
  }
}
