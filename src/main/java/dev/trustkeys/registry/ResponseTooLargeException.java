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
            + "): refused; a Notary server never sends that much",
        dev.trustkeys.core.ExitCode.FAILURE,
        dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.CHECK_WHAT_ANSWERS),
        null);
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
