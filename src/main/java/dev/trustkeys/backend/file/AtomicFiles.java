package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Crash-safe file writes: a temporary file in the same directory (mode 0600 whatever the umask), written and
 * fsynced, then renamed over the final name, then the directory fsynced. A crash leaves either the old file or
 * the new one under the final name, never a half-written one; leftovers carry a {@value #TMP_MARK} name that
 * listings ignore and {@link #cleanLeftovers} removes.
 */
public final class AtomicFiles {
  /** Temporary files are named {@code .<final name>.keys-tmp-<random>}. */
  public static final String TMP_MARK = ".keys-tmp-";

  /** Created on first write only: listing must not initialise the security providers. */
  private static final class Random {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  private AtomicFiles() {}

  /** Writes {@code data} to {@code target} atomically with mode 0600. */
  public static void write(Path target, byte[] data) throws KeysException {
    write(target, data, false);
  }

  /**
   * As {@link #write(Path, byte[])}; with {@code exclusive}, fails instead of replacing an existing file (the
   * check and the rename happen under the caller's directory lock).
   */
  public static void write(Path target, byte[] data, boolean exclusive) throws KeysException {
    Path dir = target.toAbsolutePath().getParent();
    byte[] rnd = new byte[6];
    Random.INSTANCE.nextBytes(rnd);
    Path tmp = dir.resolve("." + target.getFileName() + TMP_MARK + HexFormat.of().formatHex(rnd));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        FaultInjection.point("write-before-data");
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        FaultInjection.point("write-before-fsync");
        ch.force(true);
      }
      if (exclusive && Files.exists(target)) {
        throw new KeysException(target + " already exists: nothing was written");
      }
      FaultInjection.point("write-before-rename");
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new KeysException("the file system of " + dir + " cannot rename atomically: use another directory", e);
      }
    } catch (IOException e) {
      throw new KeysException("cannot write " + target + ": " + e.getMessage() + " (nothing was changed)", e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // Left for cleanLeftovers.
      }
    }
    try {
      FaultInjection.point("write-after-rename");
      fsyncDirectory(dir);
    } catch (IOException e) {
      throw new KeysException("wrote " + target + " but cannot sync its directory " + dir + ": " + e.getMessage()
          + " (the file may not survive a power loss: check the disk)", e);
    }
  }

  /** Deletes {@code file} and fsyncs its directory. */
  public static void delete(Path file) throws KeysException {
    try {
      FaultInjection.point("delete-before-unlink");
      Files.deleteIfExists(file);
      FaultInjection.point("delete-before-dirsync");
      fsyncDirectory(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new KeysException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }

  /** Removes temporary files a killed process left in {@code dir}. Call it with the directory lock held. */
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
    return p.getFileName().toString().contains(TMP_MARK);
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
