package dev.trustkeys.tuf;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;

/** TUF metadata that cannot be read: malformed JSON, a missing or mistyped field. */
public class MetadataException extends KeysException {
  private static final long serialVersionUID = 1L;

  public MetadataException(String message) {
    super(message, ExitCode.VERIFICATION_FAILED);
  }

  public MetadataException(String message, Throwable cause) {
    super(message, ExitCode.VERIFICATION_FAILED, cause);
  }
}
