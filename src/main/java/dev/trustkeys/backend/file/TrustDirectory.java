package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A Docker/Notary trust directory: {@code private/} for keys, {@code tuf/} for metadata. Directories are created
 * 0700 whatever the umask is. Writers take an exclusive lock on {@code .keys.lock} so that concurrent
 * {@code keys} processes cannot lose each other's keys.
 */
public final class TrustDirectory {
  private static final String LOCK_FILE = ".keys.lock";
  private final Path root;

  public TrustDirectory(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * {@code explicit} if given, else {@code $DOCKER_CONFIG/trust}, else Notary's {@code trust_dir} when
   * {@code ~/.notary/config.json} sets one and {@code ~/.docker/trust} does not exist (so a Docker user's keys never
   * move), else {@code ~/.docker/trust}.
   */
  public static TrustDirectory resolve(Path explicit, Map<String, String> env, Path home) {
    if (explicit != null) {
      return new TrustDirectory(explicit);
    }
    String dockerConfig = env.get("DOCKER_CONFIG");
    if (dockerConfig != null && !dockerConfig.isEmpty()) {
      return new TrustDirectory(Path.of(dockerConfig).resolve("trust"));
    }
    Path docker = home.resolve(".docker").resolve("trust");
    if (!Files.exists(docker)) {
      Path notary = notaryTrustDir(home);
      if (notary != null) {
        return new TrustDirectory(notary);
      }
    }
    return new TrustDirectory(docker);
  }

  /**
   * The {@code trust_dir} of {@code ~/.notary/config.json}, as Notary reads it: {@code ~} and {@code ~/...} are the
   * home directory, a relative path is taken from the working directory. Null when the file does not exist, does
   * not parse or sets no such string (Notary's default, {@code ~/.notary}, is not used: Docker users never had it).
   */
  static Path notaryTrustDir(Path home) {
    Path config = home.resolve(".notary").resolve("config.json");
    if (!Files.isRegularFile(config)) {
      return null;
    }
    Object dir;
    try {
      byte[] text = dev.trustkeys.core.io.InputFiles.read(config, 1 << 20);
      Object json =
          dev.trustkeys.core.json.JsonReader.parse(new String(text, java.nio.charset.StandardCharsets.UTF_8));
      dir = json instanceof Map ? ((Map<?, ?>) json).get("trust_dir") : null;
    } catch (IOException | dev.trustkeys.core.json.JsonSyntaxException | RuntimeException e) {
      return null;
    }
    if (!(dir instanceof String) || ((String) dir).isBlank()) {
      return null;
    }
    String d = (String) dir;
    if (d.equals("~")) {
      return home;
    }
    if (d.startsWith("~/")) {
      return home.resolve(d.substring(2));
    }
    return Path.of(d).toAbsolutePath();
  }

  public Path root() {
    return root;
  }

  public Path privateDir() {
    return root.resolve("private");
  }

  public Path tufDir() {
    return root.resolve("tuf");
  }

  /** Creates {@code dir} and its missing parents with mode 0700. */
  public static void ensurePrivateDirectory(Path dir) throws KeysException {
    try {
      Path abs = dir.toAbsolutePath();
      if (Files.isDirectory(abs)) {
        return;
      }
      Path parent = abs.getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        ensurePrivateDirectory(parent);
      }
      try {
        Files.createDirectory(abs);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (!Files.isDirectory(abs)) {
          throw new KeysException(abs + " exists and is not a directory: move it away");
        }
        return;
      }
      Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new KeysException(dev.trustkeys.core.io.IoErrors.cannot("create the directory", dir, e), e);
    }
  }

  /** Creates the trust directory and {@code private/} (0700). */
  public void ensureExists() throws KeysException {
    ensurePrivateDirectory(privateDir());
  }

  /** Takes the writers' lock (blocking until other writers are done). Close it to release. */
  public WriteLock lockForWrite() throws KeysException {
    ensureExists();
    Path lockPath = root.resolve(LOCK_FILE);
    if (Files.exists(lockPath, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(lockPath, LinkOption.NOFOLLOW_LINKS)) {
      // opening a FIFO to write waits for a reader; a link would lead the open elsewhere
      throw new KeysException(lockPath + " is not a regular file: remove it (keys makes a new one)");
    }
    try {
      FileChannel ch =
          FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(lockPath, PosixFilePermissions.fromString("rw-------"));
        return new WriteLock(ch, ch.lock());
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      throw new KeysException(dev.trustkeys.core.io.IoErrors.cannot("lock", lockPath, e), e);
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }

  /** The held writers' lock. */
  public static final class WriteLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    WriteLock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // The lock dies with the channel and the process anyway.
      }
    }
  }
}
