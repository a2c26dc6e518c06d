package dev.trustkeys.registry;

import dev.trustkeys.core.KeysException;

/**
 * A server could not be reached at all: the host is unknown, nothing listens, or it does not
 * answer.
 */
public final class ServerUnreachableException extends KeysException {
  private static final long serialVersionUID = 1L;

  /** Why the server could not be reached. */
  public enum Reason {
    UNKNOWN_HOST,
    REFUSED,
    TIMEOUT,
    CLOSED,
    OTHER
  }

  private final String url;
  private final Reason reason;

  public ServerUnreachableException(String message, String url, Reason reason, Throwable cause) {
    this(message, url, reason, null, cause);
  }

  /** {@code remedy}: what would fix it, or null. */
  public ServerUnreachableException(
      String message,
      String url,
      Reason reason,
      dev.trustkeys.core.Remedy remedy,
      Throwable cause) {
    super(message, dev.trustkeys.core.ExitCode.FAILURE, remedy, cause);
    this.url = url;
    this.reason = reason;
  }

  public String url() {
    return url;
  }

  public Reason reason() {
    return reason;
  }
}
