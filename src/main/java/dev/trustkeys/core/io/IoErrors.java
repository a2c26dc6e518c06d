package dev.trustkeys.core.io;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Untrusted;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * I/O failures in people's words, for every message about a file: {@code cannot read nosuch.pem: no
 * such file} rather than {@code NoSuchFileException} or the path repeated ({@code
 * NoSuchFileException}'s message is the path alone). Java's own texts are the C library's ({@code
 * No space left on device}); they are kept, in lower case, and anything that looks like a Java
 * class name is dropped from them.
 */
public final class IoErrors {
  private IoErrors() {}

  /** {@code cannot <verb> <file>: <reason>}, e.g. {@code cannot read nosuch.pem: no such file}. */
  public static String cannot(String verb, Object file, IOException e) {
    return "cannot " + verb + " " + file + ": " + reason(e);
  }

  /**
   * The error for a file a person named (an argument, an environment variable) that cannot be read:
   * exit 4 when it does not exist, 2 when it is not a regular file or is larger than such a file
   * can be (the wrong thing was named), 1 otherwise (permission denied, an I/O error).
   */
  public static KeysException cannotReadNamed(Object file, IOException e) {
    ExitCode code =
        e instanceof NoSuchFileException
            ? ExitCode.NOT_FOUND
            : e instanceof NotRegularFileException || e instanceof FileTooLargeException
                ? ExitCode.USAGE
                : ExitCode.FAILURE;
    return new KeysException(cannot("read", file, e), code, e);
  }

  /**
   * What went wrong, without the file's name: "no such file", "permission denied", "is a
   * directory", ...
   */
  public static String reason(IOException e) {
    if (e instanceof NotRegularFileException || e instanceof FileTooLargeException) {
      return ((FileSystemException) e).getReason();
    }
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "it already exists";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "the directory is not empty";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemLoopException) {
      return "a loop of symbolic links";
    }
    if (e instanceof AtomicMoveNotSupportedException) {
      return "it cannot be renamed in one step there (another file system?)";
    }
    String text;
    if (e instanceof FileSystemException) {
      text = ((FileSystemException) e).getReason();
    } else if (e instanceof FileNotFoundException) {
      text = parenthesised(e.getMessage()); // FileInputStream: "<path> (No such file or directory)"
    } else {
      text = e.getMessage();
    }
    return words(text);
  }

  /**
   * A C library error text (or another exception's message) as a lower-case reason without class
   * names.
   */
  static String words(String text) {
    String t = withoutClassNames(text == null ? "" : text.trim());
    if (t.isEmpty()) {
      return "input/output error";
    }
    switch (t) {
      case "No such file or directory":
        return "no such file";
      case "Permission denied":
      case "Operation not permitted":
        return "permission denied";
      case "Is a directory":
        return "is a directory";
      case "Not a directory":
        return "a part of its path is not a directory";
      case "No space left on device":
        return "no space left on the device";
      case "Disk quota exceeded":
        return "the disk quota is exceeded";
      case "Read-only file system":
        return "the file system is read-only";
      case "Too many levels of symbolic links":
        return "a loop of symbolic links";
      case "File name too long":
        return "the name is too long";
      case "Input/output error":
        return "input/output error (a failing disk or device?)";
      case "No such device or address":
        return "no such device (a socket?)";
      case "Java heap space":
      case "Required array size too large":
        return "too large to read into memory";
      default:
        break;
    }
    if (t.length() > 1
        && Character.isUpperCase(t.charAt(0))
        && Character.isLowerCase(t.charAt(1))) {
      t = Character.toLowerCase(t.charAt(0)) + t.substring(1);
    }
    return Untrusted.shortened(t, 200);
  }

  /** "64 KiB", "16 MiB", "100 bytes". */
  public static String size(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }

  private static String parenthesised(String message) {
    if (message == null) {
      return null;
    }
    int open = message.lastIndexOf(" (");
    return open >= 0 && message.endsWith(")")
        ? message.substring(open + 2, message.length() - 1)
        : message;
  }

  /** Drops leading {@code java.io.IOException: }-like prefixes (a wrapped cause's toString). */
  private static String withoutClassNames(String t) {
    while (true) {
      int colon = t.indexOf(": ");
      String head = colon < 0 ? t : t.substring(0, colon);
      if (!isClassName(head)) {
        return t;
      }
      t = colon < 0 ? "" : t.substring(colon + 2).trim();
    }
  }

  /** {@code java.io.IOException}, {@code sun.nio.fs.UnixException}, {@code IOException}, ... */
  private static boolean isClassName(String s) {
    if (s.isEmpty() || s.indexOf(' ') >= 0) {
      return false;
    }
    int dot = s.lastIndexOf('.');
    String simple = s.substring(dot + 1);
    return (simple.endsWith("Exception") || simple.endsWith("Error"))
        && !simple.isEmpty()
        && Character.isUpperCase(simple.charAt(0));
  }

  /** The C library's text of the cause, or the exception's message. */
  private static String rawText(IOException e) {
    String t = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    return t == null ? "" : t;
  }

  /** Whether the cause is a full disk or an exhausted quota. */
  public static boolean isDiskFull(IOException e) {
    String t = rawText(e);
    return t.contains("No space left on device") || t.contains("Disk quota exceeded");
  }

  /** Whether the cause is a read-only file system or missing write permission. */
  public static boolean isReadOnly(IOException e) {
    return e instanceof AccessDeniedException || rawText(e).contains("Read-only file system");
  }

  /**
   * ": free some space and run the command again" for a full disk, and so on; empty when there is
   * no advice.
   */
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
