package dev.trustkeys.notary;

import dev.trustkeys.core.KeysException;

/** The Notary server could not be reached at all. */
public final class ServerUnreachableException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String url;

  public ServerUnreachableException(String url, Throwable cause) {
    super("cannot reach the Notary server at " + url + ": " + cause.getClass().getSimpleName()
        + (cause.getMessage() == null ? "" : " " + cause.getMessage()) + "; check --server and that it is running",
        cause);
    this.url = url;
  }

  public String url() {
    return url;
  }
}
