package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.Confirmation;
import dev.trustkeys.notary.Tags;
import dev.trustkeys.registry.ImageReference;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys tag revoke REPOSITORY[:TAG]}: removes a tag's signatures (or, with no tag, those of
 * every released tag, after a confirmation) from the roles whose keys are here, as {@code docker
 * trust revoke} did.
 */
@Command(
    name = "revoke",
    description =
        "Remove the signatures of a tag, or of every tag (asks first), from the roles"
            + " whose keys are here, as 'docker trust revoke' did.")
final class TagRevokeCommand implements Callable<Integer> {
  @ParentCommand TagCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REPOSITORY[:TAG]")
  String reference;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask before revoking every tag.")
  boolean yes;

  @Mixin ServerFlags serverFlags;

  @Override
  public Integer call() throws KeysException {
    ImageReference ref = ImageReference.parse(reference);
    if (ref.tag().isEmpty() && ref.digest().isPresent()) {
      throw new UsageException("cannot use a digest reference for IMAGE:TAG: " + reference);
    }
    Context ctx = new Context(parent.root);
    PrintWriter out = spec.commandLine().getOut();
    if (ref.tag().isEmpty()
        && !Confirmation.on(ctx.terminal(), yes, "--yes")
            .confirm(
                "Confirm you would like to delete all signature data for " + reference + "?")) {
      out.println("trust revoke has been cancelled");
      out.flush();
      return ExitCode.FAILURE.value();
    }
    Tags.Result res =
        new Tags(serverFlags.session(ctx, ref.gun(), spec.commandLine().getErr()))
            .revoke(ref.gun(), ref.tag());
    for (String still : res.stillSigned()) {
      spec.commandLine()
          .getErr()
          .println("keys: warning: still signed: " + still + " (its keys are not here)");
    }
    spec.commandLine().getErr().flush();
    out.println(
        "Successfully deleted signature for "
            + reference
            + " (from "
            + String.join(", ", res.tagsByRole().keySet())
            + ")");
    out.flush();
    return 0;
  }
}
