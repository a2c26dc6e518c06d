package dev.trustkeys.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys tuf ...}: TUF 1.0 repositories, as python-tuf, tuf-on-ci, go-tuf and tuf-js use them
 * (docs/tuf.md).
 */
@Command(
    name = "tuf",
    description =
        "TUF 1.0 repositories: init, targets, delegations, sign, refresh, verify, status.",
    subcommands = {
      TufInitCommand.class,
      TufAddTargetCommand.class,
      TufRemoveTargetCommand.class,
      TufDelegateCommand.class,
      TufUndelegateCommand.class,
      TufSignCommand.class,
      TufRefreshCommand.class,
      TufVerifyCommand.class,
      TufStatusCommand.class,
    })
final class TufCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
