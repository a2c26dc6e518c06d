package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys signer add|remove}: who may sign a repository's tags, as {@code docker trust signer}
 * managed it.
 */
@Command(
    name = "signer",
    description = "Add or remove the signers of repositories, as 'docker trust signer' did.",
    subcommands = {SignerAddCommand.class, SignerRemoveCommand.class})
final class SignerCommand extends GroupCommand {
  @ParentCommand KeysCommand root;

  /** One repository's part of a command over several. */
  interface PerRepository {
    void run(String repository) throws KeysException;
  }

  /**
   * Runs {@code action} for every repository as Docker does: a failure is reported ({@code keys:
   * REPO: ...}) and the others still run; then one error names the failed repositories, with the
   * first failure's exit code.
   */
  static int forEach(
      List<String> repositories, PrintWriter err, String failedWhat, PerRepository action)
      throws KeysException {
    List<String> failed = new ArrayList<>();
    KeysException first = null;
    for (String r : repositories) {
      try {
        action.run(r);
      } catch (KeysException e) {
        err.println("keys: " + r + ": " + Advice.message(e));
        err.flush();
        failed.add(r);
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new KeysException(failedWhat + ": " + String.join(", ", failed), first.exitCode());
    }
    return 0;
  }
}
