package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf1.BackendKeySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys tuf add-target REPO FILE [--path NAME] [--role ROLE]}. */
@Command(
    name = "add-target",
    description =
        "Add a file as a target: new role, snapshot and timestamp versions,"
            + " signed with the keys held here.")
final class TufAddTargetCommand implements Callable<Integer> {
  @ParentCommand TufCommand parent;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPO", description = "The repository folder.")
  Path repo;

  @Parameters(index = "1", paramLabel = "FILE", description = "The file to publish.")
  Path file;

  @Option(
      names = "--path",
      paramLabel = "NAME",
      description = "Its target path (default: the file's name).")
  String path;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      defaultValue = "targets",
      description = "The targets role that lists it: targets (default) or a delegated role.")
  String role;

  @Override
  public Integer call() throws KeysException {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new KeysException(
          "cannot read " + file + ": " + e.getClass().getSimpleName(), ExitCode.NOT_FOUND);
    }
    String name = path != null ? path : file.getFileName().toString();
    Context ctx = new Context(parent.root);
    try (BackendKeySource source = TufKeys.source(ctx)) {
      TufKeys.report(
          spec.commandLine().getOut(),
          repo,
          TufKeys.editor(ctx, repo, source).addTarget(name, content, role));
    }
    return 0;
  }
}
