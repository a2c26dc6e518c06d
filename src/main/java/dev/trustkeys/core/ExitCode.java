package dev.trustkeys.core;

/**
 * The process exit codes of {@code keys}. They are stable: scripts depend on them (README, "Exit
 * codes").
 */
public enum ExitCode {
  OK(0),
  FAILURE(1),
  USAGE(2),
  WRONG_SECRET(3),
  NOT_FOUND(4),
  NEEDS_INPUT(5),
  DEVICE(6),
  VERIFICATION_FAILED(7),
  CONFLICT(8),
  /**
   * A server refused the login: no credentials, wrong ones, or no permission for the repository.
   */
  AUTHENTICATION(9);

  private final int value;

  ExitCode(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }
}
