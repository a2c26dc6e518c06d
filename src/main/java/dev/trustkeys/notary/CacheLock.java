package dev.trustkeys.notary;

import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The trust directory's writers' lock ({@code <trustdir>/.keys.lock}, the file the key store
 * locks), held by the metadata cache from reading what it has to renaming what replaces it. A file
 * lock belongs to the process, so the threads of one process also queue on a lock of their own.
 */
final class CacheLock implements AutoCloseable {
  static final String LOCK_FILE = ".keys.lock";
  private static final ReentrantLock IN_PROCESS = new ReentrantLock();
  private final FileChannel channel;
  private final FileLock lock;

  private CacheLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits for the lock of {@code trustDir}, which exists. */
  static CacheLock take(Path trustDir) throws KeysException {
    Path file = trustDir.resolve(LOCK_FILE);
    IN_PROCESS.lock();
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return new CacheLock(ch, lockWhenFree(ch));
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      IN_PROCESS.unlock();
      throw new KeysException("cannot lock " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      IN_PROCESS.unlock();
      throw e;
    }
  }

  /**
   * The key store of this process may hold the file lock for a moment: wait for it as for another
   * process.
   */
  private static FileLock lockWhenFree(FileChannel ch) throws IOException {
    while (true) {
      try {
        return ch.lock();
      } catch (OverlappingFileLockException e) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the lock", ie);
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock dies with the channel and the process anyway.
    } finally {
      IN_PROCESS.unlock();
    }
  }
}
