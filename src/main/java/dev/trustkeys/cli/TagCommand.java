package dev.trustkeys.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys tag sign|revoke}: signed tags, as {@code docker trust sign} and {@code docker trust revoke} made them.
 */
@Command(name = "tag", description = "Sign image tags by manifest digest, or revoke them, as 'docker trust sign' and"
    + " 'docker trust revoke' did, without a Docker daemon.",
    subcommands = {TagSignCommand.class, TagRevokeCommand.class})
final class TagCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
