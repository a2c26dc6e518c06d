package dev.trustkeys.tuf1;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The root versions of a repository on disk, in either layout, and the publication of the next one
 * made elsewhere (by a root ceremony): {@code metadata/N.root.json} as keys publishes and clients
 * fetch it, and in a working tree (tuf-on-ci, Sigstore's root-signing) {@code metadata/root.json}
 * with {@code metadata/root_history/N.root.json}. A new root is written only when the chain from
 * the first root present through it verifies as a TUF 1.0 client checks it, and under the
 * repository lock after re-checking that nothing changed since it was read.
 */
public final class RootPublisher {
  private RootPublisher() {}

  /**
   * Every root version present: {@code N.root.json} (metadata/ or root_history/) and {@code
   * root.json}.
   */
  public static TreeMap<Long, Path> versions(RepositoryFiles files) throws KeysException {
    TreeMap<Long, Path> roots = files.rootVersions();
    Path working = files.unversioned("root");
    if (Files.isRegularFile(working)) {
      long v = files.readMetadata(working).version();
      roots.putIfAbsent(v, working);
    }
    return roots;
  }

  /** The newest root file of the repository at {@code repo}. */
  public static byte[] newest(Path repo) throws KeysException {
    RepositoryFiles files = RepositoryFiles.open(repo);
    TreeMap<Long, Path> roots = versions(files);
    if (roots.isEmpty()) {
      throw new KeysException(
          repo + " has no root metadata (N.root.json or root.json)", ExitCode.NOT_FOUND);
    }
    return files.read(roots.lastEntry().getValue());
  }

  /** The root file of {@code version}, if the repository has it. */
  public static Optional<byte[]> version(Path repo, long version) throws KeysException {
    RepositoryFiles files = RepositoryFiles.open(repo);
    Path p = versions(files).get(version);
    return p == null ? Optional.empty() : Optional.of(files.read(p));
  }

  /**
   * The first reason a client would refuse the chain {@code roots} (consecutive versions, each
   * signed by the threshold of the previous root's keys and of its own), or null when it walks the
   * chain to its end.
   */
  public static String chainProblem(List<Metadata> roots) throws KeysException {
    Root trusted = null;
    for (Metadata md : roots) {
      Root next = Root.of(md);
      if (trusted != null) {
        if (next.version() != trusted.version() + 1) {
          return "root version " + next.version() + " does not follow version " + trusted.version();
        }
        SignatureCheck byPrevious = SignatureCheck.of(md, trusted.keys(), trusted.role("root"));
        if (!byPrevious.met()) {
          return "root version "
              + next.version()
              + " is not signed by the keys of version "
              + trusted.version()
              + ": "
              + byPrevious.describe();
        }
      }
      SignatureCheck bySelf = SignatureCheck.of(md, next.keys(), next.role("root"));
      if (!bySelf.met()) {
        return "root version "
            + next.version()
            + " is not signed by its own root keys: "
            + bySelf.describe();
      }
      trusted = next;
    }
    return null;
  }

  /**
   * Writes {@code newRoot} as the next root of the repository at {@code repo}, whose newest root
   * must still be {@code base} (same signed content): as {@code metadata/N.root.json}, or in a
   * working tree as {@code root_history/N.root.json}, and {@code root.json} when the repository has
   * one. Refuses (exit 7) a chain that does not verify or a new root expired at {@code now}; exit 8
   * when another root came first.
   *
   * @return the files written
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public static List<Path> publish(Path repo, byte[] base, byte[] newRoot, Instant now)
      throws KeysException {
    RepositoryFiles files = RepositoryFiles.open(repo);
    TreeMap<Long, Path> roots = versions(files);
    if (roots.isEmpty()) {
      throw new KeysException(
          repo + " has no root metadata (N.root.json or root.json)", ExitCode.NOT_FOUND);
    }
    Metadata current = files.readMetadata(roots.lastEntry().getValue());
    Metadata next = Metadata.parse(newRoot);
    if (!java.util.Arrays.equals(current.signedBytes(), Metadata.parse(base).signedBytes())) {
      throw new KeysException(
          "the newest root of "
              + repo
              + " is no longer the one the new root was planned on:"
              + " plan again",
          ExitCode.CONFLICT);
    }
    List<Metadata> chain = new ArrayList<>();
    for (Map.Entry<Long, Path> e : roots.entrySet()) {
      chain.add(files.readMetadata(e.getValue()));
    }
    chain.add(next);
    String problem = chainProblem(chain);
    if (problem != null) {
      throw new KeysException(
          "the root chain of " + repo + " with the new root does not verify: " + problem,
          ExitCode.VERIFICATION_FAILED);
    }
    if (!now.isBefore(next.expires())) {
      throw new KeysException(
          "the new root expired at " + next.expiresText() + ": nothing was written",
          ExitCode.VERIFICATION_FAILED);
    }
    List<Path> targets = new ArrayList<>();
    Path history = files.metadataDir().resolve("root_history");
    targets.add(
        Files.isDirectory(history)
            ? history.resolve(next.version() + ".root.json")
            : files.versioned("root", next.version()));
    if (Files.isRegularFile(files.unversioned("root"))) {
      targets.add(files.unversioned("root"));
    }
    try (RepositoryLock lock = RepositoryLock.acquire(files.root())) {
      files.unchangedSinceRead();
      for (Path p : targets) {
        files.write(p, newRoot);
      }
    }
    return targets;
  }
}
