package dev.trustkeys.core.secret;

/**
 * A terminal nobody sits at: nothing can be asked. Messages go to standard error (a process without
 * a console, as in pipes and CI) or nowhere ({@link Terminal#none()}).
 */
final class NoTerminal implements Terminal {
  private final boolean toStandardError;

  NoTerminal(boolean toStandardError) {
    this.toStandardError = toStandardError;
  }

  @Override
  public boolean interactive() {
    return false;
  }

  @Override
  public char[] readSecret(String prompt) {
    return null;
  }

  @Override
  public String readLine(String prompt) {
    return null;
  }

  @Override
  public void say(String message) {
    if (toStandardError) {
      System.err.println(message);
    }
  }
}
