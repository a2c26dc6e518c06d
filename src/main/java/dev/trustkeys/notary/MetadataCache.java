package dev.trustkeys.notary;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufKey;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The trust directory's metadata cache, laid out as Notary's client keeps it: {@code
 * <trustdir>/tuf/<GUN>/metadata/<role>.json} (delegations under {@code targets/}). {@code keys}
 * also keeps every root version it has seen in {@code
 * <trustdir>/tuf/<GUN>/root-history/<N>.root.json}, which Notary ignores.
 *
 * <p>The versions kept here are a floor: {@link #requireNotOlder} refuses older ones from a server,
 * and a write never replaces a newer version with an older one. That check and the write happen
 * under the trust directory's writers' lock, so two {@code keys} processes cannot lower the floor
 * between them.
 */
public final class MetadataCache {
  private final Path trustDir;

  public MetadataCache(Path trustDir) {
    this.trustDir = trustDir;
  }

  public Path trustDir() {
    return trustDir;
  }

  public Path repoDir(String gun) {
    return trustDir.resolve("tuf").resolve(gun);
  }

  public Path metadataFile(String gun, String role) {
    return repoDir(gun).resolve("metadata").resolve(role + ".json");
  }

  /**
   * The cached file of {@code role}; one that does not parse as signed metadata is an error naming
   * the file.
   */
  public Optional<byte[]> read(String gun, String role) throws KeysException {
    Path p = metadataFile(gun, role);
    Optional<byte[]> bytes = readPath(p);
    if (bytes.isPresent()) {
      try {
        Signed.parse(bytes.get());
      } catch (MetadataException e) {
        throw new MetadataException(
            "the cached " + p + " is damaged (" + e.getMessage() + ")",
            dev.trustkeys.core.Remedy.forGun(
                dev.trustkeys.core.Remedy.Kind.FETCH_CACHED_AGAIN, gun));
      }
    }
    return bytes;
  }

  /**
   * Keeps {@code bytes} (signed metadata) as the copy of {@code role}, unless the copy already here
   * is of a newer version: then it stays, and this returns false. Checked and written under the
   * writers' lock.
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public boolean write(String gun, String role, byte[] bytes) throws KeysException {
    long offered = Signed.parse(bytes).version();
    Path p = metadataFile(gun, role);
    createDirs(p.getParent());
    try (CacheLock lock = CacheLock.take(trustDir)) {
      OptionalLong have = versionAt(p);
      if (have.isPresent() && have.getAsLong() > offered) {
        return false;
      }
      writePath(p, bytes);
      return true;
    }
  }

  /**
   * Removes the cached file of a deleted delegation (nothing if there is none), under the writers'
   * lock.
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public void delete(String gun, String role) throws KeysException {
    Path p = metadataFile(gun, role);
    try (CacheLock lock = CacheLock.take(trustDir)) {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new KeysException(dev.trustkeys.core.io.IoErrors.cannot("delete", p, e), e);
    }
  }

  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public void writeRootVersion(String gun, long version, byte[] bytes) throws KeysException {
    Path p = rootVersionFile(gun, version);
    createDirs(p.getParent());
    try (CacheLock lock = CacheLock.take(trustDir)) {
      writePath(p, bytes);
    }
  }

  /**
   * Keeps the root versions in {@code roots} (verified by the caller) that the root history does
   * not have yet.
   */
  public void recordRootVersions(String gun, List<byte[]> roots) throws KeysException {
    for (byte[] r : roots) {
      long v = Signed.parse(r).version();
      if (!Files.isRegularFile(rootVersionFile(gun, v))) {
        writeRootVersion(gun, v, r);
      }
    }
  }

  private Path rootVersionFile(String gun, long version) {
    return repoDir(gun).resolve("root-history").resolve(version + ".root.json");
  }

  /**
   * The version of the file at {@code p}; empty if there is none or it cannot be read as signed
   * metadata.
   */
  private static OptionalLong versionAt(Path p) {
    try {
      Optional<byte[]> b = readPath(p);
      return b.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Signed.parse(b.get()).version());
    } catch (KeysException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * The newest version of {@code role} seen here: the cached file's, and for root also the root
   * history's.
   */
  public OptionalLong seenVersion(String gun, String role) throws KeysException {
    OptionalLong cached = versionAt(metadataFile(gun, role));
    if (!role.equals("root")) {
      return cached;
    }
    TreeMap<Long, byte[]> history = rootHistory(gun);
    long newest = Math.max(cached.orElse(0), history.isEmpty() ? 0 : history.lastKey());
    return newest == 0 ? OptionalLong.empty() : OptionalLong.of(newest);
  }

  /**
   * Refuses version {@code offered} of {@code role} from {@code source} (a server URL) when a newer
   * one was seen here: versions seen locally are a floor.
   */
  public void requireNotOlder(String gun, String role, long offered, String source)
      throws KeysException {
    OptionalLong seen = seenVersion(gun, role);
    if (seen.isPresent() && seen.getAsLong() > offered) {
      throw RollbackException.older(gun, role, offered, seen.getAsLong(), source, repoDir(gun));
    }
  }

  /** {@link #requireNotOlder} for a file as {@code source} serves it. */
  public void requireNotOlder(String gun, String role, byte[] file, String source)
      throws KeysException {
    requireNotOlder(gun, role, Signed.parse(file).version(), source);
  }

  /** Refuses to start {@code gun} again on {@code source} when a root of it was seen here. */
  public void requireNeverSeen(String gun, String source) throws KeysException {
    OptionalLong seen = seenVersion(gun, "root");
    if (seen.isPresent()) {
      throw RollbackException.missing(gun, seen.getAsLong(), source, repoDir(gun));
    }
  }

  /**
   * The root certificates of every root kept here (any GUN, any version): certificate ID to the ID
   * of the key it holds, so that a key named by the certificate ID metadata uses can be found by
   * the ID {@code keys list} shows. Unreadable files are skipped.
   */
  public Map<String, KeyId> rootCertificates() {
    Map<String, KeyId> out = new TreeMap<>();
    Path tuf = trustDir.resolve("tuf");
    if (!Files.isDirectory(tuf)) {
      return out;
    }
    List<Path> roots = new ArrayList<>();
    try (var s = Files.walk(tuf)) {
      s.filter(p -> p.getFileName().toString().endsWith("root.json") && Files.isRegularFile(p))
          .forEach(roots::add);
    } catch (IOException | java.io.UncheckedIOException e) {
      return out;
    }
    for (Path p : roots) {
      try {
        Root root = Root.fromJson(Signed.parse(Files.readAllBytes(p)).signed());
        for (TufKey k : root.keys().values()) {
          if (k.isCertificate()) {
            out.put(k.id().hex(), k.canonicalId());
          }
        }
      } catch (IOException | KeysException e) {
        // not a root we can read: nothing to learn from it
      }
    }
    return out;
  }

  /** Every root version kept here: the root history and the cached root.json, by version. */
  public TreeMap<Long, byte[]> knownRoots(String gun) throws KeysException {
    TreeMap<Long, byte[]> all = rootHistory(gun);
    Optional<byte[]> current = read(gun, "root");
    if (current.isPresent()) {
      all.put(Signed.parse(current.get()).version(), current.get());
    }
    return all;
  }

  /** The root versions kept locally, by version. */
  public TreeMap<Long, byte[]> rootHistory(String gun) throws KeysException {
    TreeMap<Long, byte[]> out = new TreeMap<>();
    Path dir = repoDir(gun).resolve("root-history");
    if (!Files.isDirectory(dir)) {
      return out;
    }
    List<Path> files = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.forEach(files::add);
    } catch (IOException e) {
      throw new KeysException(dev.trustkeys.core.io.IoErrors.cannot("read", dir, e), e);
    }
    for (Path p : files) {
      String n = p.getFileName().toString();
      if (n.matches("[1-9][0-9]{0,9}\\.root\\.json")) {
        Optional<byte[]> bytes = readPath(p);
        if (bytes.isPresent()) {
          out.put(Long.parseLong(n.substring(0, n.indexOf('.'))), bytes.get());
        }
      }
    }
    return out;
  }

  /** The most bytes of one cached metadata file (Notary's client downloads no more either). */
  static final int MAX_METADATA_BYTES = 100 << 20;

  /**
   * A missing file is empty; anything else that is not a readable regular file (a FIFO, a
   * directory) an error.
   */
  private static Optional<byte[]> readPath(Path p) throws KeysException {
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    try {
      return Optional.of(dev.trustkeys.core.io.InputFiles.read(p, MAX_METADATA_BYTES));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty(); // removed since
    } catch (IOException e) {
      throw new KeysException(dev.trustkeys.core.io.IoErrors.cannot("read", p, e), e);
    }
  }

  /**
   * Temporary files are named {@code .<name>.keys-tmp-<random>}, as the key store's: readers never
   * see them.
   */
  static final String TMP_MARK = dev.trustkeys.core.io.AtomicWrite.TMP_MARK;

  /** A temporary file this old belongs to a writer that died (a write takes milliseconds). */
  static final Duration STALE = Duration.ofMinutes(1);

  /**
   * Written to a temporary file, fsynced, renamed into place, directory fsynced: old or new, never
   * half.
   */
  private static void writePath(Path p, byte[] bytes) throws KeysException {
    removeStaleLeftovers(p.getParent());
    dev.trustkeys.core.io.AtomicWrite.write(p, bytes, dev.trustkeys.core.io.AtomicWrite.PRIVATE);
  }

  /**
   * Removes temporary files of killed writers (older than {@link #STALE}, so never a live
   * writer's).
   */
  static int removeStaleLeftovers(Path dir) {
    int n = 0;
    Instant limit = Instant.now().minus(STALE);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + TMP_MARK + "*")) {
      for (Path t : ds) {
        if (Files.getLastModifiedTime(t).toInstant().isBefore(limit) && Files.deleteIfExists(t)) {
          n++;
        }
      }
    } catch (IOException e) {
      // Best effort: nobody reads these files.
    }
    return n;
  }

  private static void createDirs(Path dir) throws KeysException {
    try {
      createDirectories(dir);
    } catch (IOException e) {
      throw new KeysException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (dir.getParent() != null) {
      createDirectories(dir.getParent());
    }
    try {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // created concurrently
    }
  }
}
