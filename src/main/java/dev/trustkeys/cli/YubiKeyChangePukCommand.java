package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Secret;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code keys yubikey change-puk}. */
@Command(name = "change-puk", description = "Change the PUK (6 to 8 characters).")
final class YubiKeyChangePukCommand implements Callable<Integer> {
  @ParentCommand YubiKeyCommand parent;
  @Mixin YubiKeyDeviceOptions device;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    YubiKeyDeviceOptions.Device d = device.open(ctx);
    DeviceSecrets ds = new DeviceSecrets(ctx.env(), ctx.terminal());
    try (Secret old = ds.current(DeviceSecrets.PUK, "the current PUK of YubiKey " + d.serial());
        Secret fresh =
            ds.fresh(
                DeviceSecrets.NEW_PUK,
                "the new PUK for YubiKey " + d.serial(),
                DeviceSecrets.Format.PUK)) {
      d.session().changePuk(old.chars(), fresh.chars());
    }
    ctx.terminal().say("PUK of YubiKey " + d.serial() + " changed.");
    return 0;
  }
}
