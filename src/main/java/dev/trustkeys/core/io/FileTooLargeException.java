package dev.trustkeys.core.io;

import java.nio.file.FileSystemException;

/** A file holds more bytes than its kind ever needs; it was not read to its end. */
public final class FileTooLargeException extends FileSystemException {
  private static final long serialVersionUID = 1L;
  private final long limit;

  public FileTooLargeException(String file, long limit) {
    super(
        file,
        null,
        "is larger than " + IoErrors.size(limit) + ", the most keys reads of such a file");
    this.limit = limit;
  }

  /** The most bytes such a file may hold. */
  public long limit() {
    return limit;
  }
}
