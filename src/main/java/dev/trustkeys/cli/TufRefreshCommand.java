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

/** {@code keys tuf refresh REPO}: new snapshot and timestamp versions with fresh expiry. */
@Command(
    name = "refresh",
    description = "Re-sign the online roles (snapshot, timestamp) with new expiry.")
final class TufRefreshCommand implements Callable<Integer> {
  @ParentCommand TufCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REPO", description = "The repository folder.")
  Path repo;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    try (BackendKeySource source = TufKeys.source(ctx)) {
      TufKeys.report(
          spec.commandLine().getOut(), repo, TufKeys.editor(ctx, repo, source).refresh());
    }
    return 0;
  }
}
