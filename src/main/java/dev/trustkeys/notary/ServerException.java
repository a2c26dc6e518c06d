package dev.trustkeys.notary;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;

/** The Notary server answered with an error: carries the HTTP status and Notary's error code. */
public final class ServerException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  public ServerException(String what, int status, String code, String detail) {
    super(
        what
            + ": the server answered "
            + status
            + (code.isEmpty() ? "" : " " + code)
            + (detail.isEmpty() ? "" : " (" + detail + ")"),
        status == 404 ? ExitCode.NOT_FOUND : ExitCode.FAILURE);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  /**
   * Notary's error code, e.g. METADATA_NOT_FOUND, BAD_REQUEST, MALFORMED_UPLOAD; empty if none was
   * given.
   */
  public String code() {
    return code;
  }
}
