package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.YubiKeyUser;
import dev.trustkeys.core.secret.Terminal;

/** The person at a YubiKey, on the terminal: told things, asked yes/no ([y/N]; no answer without a terminal). */
final class TerminalUser implements YubiKeyUser {
  private final Terminal terminal;

  TerminalUser(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public void say(String message) {
    terminal.say(message);
  }

  @Override
  public boolean confirm(String question) {
    if (!terminal.interactive()) {
      return false;
    }
    String a = terminal.readLine(question + " [y/N] ");
    return a != null && (a.trim().equalsIgnoreCase("y") || a.trim().equalsIgnoreCase("yes"));
  }
}
