package dev.trustkeys.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * I/O errors in people's words. Java's file exceptions often carry only a path as their message (an
 * {@link AccessDeniedException} says "/x/y", nothing more): these say what happened, and what to do for the
 * causes a person can fix.
 */
public final class IoErrors {
  private IoErrors() {}

  /** What went wrong, without the exception's class name: "permission denied", "No space left on device", ... */
  public static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? "input/output error" : e.getMessage();
  }

  /** Whether the cause is a full disk or an exhausted quota. */
  public static boolean isDiskFull(IOException e) {
    String m = describe(e);
    return m.contains("No space left on device") || m.contains("Disk quota exceeded");
  }

  /** Whether the cause is a read-only file system or missing write permission. */
  public static boolean isReadOnly(IOException e) {
    return e instanceof AccessDeniedException || describe(e).contains("Read-only file system");
  }

  /** ": free some space and run the command again" for a full disk, and so on; empty when there is no advice. */
  public static String advice(IOException e) {
    if (isDiskFull(e)) {
      return ": free some space on that disk and run the command again";
    }
    if (isReadOnly(e)) {
      return ": the directory is read-only for keys (check its permissions and mount)";
    }
    return "";
  }
}
