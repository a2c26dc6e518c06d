package dev.trustkeys.tuf;

import dev.trustkeys.metadata.MetadataFormatException;

/** Notary metadata that cannot be read: malformed JSON, a missing or mistyped field (exit 7). */
public class MetadataException extends MetadataFormatException {
  private static final long serialVersionUID = 1L;

  public MetadataException(String message) {
    super(message);
  }

  public MetadataException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code remedy}: what would fix it. */
  public MetadataException(String message, dev.trustkeys.core.Remedy remedy) {
    super(message, remedy);
  }
}
