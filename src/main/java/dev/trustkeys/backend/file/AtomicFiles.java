package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.io.AtomicWrite;
import dev.trustkeys.core.io.AtomicWrite.Checkpoint;
import dev.trustkeys.core.io.IoErrors;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Crash-safe file writes: a temporary file in the same directory (mode 0600 whatever the umask),
 * written and fsynced, then renamed over the final name, then the directory fsynced. A crash leaves
 * either the old file or the new one under the final name, never a half-written one; leftovers
 * carry a {@value #TMP_MARK} name that listings ignore and {@link #cleanLeftovers} removes.
 */
public final class AtomicFiles {
  /** Temporary files are named {@code .<final name>.keys-tmp-<random>}. */
  public static final String TMP_MARK = AtomicWrite.TMP_MARK;

  private AtomicFiles() {}

  /** Writes {@code data} to {@code target} atomically with mode 0600. */
  public static void write(Path target, byte[] data) throws KeysException {
    write(target, data, false, Checkpoint.NONE);
  }

  /**
   * As {@link #write(Path, byte[])}; with {@code exclusive}, fails instead of replacing an existing
   * file. {@code checkpoint} names the points where a test may halt or fail the write.
   */
  static void write(Path target, byte[] data, boolean exclusive, Checkpoint checkpoint)
      throws KeysException {
    AtomicWrite.write(target, data, AtomicWrite.PRIVATE, exclusive, checkpoint);
  }

  /** Deletes {@code file} and fsyncs its directory. */
  static void delete(Path file, Checkpoint checkpoint) throws KeysException {
    try {
      checkpoint.reached("delete-before-unlink");
      Files.deleteIfExists(file);
      checkpoint.reached("delete-before-dirsync");
      fsyncDirectory(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new KeysException(
          dev.trustkeys.core.io.IoErrors.cannot("delete", file, e) + IoErrors.advice(e), e);
    }
  }

  /**
   * Removes temporary files a killed process left in {@code dir}. Call it with the directory lock
   * held.
   */
  public static int cleanLeftovers(Path dir) {
    int n = 0;
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + TMP_MARK + "*")) {
      for (Path p : ds) {
        Files.deleteIfExists(p);
        n++;
      }
    } catch (IOException e) {
      // Best effort: leftovers are ignored by every reader.
    }
    return n;
  }

  public static boolean isTemporary(Path p) {
    return AtomicWrite.isTemporary(p);
  }

  static boolean isTemporary(String fileName) {
    return AtomicWrite.isTemporary(fileName);
  }

  static void fsyncDirectory(Path dir) throws IOException {
    AtomicWrite.fsyncDirectory(dir);
  }
}
