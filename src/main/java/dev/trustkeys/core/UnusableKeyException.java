package dev.trustkeys.core;

/**
 * The key asked for is there but cannot be used: its file is corrupt, truncated or foreign. Carries
 * where and why.
 */
public final class UnusableKeyException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String location;
  private final String reason;

  public UnusableKeyException(String location, String reason) {
    super(
        location + " cannot be used: " + reason,
        ExitCode.FAILURE,
        Remedy.of(Remedy.Kind.RESTORE_OR_MOVE_KEY_FILE),
        null);
    this.location = location;
    this.reason = reason;
  }

  public String location() {
    return location;
  }

  public String reason() {
    return reason;
  }
}
