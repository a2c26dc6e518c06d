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

/** {@code keys tuf undelegate REPO ROLE}: removes a delegation. */
@Command(
    name = "undelegate",
    description =
        "Remove a delegated role (its delegator and the snapshot no longer" + " name it).")
final class TufUndelegateCommand implements Callable<Integer> {
  @ParentCommand TufCommand parent;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPO", description = "The repository folder.")
  Path repo;

  @Parameters(index = "1", paramLabel = "ROLE", description = "The delegated role.")
  String role;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    try (BackendKeySource source = TufKeys.source(ctx)) {
      TufKeys.report(
          spec.commandLine().getOut(), repo, TufKeys.editor(ctx, repo, source).undelegate(role));
    }
    return 0;
  }
}
