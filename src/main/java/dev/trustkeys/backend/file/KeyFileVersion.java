package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * A key file as it was at one moment: its bytes and its identity (device and inode), so that a
 * writer can check, with the writers' lock held, that the file is still exactly the one it read
 * before replacing it. Every write of {@code keys} renames a new file into place, so a file with
 * the same identity and bytes is the same version. (A file removed and written again with the same
 * bytes may get the freed inode number back: then the writer's decision, made from those very
 * bytes, is still right, as if it had run after the other process.)
 */
final class KeyFileVersion {
  private static final int ATTEMPTS = 3;

  private final KeyFile file;
  private final Path flatPath;
  private final byte[] bytes;
  private final Object identity;

  private KeyFileVersion(KeyFile file, Path flatPath, byte[] bytes, Object identity) {
    this.file = file;
    this.flatPath = flatPath;
    this.bytes = bytes;
    this.identity = identity;
  }

  /** The key file as read, parsed from exactly the bytes this version holds. */
  KeyFile file() {
    return file;
  }

  /**
   * Reads the file a scan found ({@code located}), and its identity before and after the read (so
   * the bytes are that file's). {@code flatPath} is where the key lives in the flat layout: for a
   * key found in a Notary 0.1-0.3 layout, a later check also requires that no flat copy has
   * appeared meanwhile.
   *
   * @throws KeyChangedException when the file keeps changing under the read, or is gone
   */
  static KeyFileVersion read(KeyFile located, Path flatPath) throws KeysException {
    Path p = located.path();
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        Object before = identity(p);
        byte[] bytes = readBounded(p);
        if (before == null || !before.equals(identity(p))) {
          continue;
        }
        if (Arrays.equals(
            KeyFile.privateKeyBlock(bytes).encodeBytes(), located.block().encodeBytes())) {
          return new KeyFileVersion(located, flatPath, bytes, before);
        }
      }
    } catch (NoSuchFileException e) {
      throw new KeyChangedException(located.id(), true);
    } catch (IOException e) {
      throw new KeysException("cannot read " + p + ": " + IoErrors.reason(e), e);
    } catch (PemBlock.PemException e) {
      throw new KeyChangedException(located.id(), false);
    }
    throw new KeyChangedException(located.id(), !Files.exists(p, LinkOption.NOFOLLOW_LINKS));
  }

  /**
   * With the writers' lock held: fails unless the file is still this version (same identity, same
   * bytes, and for a key of the old layout still no flat copy).
   *
   * @throws KeyChangedException naming the key, when another process removed, re-encrypted or
   *     restored it
   */
  void requireCurrent() throws KeysException {
    Path p = file.path();
    try {
      if (file.legacyLayout() && Files.exists(flatPath, LinkOption.NOFOLLOW_LINKS)) {
        throw new KeyChangedException(file.id(), false);
      }
      Object now = identity(p);
      if (now == null) {
        throw new KeyChangedException(file.id(), true);
      }
      if (!now.equals(identity) || !Arrays.equals(readBounded(p), bytes)) {
        throw new KeyChangedException(file.id(), false);
      }
    } catch (NoSuchFileException e) {
      throw new KeyChangedException(file.id(), true);
    } catch (IOException e) {
      throw new KeysException("cannot read " + p + ": " + IoErrors.reason(e), e);
    }
  }

  /**
   * The file's identity (device and inode; where the file system has none, its modification time);
   * null when there is no file.
   */
  private static Object identity(Path p) throws IOException {
    try {
      BasicFileAttributes a =
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.fileKey() != null ? a.fileKey() : a.lastModifiedTime();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static byte[] readBounded(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
      return in.readNBytes(KeyFileFormat.MAX_KEY_FILE + 1);
    }
  }
}
