package dev.trustkeys.core;

/** The user asked for something that cannot be done as asked (bad argument, bad combination). */
public final class UsageException extends KeysException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message, ExitCode.USAGE);
  }

  /**
   * @param remedy what would fix it, which the command line words
   */
  public UsageException(String message, Remedy remedy) {
    super(message, ExitCode.USAGE, remedy, null);
  }
}
