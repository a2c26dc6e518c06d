package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Confirmation;
import dev.trustkeys.notary.DelegationEditor;
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
 * {@code keys delegation remove GUN ROLE [--key KEYID]... [--paths P,...] [--all-paths] [--yes]}:
 * removes keys or paths from a delegation, or with neither the whole delegation (after a
 * confirmation), and publishes.
 */
@Command(
    name = "remove",
    aliases = "rm",
    description =
        "Remove keys or paths from a delegation, or the whole"
            + " delegation, and publish (as 'notary delegation remove' then 'notary publish').")
final class DelegationRemoveCommand implements Callable<Integer> {
  @ParentCommand DelegationCommand parent;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "GUN")
  String gun;

  @Parameters(index = "1", paramLabel = "ROLE")
  String role;

  @Option(
      names = {"-k", "--key"},
      paramLabel = "KEYID",
      description =
          "A key to remove, by canonical ID (as 'keys " + "delegation list' shows it). Repeatable.")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--paths",
      paramLabel = "PATH",
      split = ",",
      description = "Paths to remove (comma-separated).")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--all-paths",
      description = "Remove every path (the delegation then signs nothing).")
  boolean allPaths;

  @Option(
      names = {"-y", "--yes"},
      description = "Do not ask before removing the whole delegation.")
  boolean yes;

  @Mixin ServerFlags serverFlags;

  @Override
  public Integer call() throws KeysException {
    DelegationEditor.checkName(role);
    List<String> ids = keys;
    Context ctx = new Context(parent.root);
    PrintWriter out = spec.commandLine().getOut();
    boolean whole = ids.isEmpty() && paths.isEmpty() && !allPaths;
    if (whole
        && !Confirmation.on(ctx.terminal(), yes, "--yes")
            .confirm(
                "Remove all data (keys and paths) of"
                    + " delegation "
                    + role
                    + " of "
                    + gun
                    + "? Tags it signed stop counting.")) {
      out.println("Delegation " + role + " not removed.");
      out.flush();
      return ExitCode.FAILURE.value();
    }
    DelegationEditor.Result r =
        new DelegationEditor(serverFlags.session(ctx, gun, spec.commandLine().getErr()))
            .remove(gun, role, ids, allPaths ? List.of() : paths, allPaths);
    if (!r.exists()) {
      out.println(
          "Removed delegation role "
              + role
              + " (all its keys and paths) from repository \""
              + gun
              + "\"; published.");
    } else {
      out.println(
          "Removed from delegation role "
              + role
              + " of repository \""
              + gun
              + "\""
              + (ids.isEmpty() ? "" : " keys " + keys)
              + (allPaths
                  ? " all paths"
                  : paths.isEmpty() ? "" : " paths " + DelegationCommand.prettyPaths(paths))
              + "; published.");
      out.println(
          "Delegation "
              + role
              + ": threshold "
              + r.threshold()
              + ", keys "
              + r.keyIds()
              + ", paths "
              + DelegationCommand.prettyPaths(r.paths()));
    }
    out.flush();
    return 0;
  }
}
