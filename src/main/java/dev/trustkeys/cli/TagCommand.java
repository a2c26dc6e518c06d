package dev.trustkeys.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys tag sign|revoke}: tags signed as {@code docker trust sign} signed them, or revoked.
 */
@Command(
    name = "tag",
    description =
        "Sign image tags by manifest digest, or revoke them, as 'docker trust sign' and"
            + " 'docker trust revoke' did, without a Docker daemon.",
    subcommands = {TagSignCommand.class, TagRevokeCommand.class})
final class TagCommand extends GroupCommand {
  @ParentCommand KeysCommand root;
}
