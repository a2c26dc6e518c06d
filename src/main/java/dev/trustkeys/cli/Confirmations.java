package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.Confirmation;

/** Yes/no questions before what cannot be undone: answered by a flag, else asked on the terminal. */
final class Confirmations {
  private Confirmations() {}

  /**
   * Yes when {@code yes} (the command's --yes/--force) is set; else the question on the terminal, [y/N]; without
   * a terminal exit 5 naming {@code flag}.
   */
  static Confirmation of(Context ctx, boolean yes, String flag) {
    return question -> {
      if (yes) {
        return true;
      }
      if (!ctx.terminal().interactive()) {
        throw new KeysException("not confirmed (no terminal to ask on): " + question + " Add " + flag
            + " to confirm", ExitCode.NEEDS_INPUT);
      }
      String a = ctx.terminal().readLine(question + " [y/N] ");
      return a != null && (a.trim().equalsIgnoreCase("y") || a.trim().equalsIgnoreCase("yes"));
    };
  }
}
