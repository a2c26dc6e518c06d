package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Secret;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys yubikey change-pin}: current PIN from KEYS_YUBIKEY_PIN or a prompt, new from
 * KEYS_YUBIKEY_NEW_PIN.
 */
@Command(name = "change-pin", description = "Change the PIN (6 to 8 characters).")
final class YubiKeyChangePinCommand implements Callable<Integer> {
  @ParentCommand YubiKeyCommand parent;
  @Mixin YubiKeyDeviceOptions device;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    YubiKeyDeviceOptions.Device d = device.open(ctx);
    YubiKeyDeviceOptions.guardLastPinTry(ctx, d, parent.root.allowLastPinTry);
    DeviceSecrets ds = new DeviceSecrets(ctx.env(), ctx.terminal());
    try (Secret old = ds.current(DeviceSecrets.PIN, "the current PIN of YubiKey " + d.serial());
        Secret fresh =
            ds.fresh(
                DeviceSecrets.NEW_PIN,
                "the new PIN for YubiKey " + d.serial(),
                DeviceSecrets.Format.PIN)) {
      d.session().changePin(old.chars(), fresh.chars());
    }
    ctx.terminal().say("PIN of YubiKey " + d.serial() + " changed.");
    return 0;
  }
}
