package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.YubiKeyUser;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.Confirmation;
import dev.trustkeys.core.secret.Terminal;

/**
 * The person at a YubiKey, on the terminal (stderr without one): told things, and asked before the
 * last PIN try; nobody to ask and no {@code --allow-last-pin-try} is exit 5, naming the flag.
 */
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
  public void warn(String problem, dev.trustkeys.core.Remedy remedy) {
    terminal.say("Warning: " + Advice.join(problem, remedy) + ".");
  }

  @Override
  public boolean confirm(String question) throws KeysException {
    // made when a question is asked: keys list builds a TerminalUser for every YubiKey provider,
    // and asks nothing
    return Confirmation.on(terminal, false, "--allow-last-pin-try").confirm(question);
  }
}
