package dev.trustkeys.core.io;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * The one way {@code keys} opens a file to read it: key files, cached metadata, backup inputs and
 * archives, signing requests, passphrase and PIN files, PEM files to import. Only a regular file is
 * opened (a symbolic link is followed to one); a FIFO, a device, a socket or a directory is refused
 * at once with a {@link NotRegularFileException}. Opening a FIFO waits for a writer that may never
 * come, and a device may never end: either would hang {@code keys list} on one stray file in {@code
 * private/}. Whole-file reads are bounded ({@link FileTooLargeException}), so that no file can make
 * {@code keys} read without end or run out of memory.
 *
 * <p>Java cannot open with {@code O_NONBLOCK}, so the type is checked by a stat(2) right before the
 * open(2): someone who can replace the file with a FIFO between those two system calls can still
 * make the open wait. Only who can already write the directory can do that.
 *
 * <p>On the {@code keys list} path: no lambda, stream or regex here (see {@code StartupClassesIT});
 * the failure path alone reads the file's attributes to say what it is.
 */
public final class InputFiles {
  private InputFiles() {}

  /** Opens {@code file} for reading if it is a regular file (one stat, one open). */
  public static FileInputStream open(String file) throws IOException {
    File f = new File(file);
    if (!f.isFile()) {
      throw notRegular(file);
    }
    return new FileInputStream(f);
  }

  public static FileInputStream open(Path file) throws IOException {
    return open(file.toString());
  }

  /**
   * A channel to read {@code file} (for readers that seek or read it more than once) if it is a
   * regular file.
   */
  public static FileChannel channel(Path file) throws IOException {
    if (!isRegular(file)) {
      throw notRegular(file.toString());
    }
    return FileChannel.open(file, StandardOpenOption.READ);
  }

  /**
   * Opens {@code file} for reading if it is a regular file and not a symbolic link ({@code
   * O_NOFOLLOW}): for readers that must not be led elsewhere by a link, such as a backup archiving
   * the trust directory.
   */
  public static InputStream openNoFollow(Path file) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isSymbolicLink()) {
      throw new NotRegularFileException(file.toString(), "a symbolic link");
    }
    if (!a.isRegularFile()) {
      throw notRegular(file.toString());
    }
    return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Reads all of {@code file}, a regular file of at most {@code maxBytes} bytes.
   *
   * @throws FileTooLargeException if it holds more
   */
  public static byte[] read(Path file, int maxBytes) throws IOException {
    try (InputStream in = open(file)) {
      byte[] b = in.readNBytes(maxBytes + 1);
      if (b.length > maxBytes) {
        Arrays.fill(b, (byte) 0); // it may be a passphrase file
        throw new FileTooLargeException(file.toString(), maxBytes);
      }
      return b;
    }
  }

  /**
   * Reads {@code file} into {@code buffer} (at least {@code maxBytes + 1} long): the number of
   * bytes read, for a reader that reuses one buffer for many files (a listing of thousands of key
   * files).
   */
  public static int read(String file, byte[] buffer, int maxBytes) throws IOException {
    try (InputStream in = open(file)) {
      int n = in.readNBytes(buffer, 0, maxBytes + 1);
      if (n > maxBytes) {
        throw new FileTooLargeException(file, maxBytes);
      }
      return n;
    }
  }

  /** Whether {@code file} is a regular file (following links), with one stat. */
  public static boolean isRegular(Path file) {
    return new File(file.toString()).isFile();
  }

  /**
   * Why {@code file}, which is not a regular file, cannot be read: the exception the caller throws.
   */
  static IOException notRegular(String file) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(Path.of(file), BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return new NoSuchFileException(file);
    } catch (IOException e) {
      return e; // permission denied on a directory above it, a symbolic link loop, ...
    }
    if (a.isRegularFile()) {
      // replaced by a regular file since the stat: let the next attempt read it
      return new FileSystemException(file, null, "changed while it was being opened");
    }
    return new NotRegularFileException(file, a.isDirectory() ? "a directory" : kind(Path.of(file)));
  }

  /**
   * What kind of file that is not regular and not a directory is: "a FIFO", "a device", "a socket".
   */
  private static String kind(Path file) {
    try {
      Object mode = Files.getAttribute(file, "unix:mode");
      if (mode instanceof Integer) {
        switch ((Integer) mode & 0170000) {
          case 0010000:
            return "a FIFO (named pipe)";
          case 0020000:
            return "a character device";
          case 0060000:
            return "a block device";
          case 0140000:
            return "a socket";
          default:
            break;
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no unix view: say it generally
    }
    return "a special file";
  }
}
