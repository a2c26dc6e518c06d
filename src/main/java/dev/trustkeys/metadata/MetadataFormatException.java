package dev.trustkeys.metadata;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;

/**
 * Metadata that does not follow its dialect: malformed JSON, a missing or mistyped field, a key or
 * signature that cannot be decoded, a value canonical JSON cannot represent. The message names the
 * field.
 */
public class MetadataFormatException extends KeysException {
  private static final long serialVersionUID = 1L;

  public MetadataFormatException(String message) {
    super(message, ExitCode.VERIFICATION_FAILED);
  }

  public MetadataFormatException(String message, Throwable cause) {
    super(message, ExitCode.VERIFICATION_FAILED, cause);
  }

  /** {@code remedy}: what would fix it. */
  public MetadataFormatException(String message, dev.trustkeys.core.Remedy remedy) {
    super(message, ExitCode.VERIFICATION_FAILED, remedy, null);
  }
}
