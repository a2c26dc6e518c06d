package dev.trustkeys.cli;

import dev.trustkeys.core.secret.Terminal;

/** The terminal for prompts: it pauses the command's spinner while it asks or says something. */
final class PausingTerminal implements Terminal {
  private final Terminal terminal;
  private final Context ctx;

  PausingTerminal(Terminal terminal, Context ctx) {
    this.terminal = terminal;
    this.ctx = ctx;
  }

  @Override
  public boolean interactive() {
    return terminal.interactive();
  }

  @Override
  public char[] readSecret(String prompt) {
    Progress p = ctx.currentProgress();
    p.pause();
    try {
      return terminal.readSecret(prompt);
    } finally {
      p.resume();
    }
  }

  @Override
  public String readLine(String prompt) {
    Progress p = ctx.currentProgress();
    p.pause();
    try {
      return terminal.readLine(prompt);
    } finally {
      p.resume();
    }
  }

  @Override
  public void say(String message) {
    Progress p = ctx.currentProgress();
    p.pause();
    try {
      terminal.say(message);
    } finally {
      p.resume();
    }
  }
}
