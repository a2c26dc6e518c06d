package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Secret;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code keys yubikey unblock-pin}: a new PIN, with the PUK. */
@Command(
    name = "unblock-pin",
    description = "Set a new PIN with the PUK, e.g. after the PIN was blocked.")
final class YubiKeyUnblockPinCommand implements Callable<Integer> {
  @ParentCommand YubiKeyCommand parent;
  @Mixin YubiKeyDeviceOptions device;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    YubiKeyDeviceOptions.Device d = device.open(ctx);
    DeviceSecrets ds = new DeviceSecrets(ctx.env(), ctx.terminal());
    try (Secret puk = ds.current(DeviceSecrets.PUK, "the PUK of YubiKey " + d.serial());
        Secret fresh =
            ds.fresh(
                DeviceSecrets.NEW_PIN,
                "the new PIN for YubiKey " + d.serial(),
                DeviceSecrets.Format.PIN)) {
      d.session().unblockPin(puk.chars(), fresh.chars());
    }
    ctx.terminal().say("PIN of YubiKey " + d.serial() + " set; it has all its tries again.");
    return 0;
  }
}
