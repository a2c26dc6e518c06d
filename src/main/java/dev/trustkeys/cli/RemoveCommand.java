package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys remove KEYID}: delete a key, after a confirmation that {@code --yes} gives. */
@Command(name = "remove", aliases = "rm", description = "Delete a key (asks first unless --yes).")
final class RemoveCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "KEYID|URI", description = "Key ID (7 or more characters) or a token key's pkcs11: URI.")
  String id;

  @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
  boolean yes;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    Keyring.Located located = ctx.locate(id);
    KeyInfo k = located.key();
    if (!yes) {
      if (!ctx.terminal().interactive()) {
        throw new KeysException(
            "removing " + k.label() + " needs a confirmation: run on a terminal or add --yes", ExitCode.NEEDS_INPUT);
      }
      String warning = k.role().isRoot() ? " A lost root key cannot be recovered." : "";
      String answer = ctx.terminal().readLine(
          "Delete " + k.label() + " from " + k.location().display() + "?" + warning + " (yes/no) ");
      if (answer == null || !answer.trim().equalsIgnoreCase("yes")) {
        spec.commandLine().getOut().println("Aborted: nothing was deleted.");
        spec.commandLine().getOut().flush();
        return ExitCode.FAILURE.value();
      }
    }
    located.backend().remove(k.id());
    spec.commandLine().getOut().println("Deleted " + k.id().hex() + " (role " + k.role() + ") from " + k.location().display() + ".");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
