package dev.trustkeys.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys delegation add|remove|list}: a repository's delegations, as {@code notary delegation}
 * manages them.
 */
@Command(
    name = "delegation",
    description =
        "List, add or remove a repository's delegations (roles targets/NAME"
            + " with keys, paths and a threshold), as 'notary delegation' does, published at once.",
    subcommands = {
      DelegationListCommand.class,
      DelegationAddCommand.class,
      DelegationRemoveCommand.class
    })
final class DelegationCommand extends GroupCommand {
  @ParentCommand KeysCommand root;

  /** Notary's way of showing paths: sorted, and "" as {@code "" <all paths>}. */
  static List<String> prettyPaths(List<String> paths) {
    List<String> sorted = new ArrayList<>(paths);
    sorted.sort(dev.trustkeys.tuf.Json.KEY_ORDER);
    List<String> out = new ArrayList<>();
    for (String p : sorted) {
      out.add(p.isEmpty() ? "\"\" <all paths>" : p);
    }
    return out;
  }
}
