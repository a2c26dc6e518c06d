package dev.trustkeys.notary;

import dev.trustkeys.core.KeysException;

/**
 * What answered at the server URL is not a Notary server (a web page, a registry, a proxy's error
 * page).
 */
public final class NotNotaryServerException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String url;
  private final int status;

  public NotNotaryServerException(String url, String what, int status, String contentType) {
    super(
        "the server at "
            + url
            + " does not answer as a Notary server (asked to "
            + what
            + ", it answered "
            + status
            + (contentType.isEmpty() ? "" : " with " + contentType.split(";")[0].strip())
            + ")",
        dev.trustkeys.core.ExitCode.FAILURE,
        dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.CHECK_SERVER_IS_NOTARY),
        null);
    this.url = url;
    this.status = status;
  }

  public String url() {
    return url;
  }

  public int status() {
    return status;
  }
}
