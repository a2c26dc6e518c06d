package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.PinEntry;
import dev.trustkeys.core.KeysException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys yubikey reset}: erase the PIV application (all keys) and restore factory
 * PIN/PUK/management key.
 */
@Command(
    name = "reset",
    description =
        "Erase every key on the YubiKey's PIV application and restore the factory"
            + " PIN, PUK and management key. Backup files in the trust directory are not touched.")
final class YubiKeyResetCommand implements Callable<Integer> {
  @ParentCommand YubiKeyCommand parent;
  @Mixin YubiKeyDeviceOptions device;

  @Mixin YesOption yes;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    YubiKeyDeviceOptions.Device d = device.open(ctx);
    yes.on(ctx.terminal())
        .require(
            "This cannot be undone. Erase every key on YubiKey " + d.serial() + "?",
            "YubiKey " + d.serial() + " was not reset");
    d.session().resetApplication();
    ctx.terminal()
        .say(
            "YubiKey "
                + d.serial()
                + " was reset: PIN "
                + PinEntry.FACTORY_PIN
                + ", PUK "
                + PinEntry.FACTORY_PUK
                + ", factory management key."
                + " Run 'keys yubikey setup --serial "
                + d.serial()
                + "' next.");
    return 0;
  }
}
