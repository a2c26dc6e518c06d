package dev.trustkeys.backup;

import java.io.IOException;

/**
 * The bytes are not an acceptable tar archive: malformed, or beyond a limit. Thrown by the tar
 * layer.
 */
final class ArchiveFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String entry;

  ArchiveFormatException(String message) {
    this("", message);
  }

  /** A refusal of one entry, named as the archive names it. */
  ArchiveFormatException(String entry, String message) {
    super(message);
    this.entry = entry;
  }

  String entry() {
    return entry;
  }
}
