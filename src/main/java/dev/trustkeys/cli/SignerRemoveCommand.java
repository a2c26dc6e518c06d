package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.Confirmation;
import dev.trustkeys.notary.Signers;
import dev.trustkeys.registry.ImageReference;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys signer remove NAME REPOSITORY...}: the signer's delegation goes, and its keys leave
 * {@code targets/releases}; asks first when that makes the last release unpullable.
 */
@Command(
    name = "remove",
    aliases = "rm",
    description =
        "Remove a signer from repositories, as 'docker trust signer"
            + " remove' did; asks first when the signer signed the last release.")
final class SignerRemoveCommand implements Callable<Integer> {
  @ParentCommand SignerCommand parent;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "REPOSITORY")
  List<String> repositories;

  @Option(
      names = {"-f", "--force", "-y", "--yes"},
      description = "Do not ask before removing the signer of the last release.")
  boolean force;

  @Mixin ServerFlags serverFlags;

  @Override
  public Integer call() throws KeysException {
    if (name.equals("releases")) {
      throw new UsageException("releases is a reserved keyword and cannot be removed");
    }
    Context ctx = new Context(parent.root);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    return SignerCommand.forEach(
        repositories,
        err,
        "error removing signer from",
        repo -> {
          out.println("Removing signer \"" + name + "\" from " + repo + "...");
          out.flush();
          ImageReference ref = ImageReference.parse(repo);
          Signers.Removed r =
              new Signers(serverFlags.session(ctx, ref.gun(), err))
                  .remove(ref.gun(), name, Confirmation.on(ctx.terminal(), force, "--force"));
          if (!r.removed()) {
            throw new KeysException("signer " + name + " was not removed", ExitCode.FAILURE);
          }
          out.println("Successfully removed " + name + " from " + repo);
          out.println("");
          out.flush();
        });
  }
}
