package dev.trustkeys.backend.file;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.io.IoErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * A Docker/Notary trust directory: {@code private/} for keys, {@code tuf/} for metadata.
 * Directories are created 0700 whatever the umask is. Writers take an exclusive lock on {@code
 * .keys.lock} so that concurrent {@code keys} processes cannot lose each other's keys; taking it
 * also finishes what a killed restore left ({@link RestoreJournal#recover}), so no writer ever
 * works over a half-applied restore, and no restore is ever undone over a later change.
 */
public final class TrustDirectory {
  private static final String LOCK_FILE = ".keys.lock";
  private final Path root;
  private final PrintWriter notices;

  public TrustDirectory(Path root) {
    this(root, null);
  }

  /**
   * A trust directory whose notices (what the recovery of an interrupted restore did) go to {@code
   * notices}, one {@code keys:} line each; null means standard error.
   */
  public TrustDirectory(Path root, PrintWriter notices) {
    this.root = root.toAbsolutePath().normalize();
    this.notices = notices;
  }

  /**
   * {@code explicit} if given, else {@code $DOCKER_CONFIG/trust}, else Notary's {@code trust_dir}
   * when {@code ~/.notary/config.json} sets one and {@code ~/.docker/trust} does not exist (so a
   * Docker user's keys never move), else {@code ~/.docker/trust}.
   */
  public static TrustDirectory resolve(Path explicit, Map<String, String> env, Path home) {
    return resolve(explicit, env, home, null);
  }

  /**
   * As {@link #resolve(Path, Map, Path)}, with notices going to {@code notices} (null: standard
   * error).
   */
  public static TrustDirectory resolve(
      Path explicit, Map<String, String> env, Path home, PrintWriter notices) {
    if (explicit != null) {
      return new TrustDirectory(explicit, notices);
    }
    String dockerConfig = env.get("DOCKER_CONFIG");
    if (dockerConfig != null && !dockerConfig.isEmpty()) {
      return new TrustDirectory(Path.of(dockerConfig).resolve("trust"), notices);
    }
    Path docker = home.resolve(".docker").resolve("trust");
    if (!Files.exists(docker)) {
      Path notary = notaryTrustDir(home);
      if (notary != null) {
        return new TrustDirectory(notary, notices);
      }
    }
    return new TrustDirectory(docker, notices);
  }

  /**
   * The {@code trust_dir} of {@code ~/.notary/config.json}, as Notary reads it: {@code ~} and
   * {@code ~/...} are the home directory, a relative path is taken from the working directory. Null
   * when the file does not exist, does not parse or sets no such string (Notary's default, {@code
   * ~/.notary}, is not used: Docker users never had it).
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
          dev.trustkeys.core.json.JsonReader.parse(
              new String(text, java.nio.charset.StandardCharsets.UTF_8));
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
        // 0700 from the mkdir on (the umask can only narrow it), then exactly 0700
        Files.createDirectory(
            abs,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (!Files.isDirectory(abs)) {
          throw new KeysException(abs + " exists and is not a directory: move it away");
        }
        return;
      }
      Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new KeysException(
          IoErrors.cannot("create the directory", dir, e) + IoErrors.advice(e), e);
    }
  }

  /** Creates the trust directory and {@code private/} (0700). */
  public void ensureExists() throws KeysException {
    ensurePrivateDirectory(privateDir());
  }

  /**
   * Takes the writers' lock (blocking until other writers are done), then finishes what an
   * interrupted restore left, saying on the notices what it did. Close the lock to release it.
   *
   * @throws KeysException when the lock cannot be taken (a read-only directory: the reason and what
   *     to do), or an interrupted restore cannot be undone safely (the command that clears it)
   */
  public WriteLock lockForWrite() throws KeysException {
    ensureExists();
    Path lockPath = root.resolve(LOCK_FILE);
    if (Files.exists(lockPath, LinkOption.NOFOLLOW_LINKS)
        && !Files.isRegularFile(lockPath, LinkOption.NOFOLLOW_LINKS)) {
      // opening a FIFO to write waits for a reader; a link would lead the open elsewhere
      throw new KeysException(
          lockPath + " is not a regular file: remove it (keys makes a new one)");
    }
    WriteLock lock;
    try {
      FileChannel ch =
          FileChannel.open(
              lockPath,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.setPosixFilePermissions(lockPath, PosixFilePermissions.fromString("rw-------"));
        lock = new WriteLock(ch, ch.lock());
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      throw new KeysException(
          "cannot lock "
              + lockPath
              + " for writing: "
              + IoErrors.reason(e)
              + (IoErrors.isReadOnly(e) ? ": keys cannot write in " + root : IoErrors.advice(e)),
          ExitCode.FAILURE,
          IoErrors.isReadOnly(e)
              ? Remedy.of(Remedy.Kind.MAKE_WRITABLE_OR_USE_ANOTHER_DIRECTORY)
              : null,
          e);
    }
    try {
      for (String notice : RestoreJournal.recover(this)) {
        notice(notice);
      }
      return lock;
    } catch (KeysException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * For a writer about to read what it will change: if a killed restore left its files half
   * applied, undoes it now (taking and releasing the writers' lock), so that what is read is what
   * the write will find.
   */
  public void settle() throws KeysException {
    if (RestoreJournal.pending(this)) {
      lockForWrite().close();
    }
  }

  /**
   * For a command that reads the whole directory and needs it to hold still (a backup): the
   * writers' lock where the directory is writable (so an interrupted restore is finished first); in
   * a read-only directory a shared lock when there is a lock file to take it on, else none (nobody
   * can write there either). A restore left interrupted in a read-only directory is refused: its
   * files are half old, half restored.
   */
  public WriteLock lockForReading() throws KeysException {
    if (Files.isWritable(root)) {
      return lockForWrite();
    }
    Path lockPath = root.resolve(LOCK_FILE);
    WriteLock lock = new WriteLock(null, null);
    if (Files.isRegularFile(lockPath, LinkOption.NOFOLLOW_LINKS)) {
      try {
        FileChannel ch = FileChannel.open(lockPath, StandardOpenOption.READ);
        try {
          lock = new WriteLock(ch, ch.lock(0, Long.MAX_VALUE, true));
        } catch (IOException | RuntimeException e) {
          ch.close();
          throw e;
        }
      } catch (IOException e) {
        // Unreadable lock file in a read-only directory: no keys process can write here either.
      }
    }
    try {
      RestoreJournal.refuseIfPending(this);
      return lock;
    } catch (KeysException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /** Tells the user something that happened on the way (one {@code keys:} line). */
  void notice(String message) {
    PrintWriter w = notices != null ? notices : new PrintWriter(System.err, true);
    w.println("keys: " + message);
    w.flush();
  }

  @Override
  public String toString() {
    return root.toString();
  }

  /**
   * A held lock (the writers' exclusive one, or a reader's shared one, or none in a read-only
   * directory).
   */
  public static final class WriteLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    WriteLock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      if (channel == null) {
        return;
      }
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // The lock dies with the channel and the process anyway.
      }
    }
  }
}
