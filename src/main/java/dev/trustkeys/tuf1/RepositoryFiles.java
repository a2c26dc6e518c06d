package dev.trustkeys.tuf1;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.io.AtomicWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of a TUF 1.0 repository on disk. Published layout, as a static web server serves it:
 * {@code REPO/metadata/N.root.json}, {@code timestamp.json}, {@code N.snapshot.json}, {@code
 * N.targets.json}, {@code N.ROLE.json}, and {@code REPO/targets/[DIR/]SHA256.NAME} (with consistent
 * snapshots; without them, {@code ROLE.json} and {@code targets/PATH}). Working-tree layout of
 * tuf-on-ci and Sigstore's root-signing: {@code metadata/ROLE.json} and {@code
 * metadata/root_history/N.root.json}. Both are read; keys publishes the first.
 *
 * <p>Every file read is remembered with its digest, and so is the listing of the metadata folder,
 * so that a writer can check under the repository lock that nothing changed since ({@link
 * #unchangedSinceRead}).
 */
public final class RepositoryFiles {
  /** The lock file writers hold in the repository folder. */
  public static final String LOCK_FILE = ".keys-tuf.lock";

  private final Path repo;
  private final Path metadata;
  private final Map<Path, String> reads = new LinkedHashMap<>();
  private List<String> listingAtFirstRead;

  private RepositoryFiles(Path repo, Path metadata) {
    this.repo = repo;
    this.metadata = metadata;
  }

  /** An existing repository: REPO/metadata, or REPO itself when it holds the metadata files. */
  public static RepositoryFiles open(Path repo) throws KeysException {
    Path r = repo.toAbsolutePath().normalize();
    if (Files.isDirectory(r.resolve("metadata"))) {
      return new RepositoryFiles(r, r.resolve("metadata"));
    }
    if (Files.isRegularFile(r.resolve("root.json"))
        || Files.isRegularFile(r.resolve("1.root.json"))) {
      return new RepositoryFiles(r, r);
    }
    throw new KeysException(
        repo + " is not a TUF repository: it has no metadata/ folder",
        ExitCode.NOT_FOUND,
        dev.trustkeys.core.Remedy.forPath(
            dev.trustkeys.core.Remedy.Kind.CREATE_TUF_REPOSITORY, repo),
        null);
  }

  /**
   * A repository about to be created at {@code repo} (its metadata/ folder is made on first write).
   */
  public static RepositoryFiles create(Path repo) {
    Path r = repo.toAbsolutePath().normalize();
    return new RepositoryFiles(r, r.resolve("metadata"));
  }

  public Path root() {
    return repo;
  }

  public Path metadataDir() {
    return metadata;
  }

  public Path targetsDir() {
    return repo.resolve("targets");
  }

  /**
   * A role's file name part: python-tuf and tuf-js percent-encode delegated role names (everything
   * but letters, digits and {@code _.-~}).
   */
  static String fileName(String role) {
    StringBuilder sb = new StringBuilder();
    for (byte b : role.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '.'
          || c == '-'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", (int) c));
      }
    }
    return sb.toString();
  }

  /** {@code N.ROLE.json}. */
  public Path versioned(String role, long version) {
    return metadata.resolve(version + "." + fileName(role) + ".json");
  }

  /** {@code ROLE.json}. */
  public Path unversioned(String role) {
    return metadata.resolve(fileName(role) + ".json");
  }

  /** The root versions on disk: {@code N.root.json} in metadata/ or metadata/root_history/. */
  public TreeMap<Long, Path> rootVersions() throws KeysException {
    TreeMap<Long, Path> out = new TreeMap<>();
    for (Path dir : List.of(metadata.resolve("root_history"), metadata)) {
      for (Map.Entry<Long, Path> e : versionsIn(dir, "root").entrySet()) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** {@code N.ROLE.json} files in metadata/, by version. */
  public TreeMap<Long, Path> versions(String role) throws KeysException {
    return versionsIn(metadata, role);
  }

  private TreeMap<Long, Path> versionsIn(Path dir, String role) throws KeysException {
    TreeMap<Long, Path> out = new TreeMap<>();
    String suffix = "." + fileName(role) + ".json";
    for (String name : list(dir)) {
      if (name.endsWith(suffix)) {
        String n = name.substring(0, name.length() - suffix.length());
        if (!n.isEmpty()
            && n.length() < 19
            && n.chars().allMatch(c -> c >= '0' && c <= '9')
            && !n.startsWith("0")) {
          out.put(Long.parseLong(n), dir.resolve(name));
        }
      }
    }
    return out;
  }

  /** The newest file of a role: the highest {@code N.ROLE.json}, else {@code ROLE.json}. */
  public Optional<Path> latest(String role) throws KeysException {
    TreeMap<Long, Path> v = versions(role);
    if (!v.isEmpty()) {
      return Optional.of(v.lastEntry().getValue());
    }
    Path p = unversioned(role);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * The file of {@code role} at {@code version}: {@code N.ROLE.json}, else a {@code ROLE.json}
   * (checked by reader).
   */
  public Optional<Path> at(String role, long version) {
    Path v = versioned(role, version);
    if (Files.isRegularFile(v)) {
      return Optional.of(v);
    }
    Path u = unversioned(role);
    return Files.isRegularFile(u) ? Optional.of(u) : Optional.empty();
  }

  /**
   * Where a target file is: {@code targets/[DIR/]HASH.NAME} with consistent snapshots, else
   * targets/PATH.
   */
  public Path target(String targetPath, String hash, boolean consistent) throws KeysException {
    int slash = targetPath.lastIndexOf('/');
    String dir = slash < 0 ? "" : targetPath.substring(0, slash + 1);
    String name = targetPath.substring(slash + 1);
    Path p = targetsDir().resolve(consistent ? dir + hash + "." + name : targetPath).normalize();
    if (!p.startsWith(targetsDir()) || name.isEmpty()) {
      throw new KeysException(
          "target path '" + targetPath + "' leaves the targets folder",
          ExitCode.VERIFICATION_FAILED);
    }
    return p;
  }

  /** Reads a file, remembering its digest for {@link #unchangedSinceRead}. */
  public byte[] read(Path p) throws KeysException {
    rememberListing();
    try {
      byte[] b = Files.readAllBytes(p);
      reads.put(p, Tuf1Dialect.sha256Hex(b));
      return b;
    } catch (NoSuchFileException e) {
      throw new KeysException(p + " is missing", ExitCode.NOT_FOUND);
    } catch (IOException e) {
      throw new KeysException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /** Reads a metadata file. */
  public Metadata readMetadata(Path p) throws KeysException {
    byte[] b = read(p);
    try {
      return Metadata.parse(b);
    } catch (dev.trustkeys.metadata.MetadataFormatException e) {
      throw new dev.trustkeys.metadata.MetadataFormatException(
          metadata.relativize(p) + ": " + e.getMessage(), e);
    }
  }

  private void rememberListing() throws KeysException {
    if (listingAtFirstRead == null) {
      listingAtFirstRead = listing();
    }
  }

  private List<String> listing() throws KeysException {
    List<String> all = new ArrayList<>(list(metadata));
    for (String h : list(metadata.resolve("root_history"))) {
      all.add("root_history/" + h);
    }
    return all;
  }

  /**
   * The first file that changed (or appeared in metadata/) since it was read, or null when none
   * did.
   */
  public String changedSinceRead() throws KeysException {
    if (listingAtFirstRead != null && !listing().equals(listingAtFirstRead)) {
      return metadata + " (files were added or removed)";
    }
    for (Map.Entry<Path, String> e : reads.entrySet()) {
      try {
        if (!Tuf1Dialect.sha256Hex(Files.readAllBytes(e.getKey())).equals(e.getValue())) {
          return e.getKey().toString();
        }
      } catch (IOException ex) {
        return e.getKey().toString();
      }
    }
    return null;
  }

  /**
   * Fails with a conflict (exit 8) when another process changed the repository since this one read
   * it.
   */
  public void unchangedSinceRead() throws KeysException {
    String changed = changedSinceRead();
    if (changed != null) {
      throw new ConcurrentChangeException(changed);
    }
  }

  /** Writes a file of the repository atomically (readable by all: it is served). */
  public void write(Path p, byte[] data) throws KeysException {
    try {
      Files.createDirectories(p.getParent());
    } catch (IOException e) {
      throw new KeysException("cannot create " + p.getParent() + ": " + e.getMessage(), e);
    }
    AtomicWrite.write(p, data, AtomicWrite.PUBLIC);
  }

  private static List<String> list(Path dir) throws KeysException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      TreeSet<String> names = new TreeSet<>();
      s.forEach(
          p -> {
            String n = p.getFileName().toString();
            if (!AtomicWrite.isTemporary(n) && !n.equals(LOCK_FILE)) {
              names.add(n);
            }
          });
      return new ArrayList<>(names);
    } catch (IOException e) {
      throw new KeysException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
