package dev.trustkeys.core.io;

import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Crash-safe file writes for every package: a temporary file in the same directory (with the requested mode,
 * whatever the umask), written and fsynced, then renamed over the final name, then the directory fsynced. A
 * crash leaves either the old file or the new one under the final name, never a half-written one; leftovers are
 * named {@code .<final name>}{@value #TMP_MARK}{@code <random>}, which readers ignore.
 */
public final class AtomicWrite {
  /** Temporary files carry this in their name. */
  public static final String TMP_MARK = ".keys-tmp-";

  /** Owner read/write only: key files and trust-directory content. */
  public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");

  /** Readable by all: public outputs such as signatures, certificates and signing requests. */
  public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

  /** Where a test can make the write crash or fail (see the file back end's fault injection). */
  @FunctionalInterface
  public interface Checkpoint {
    void reached(String point) throws IOException;
  }

  /** No checkpoint. A class, not a lambda: `keys list` initialises this class, and a lambda is spun at run time. */
  private static final class NoCheckpoint implements Checkpoint {
    @Override
    public void reached(String point) {}
  }

  private static final Checkpoint NONE = new NoCheckpoint();

  private AtomicWrite() {}

  /** Created on first write only: listing must not initialise the security providers. */
  private static final class Random {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  public static void write(Path target, byte[] data, Set<PosixFilePermission> mode) throws KeysException {
    write(target, data, mode, false, NONE);
  }

  /**
   * Writes {@code data} to {@code target}; with {@code exclusive}, fails instead of replacing an existing file (the
   * check and the rename happen under the caller's directory lock).
   */
  public static void write(
      Path target, byte[] data, Set<PosixFilePermission> mode, boolean exclusive, Checkpoint checkpoint)
      throws KeysException {
    Path dir = target.toAbsolutePath().getParent();
    byte[] rnd = new byte[6];
    Random.INSTANCE.nextBytes(rnd);
    Path tmp = dir.resolve("." + target.getFileName() + TMP_MARK + HexFormat.of().formatHex(rnd));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        Files.setPosixFilePermissions(tmp, mode);
        checkpoint.reached("write-before-data");
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        checkpoint.reached("write-before-fsync");
        ch.force(true);
      }
      if (exclusive && Files.exists(target)) {
        throw new KeysException(target + " already exists: nothing was written");
      }
      checkpoint.reached("write-before-rename");
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new KeysException("the file system of " + dir + " cannot rename atomically: use another directory", e);
      }
    } catch (IOException e) {
      throw new KeysException(IoErrors.cannot("write", target, e) + " (nothing was changed)", e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // Left for the next writer to clean up.
      }
    }
    try {
      checkpoint.reached("write-after-rename");
      fsyncDirectory(dir);
    } catch (IOException e) {
      throw new KeysException("wrote " + target + " but cannot sync its directory " + dir + ": " + IoErrors.reason(e)
          + " (the file may not survive a power loss: check the disk)", e);
    }
  }

  public static boolean isTemporary(Path p) {
    return isTemporary(p.getFileName().toString());
  }

  /** Whether a file name is one of the temporary files this class writes before renaming. */
  public static boolean isTemporary(String fileName) {
    // Every temporary name starts with a dot; the cheap test first (`keys list` asks this of every key file).
    return fileName.startsWith(".") && fileName.contains(TMP_MARK);
  }

  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
