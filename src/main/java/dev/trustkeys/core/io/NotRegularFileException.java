package dev.trustkeys.core.io;

import java.nio.file.FileSystemException;

/**
 * A file to read is not a regular file: a directory, a FIFO, a device or a socket. Nothing was
 * opened.
 */
public final class NotRegularFileException extends FileSystemException {
  private static final long serialVersionUID = 1L;
  private final String kind;

  public NotRegularFileException(String file, String kind) {
    super(file, null, "is " + kind + ", not a regular file");
    this.kind = kind;
  }

  /** What the file is: "a directory", "a FIFO (named pipe)", "a character device", ... */
  public String kind() {
    return kind;
  }
}
