package dev.trustkeys.core.io;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Crash-safe file writes for every package: a temporary file in the same directory (with the
 * requested mode, whatever the umask), written and fsynced, then renamed over the final name, then
 * the directory fsynced. A crash leaves either the old file or the new one under the final name,
 * never a half-written one; leftovers are named {@code .<final name>}{@value #TMP_MARK}{@code
 * <random>}, which readers ignore.
 */
public final class AtomicWrite {
  /** Temporary files carry this in their name. */
  public static final String TMP_MARK = ".keys-tmp-";

  // Set.of rather than PosixFilePermissions.fromString: an EnumSet's first use reflects on the enum
  // (about a millisecond), and `keys list` initializes this class for isTemporary.

  /** Owner read/write only: key files and trust-directory content. */
  public static final Set<PosixFilePermission> PRIVATE =
      Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  /** Readable by all: public outputs such as signatures, certificates and signing requests. */
  public static final Set<PosixFilePermission> PUBLIC =
      Set.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.OTHERS_READ);

  /**
   * Named points of a write (and of the other crash-safe operations that take one) where a test can
   * make the process halt or fail. Production code passes {@link #NONE}; only the test entry point
   * builds others.
   */
  @FunctionalInterface
  public interface Checkpoint {
    void reached(String point) throws IOException;

    /** No checkpoint: what every production write uses. */
    Checkpoint NONE = new NoCheckpoint();
  }

  /**
   * A class, not a lambda: `keys list` initialises this class, and a lambda is spun at run time.
   */
  private static final class NoCheckpoint implements Checkpoint {
    @Override
    public void reached(String point) {}
  }

  private AtomicWrite() {}

  /** Created on first write only: listing must not initialise the security providers. */
  private static final class Random {
    static final SecureRandom INSTANCE = new SecureRandom();
  }

  public static void write(Path target, byte[] data, Set<PosixFilePermission> mode)
      throws KeysException {
    write(target, data, mode, false, Checkpoint.NONE);
  }

  /**
   * Writes {@code data} to {@code target}; with {@code exclusive}, fails with {@link
   * ExistsException} instead of replacing an existing file (the final name is taken with a hard
   * link, which never replaces anything; on a file system without hard links, checked just before
   * the rename). The temporary file is created with {@code mode} (never wider, whatever the umask),
   * so its content is never readable by others, not even for a moment.
   */
  public static void write(
      Path target,
      byte[] data,
      Set<PosixFilePermission> mode,
      boolean exclusive,
      Checkpoint checkpoint)
      throws KeysException {
    Path dir = target.toAbsolutePath().getParent();
    byte[] rnd = new byte[6];
    Random.INSTANCE.nextBytes(rnd);
    Path tmp = dir.resolve("." + target.getFileName() + TMP_MARK + HexFormat.of().formatHex(rnd));
    try {
      try (FileChannel ch = createNew(tmp, mode)) {
        checkpoint.reached("write-before-data");
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        checkpoint.reached("write-before-fsync");
        ch.force(true);
      }
      checkpoint.reached("write-before-rename");
      if (exclusive) {
        linkExclusive(tmp, target);
      } else {
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          throw new KeysException(
              "the file system of " + dir + " cannot rename atomically: use another directory", e);
        }
      }
    } catch (IOException e) {
      throw new KeysException(
          IoErrors.cannot("write", target, e) + " (nothing was changed)" + IoErrors.advice(e), e);
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
      throw new KeysException(
          "wrote "
              + target
              + " but cannot sync its directory "
              + dir
              + ": "
              + IoErrors.reason(e)
              + " (the file may not survive a power loss: check the disk)",
          e);
    }
  }

  /**
   * Creates a new file that only {@code mode} may read or write: the mode is given to open(2), so
   * the file is never wider than that (the umask can only narrow it), and then set exactly (a umask
   * may have narrowed a public mode).
   */
  public static FileChannel createNew(Path file, Set<PosixFilePermission> mode) throws IOException {
    FileChannel ch =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(mode));
    try {
      Files.setPosixFilePermissions(file, mode);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return ch;
  }

  /**
   * Gives {@code tmp} the name {@code target} unless that name exists (atomically where hard links
   * work).
   */
  private static void linkExclusive(Path tmp, Path target) throws IOException, KeysException {
    try {
      Files.createLink(target, tmp);
      return;
    } catch (FileAlreadyExistsException e) {
      throw new ExistsException(target);
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new ExistsException(target);
      }
      // No hard links here (a FAT or network file system): the caller's lock is the only guard.
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new KeysException(
          "the file system of "
              + target.getParent()
              + " cannot rename atomically: use another directory",
          e);
    }
  }

  /** An exclusive write found its final name taken; nothing was written. */
  public static final class ExistsException extends KeysException {
    private static final long serialVersionUID = 1L;
    private final transient Path target;

    public ExistsException(Path target) {
      super(target + " already exists: nothing was written", ExitCode.CONFLICT);
      this.target = target;
    }

    public Path target() {
      return target;
    }
  }

  public static boolean isTemporary(Path p) {
    return isTemporary(p.getFileName().toString());
  }

  /** Whether a file name is one of the temporary files this class writes before renaming. */
  public static boolean isTemporary(String fileName) {
    // Every temporary name starts with a dot; the cheap test first (`keys list` asks this of every
    // key file).
    return fileName.startsWith(".") && fileName.contains(TMP_MARK);
  }

  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
