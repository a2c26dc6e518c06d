package dev.trustkeys.core;

/**
 * The root of every expected failure. Its message is one line that says what went wrong and what to
 * do; it never contains a secret.
 */
public class KeysException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;
  private final Remedy remedy;

  public KeysException(String message) {
    this(message, ExitCode.FAILURE, null);
  }

  public KeysException(String message, Throwable cause) {
    this(message, ExitCode.FAILURE, cause);
  }

  public KeysException(String message, ExitCode exitCode) {
    this(message, exitCode, null);
  }

  public KeysException(String message, ExitCode exitCode, Throwable cause) {
    this(message, exitCode, null, cause);
  }

  /**
   * @param remedy what would fix it, which the command line words (null: nothing to add)
   */
  public KeysException(String message, ExitCode exitCode, Remedy remedy, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.remedy = remedy;
  }

  public ExitCode exitCode() {
    return exitCode;
  }

  /**
   * What would fix it, if the library knows: the command line adds it to the message in its own
   * words.
   */
  public java.util.Optional<Remedy> remedy() {
    return java.util.Optional.ofNullable(remedy);
  }
}
