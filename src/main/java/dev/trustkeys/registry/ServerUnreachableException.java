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
    super(message, cause);
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
