package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf1.BackendKeySource;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys tuf remove-target REPO NAME}. */
@Command(
    name = "remove-target",
    description =
        "Remove a target from the role that lists it (its file stays for" + " older snapshots).")
final class TufRemoveTargetCommand implements Callable<Integer> {
  @ParentCommand TufCommand parent;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPO", description = "The repository folder.")
  Path repo;

  @Parameters(index = "1", paramLabel = "NAME", description = "The target path.")
  String name;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    try (BackendKeySource source = TufKeys.source(ctx)) {
      TufKeys.report(
          spec.commandLine().getOut(), repo, TufKeys.editor(ctx, repo, source).removeTarget(name));
    }
    return 0;
  }
}
