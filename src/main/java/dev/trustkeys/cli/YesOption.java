package dev.trustkeys.cli;

import dev.trustkeys.core.secret.Confirmation;
import dev.trustkeys.core.secret.Terminal;
import picocli.CommandLine.Option;

/** {@code -y/--yes}: the answer to a command's confirmation question, for scripts. */
final class YesOption {
  @Option(
      names = {"-y", "--yes"},
      description =
          "Answer yes to the confirmation question (for scripts; without it"
              + " keys asks on the terminal, and stops with exit 5 when there is none).")
  boolean yes;

  /** The command's confirmation: yes with --yes, else the question on {@code terminal}, [y/N]. */
  Confirmation on(Terminal terminal) {
    return Confirmation.on(terminal, yes, "--yes");
  }
}
