package dev.trustkeys.cli;

import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys remove KEYID}: delete a key, after a confirmation that {@code --yes} gives. */
@Command(name = "remove", aliases = "rm", description = "Delete a key (asks first unless --yes).")
final class RemoveCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "KEYID|URI",
      description = "Key ID (7 or more characters) or a token key's pkcs11: URI.")
  String id;

  @Mixin YesOption yes;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    Keyring.Located located = ctx.locate(id);
    KeyInfo k = located.key();
    String warning = k.role().isRoot() ? "A lost root key cannot be recovered. " : "";
    yes.on(ctx.terminal())
        .require(
            warning + "Delete " + k.label() + " from " + k.location().display() + "?",
            "nothing was deleted");
    located.backend().remove(k.id());
    spec.commandLine()
        .getOut()
        .println(
            "Deleted "
                + k.id().hex()
                + " (role "
                + k.role()
                + ") from "
                + k.location().display()
                + ".");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
