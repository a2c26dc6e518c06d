package dev.trustkeys.notary;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.Signed;
import java.nio.file.DirectoryStream;
import java.time.Duration;
import java.time.Instant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The trust directory's metadata cache, laid out as Notary's client keeps it:
 * {@code <trustdir>/tuf/<GUN>/metadata/<role>.json} (delegations under {@code targets/}). {@code keys} also keeps
 * every root version it has seen in {@code <trustdir>/tuf/<GUN>/root-history/<N>.root.json}, which Notary ignores.
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

  /** The cached file of {@code role}; one that does not parse as signed metadata is an error naming the file. */
  public Optional<byte[]> read(String gun, String role) throws KeysException {
    Path p = metadataFile(gun, role);
    Optional<byte[]> bytes = readPath(p);
    if (bytes.isPresent()) {
      try {
        Signed.parse(bytes.get());
      } catch (MetadataException e) {
        throw new MetadataException("the cached " + p + " is damaged (" + e.getMessage() + "): delete it, and "
            + "'keys verify " + gun + " --server URL' fetches it again");
      }
    }
    return bytes;
  }

  public void write(String gun, String role, byte[] bytes) throws KeysException {
    writePath(metadataFile(gun, role), bytes);
  }

  /** Removes the cached file of a deleted delegation (nothing if there is none). */
  public void delete(String gun, String role) throws KeysException {
    Path p = metadataFile(gun, role);
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new KeysException(dev.trustkeys.core.io.IoErrors.cannot("delete", p, e), e);
    }
  }

  public void writeRootVersion(String gun, long version, byte[] bytes) throws KeysException {
    writePath(repoDir(gun).resolve("root-history").resolve(version + ".root.json"), bytes);
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

  /** A missing file is empty; anything else that is not a readable regular file (a FIFO, a directory) an error. */
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

  /** Temporary files are named {@code .<name>.keys-tmp-<random>}, as the key store's: readers never see them. */
  static final String TMP_MARK = dev.trustkeys.core.io.AtomicWrite.TMP_MARK;
  /** A temporary file this old belongs to a writer that died (a write takes milliseconds). */
  static final Duration STALE = Duration.ofMinutes(1);

  /** Written to a temporary file, fsynced, renamed into place, directory fsynced: old or new, never half. */
  private void writePath(Path p, byte[] bytes) throws KeysException {
    try {
      Path dir = p.getParent();
      createDirs(dir);
      removeStaleLeftovers(dir);
      dev.trustkeys.core.io.AtomicWrite.write(p, bytes, dev.trustkeys.core.io.AtomicWrite.PRIVATE);
    } catch (IOException e) {
      throw new KeysException(dev.trustkeys.core.io.IoErrors.cannot("write", p, e), e);
    }
  }

  /** Removes temporary files of killed writers (older than {@link #STALE}, so never a live writer's). */
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

  private void createDirs(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (dir.getParent() != null) {
      createDirs(dir.getParent());
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // created concurrently
    }
  }
}
