package dev.trustkeys.core.secret;

/** The user's terminal, injected so that prompts can be tested. */
public interface Terminal {
  /** Whether a person can be asked (a console is attached). */
  boolean interactive();

  /** Reads a line without echo; null at end of input. */
  char[] readSecret(String prompt);

  /** Reads a visible line; null at end of input. */
  String readLine(String prompt);

  /** Writes a message line to the terminal (not to standard output). */
  void say(String message);

  /**
   * No terminal at all: nothing can be asked and messages go nowhere (scripts embedding keys,
   * tests).
   */
  static Terminal none() {
    return new NoTerminal(false);
  }

  /** The process console, or a terminal that is not interactive when there is none. */
  static Terminal system() {
    java.io.Console c = System.console();
    if (c == null) {
      return new NoTerminal(true);
    }
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public char[] readSecret(String prompt) {
        return c.readPassword("%s", prompt);
      }

      @Override
      public String readLine(String prompt) {
        return c.readLine("%s", prompt);
      }

      @Override
      public void say(String message) {
        c.writer().println(message);
        c.writer().flush();
      }
    };
  }
}
