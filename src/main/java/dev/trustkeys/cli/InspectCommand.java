package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.TrustInspector;
import dev.trustkeys.registry.ImageReference;
import java.io.PrintWriter;
import java.util.ArrayList;
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
 * {@code keys inspect REPOSITORY[:TAG]...}: exactly what {@code docker trust inspect} prints, JSON
 * or {@code --pretty}, read from the Notary server and verified, so that scripts which parsed
 * Docker's output keep working after Docker 29.
 */
@Command(
    name = "inspect",
    description =
        "Show a repository's signed tags, signers and administrative keys, "
            + "exactly as 'docker trust inspect' printed them (JSON, or --pretty).")
final class InspectCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "REPOSITORY[:TAG]",
      arity = "1..*",
      description =
          "Image repositories as Docker names them (app, me/app, registry:5000/team/app), with a tag to"
              + " show only that tag.")
  List<String> repositories;

  @Option(names = "--pretty", description = "Print Docker's human-friendly text instead of JSON.")
  boolean pretty;

  @Mixin ServerFlags serverFlags;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<DockerTrustFormat.Named> reports = new ArrayList<>();
    List<KeysException> failures = new ArrayList<>();
    for (int i = 0; i < repositories.size(); i++) {
      String remote = repositories.get(i);
      try {
        ImageReference ref = ImageReference.parse(remote);
        TrustInspector inspector = new TrustInspector(serverFlags.session(ctx, ref.gun(), err));
        DockerTrustFormat.Named n =
            new DockerTrustFormat.Named(remote, inspector.inspect(ref.gun(), ref.tag()));
        if (pretty) {
          out.print(DockerTrustFormat.pretty(n));
          if (i < repositories.size() - 1) {
            out.print("\n\n");
          }
          out.flush();
        } else {
          reports.add(n);
        }
      } catch (KeysException e) {
        if (pretty) {
          throw e;
        }
        failures.add(e);
        err.println("keys: " + remote + ": " + Advice.message(e));
      }
    }
    if (!pretty) {
      out.print(DockerTrustFormat.json(reports));
      out.flush();
    }
    err.flush();
    return failures.isEmpty() ? 0 : failures.get(0).exitCode().value();
  }
}
