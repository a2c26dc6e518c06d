package dev.trustkeys.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys yubikey ...}: the YubiKeys themselves (see docs/yubikey.md). */
@Command(
    name = "yubikey",
    description = "Manage YubiKeys: list, status, attest, PIN/PUK/management key, reset.",
    subcommands = {
      YubiKeyListCommand.class,
      YubiKeyStatusCommand.class,
      YubiKeyAttestCommand.class,
      YubiKeySetupCommand.class,
      YubiKeyChangePinCommand.class,
      YubiKeyChangePukCommand.class,
      YubiKeyUnblockPinCommand.class,
      YubiKeySetManagementKeyCommand.class,
      YubiKeyResetCommand.class,
    })
final class YubiKeyCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
