package dev.trustkeys.registry;

import dev.trustkeys.core.KeysException;

/** A server sent more than the limit for what was asked: nothing of it was used. */
public final class ResponseTooLargeException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String url;
  private final long limit;

  public ResponseTooLargeException(String what, String url, long limit) {
    super(
        "the server sent more than "
            + Limits.describe(limit)
            + " for "
            + what
            + " ("
            + url
            + "): refused; a"
            + " Notary server never sends that much, so check --server and what answers there");
    this.url = url;
    this.limit = limit;
  }

  public String url() {
    return url;
  }

  public long limit() {
    return limit;
  }
}
