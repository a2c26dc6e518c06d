package dev.trustkeys.tuf1;

import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The writers' lock of a repository: an exclusive lock on {@code REPO/.keys-tuf.lock} between
 * processes, and a lock per repository between threads of this process (file locks are per
 * process). Held from the re-check of what was read to the last rename.
 */
public final class RepositoryLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock lock;

  private RepositoryLock(ReentrantLock local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits for the lock of the repository at {@code repo}. */
  public static RepositoryLock acquire(Path repo) throws KeysException {
    Path dir = repo.toAbsolutePath().normalize();
    ReentrantLock local = LOCAL.computeIfAbsent(dir, d -> new ReentrantLock());
    local.lock();
    try {
      Files.createDirectories(dir);
      FileChannel ch =
          FileChannel.open(
              dir.resolve(RepositoryFiles.LOCK_FILE),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      try {
        return new RepositoryLock(local, ch, ch.lock());
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      local.unlock();
      throw new KeysException(
          "cannot lock " + dir.resolve(RepositoryFiles.LOCK_FILE) + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      local.unlock();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case.
    } finally {
      local.unlock();
    }
  }
}
