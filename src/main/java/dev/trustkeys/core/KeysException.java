package dev.trustkeys.core;

/**
 * The root of every expected failure. Its message is one line that says what went wrong and what to do;
 * it never contains a secret.
 */
public class KeysException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ExitCode exitCode;

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
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
