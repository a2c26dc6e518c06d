package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.ManagementKey;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Secret;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys yubikey setup}: replaces whichever of the factory PIN, PUK and management key the
 * YubiKey still has. Current values come from the environment or a prompt (the factory PIN is never
 * tried on its own: the user types it, or sets it); new ones from the environment, files or a
 * prompt. Nothing is stored.
 */
@Command(
    name = "setup",
    description =
        "Replace the factory PIN, PUK and management key (each asked on the terminal or"
            + " read from the environment, never from the command line).")
final class YubiKeySetupCommand implements Callable<Integer> {
  @ParentCommand YubiKeyCommand parent;
  @Mixin YubiKeyDeviceOptions device;

  @Option(
      names = "--random-management-key",
      description = "Generate the new management key and show it once.")
  boolean random;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    YubiKeyDeviceOptions.Device d = device.open(ctx);
    DeviceSecrets ds = new DeviceSecrets(ctx.env(), ctx.terminal());
    int serial = d.serial();
    boolean factoryMgmt;
    try (ManagementKey factory = ManagementKey.factoryDefault()) {
      factoryMgmt = d.session().authenticate(factory);
    }
    if (factoryMgmt) {
      try (ManagementKey fresh =
          YubiKeySetManagementKeyCommand.newKey(
              ctx, ds, serial, random, "--random-management-key")) {
        d.session().setManagementKey(fresh);
      }
      ctx.terminal().say("Management key: changed from the factory default.");
    } else {
      ctx.terminal().say("Management key: not the factory default; left alone.");
    }
    YubiKeyDeviceOptions.guardLastPinTry(ctx, d, parent.root.allowLastPinTry);
    try (Secret pin =
        ds.current(
            DeviceSecrets.PIN, "the current PIN of YubiKey " + serial + " (factory: 123456)")) {
      if (YubiKeyDeviceOptions.is(pin, YubiKeyDeviceOptions.FACTORY_PIN)) {
        try (Secret fresh =
            ds.fresh(
                DeviceSecrets.NEW_PIN,
                "the new PIN for YubiKey " + serial,
                DeviceSecrets.Format.PIN)) {
          d.session().changePin(pin.chars(), fresh.chars());
        }
        ctx.terminal().say("PIN: changed from the factory default.");
      } else {
        ctx.terminal().say("PIN: not the factory default; left alone.");
      }
    }
    try (Secret puk =
        ds.current(
            DeviceSecrets.PUK, "the current PUK of YubiKey " + serial + " (factory: 12345678)")) {
      if (YubiKeyDeviceOptions.is(puk, YubiKeyDeviceOptions.FACTORY_PUK)) {
        try (Secret fresh =
            ds.fresh(
                DeviceSecrets.NEW_PUK,
                "the new PUK for YubiKey " + serial,
                DeviceSecrets.Format.PUK)) {
          d.session().changePuk(puk.chars(), fresh.chars());
        }
        ctx.terminal().say("PUK: changed from the factory default.");
      } else {
        ctx.terminal().say("PUK: not the factory default; left alone.");
      }
    }
    ctx.terminal().say("YubiKey " + serial + " is set up.");
    return 0;
  }
}
