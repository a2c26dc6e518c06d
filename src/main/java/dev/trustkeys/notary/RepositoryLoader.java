package dev.trustkeys.notary;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootChain;
import dev.trustkeys.tuf.RootChainReport;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.Snapshot;
import dev.trustkeys.tuf.Targets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Downloads and verifies a repository's current metadata. The root is checked against the locally
 * cached root, if any (every version in between must carry the old and new root thresholds), else
 * trusted on first use, as Notary's client does. No role may be older than the trust directory has
 * already seen (a server or proxy answering with old data): that is a {@link RollbackException}.
 */
public final class RepositoryLoader {
  private final NotaryServer server;
  private final MetadataCache cache;
  private final Clock clock;

  public RepositoryLoader(NotaryServer server, MetadataCache cache, Clock clock) {
    this.server = server;
    this.cache = cache;
    this.clock = clock;
  }

  public RepositoryState load(String gun) throws KeysException {
    byte[] rootBytes =
        server
            .fetch(gun, "root.json")
            .orElseThrow(() -> new RepositoryNotFoundException(gun, server.url()));
    Signed rootDoc = Signed.parse(rootBytes);
    Root root = Root.fromJson(rootDoc.signed());
    cache.requireNotOlder(gun, "root", root.version(), server.url());
    MetadataSigning.requireThreshold("root", rootDoc, root.keys(), root.role("root"));
    Optional<byte[]> cached = cache.read(gun, "root");
    if (cached.isPresent()) {
      checkAgainstCached(gun, cached.get(), root);
    }
    byte[] targetsBytes =
        server
            .fetch(gun, "targets.json")
            .orElseThrow(
                () ->
                    new MetadataException(
                        "the server has root.json but no targets.json for " + gun));
    Signed targetsDoc = Signed.parse(targetsBytes);
    cache.requireNotOlder(gun, "targets", targetsDoc.version(), server.url());
    MetadataSigning.requireThreshold("targets", targetsDoc, root.keys(), root.role("targets"));
    Optional<byte[]> snapshotBytes = server.fetch(gun, "snapshot.json");
    Optional<Snapshot> snapshot = Optional.empty();
    if (snapshotBytes.isPresent()) {
      Signed s = Signed.parse(snapshotBytes.get());
      cache.requireNotOlder(gun, "snapshot", s.version(), server.url());
      MetadataSigning.requireThreshold("snapshot", s, root.keys(), root.role("snapshot"));
      snapshot = Optional.of(Snapshot.fromJson(s.signed()));
    }
    Optional<byte[]> timestampBytes = server.fetch(gun, "timestamp.json");
    Optional<Snapshot> timestamp = Optional.empty();
    if (timestampBytes.isPresent()) {
      Signed t = Signed.parse(timestampBytes.get());
      cache.requireNotOlder(gun, "timestamp", t.version(), server.url());
      MetadataSigning.requireThreshold("timestamp", t, root.keys(), root.role("timestamp"));
      timestamp = Optional.of(Snapshot.fromJson(t.signed()));
    }
    return new RepositoryState(
        gun,
        rootBytes,
        root,
        targetsBytes,
        Targets.fromJson(targetsDoc.signed()),
        snapshotBytes,
        snapshot,
        timestampBytes,
        timestamp);
  }

  private void checkAgainstCached(String gun, byte[] cachedBytes, Root serverRoot)
      throws KeysException {
    Root cachedRoot;
    try {
      cachedRoot = Root.fromJson(Signed.parse(cachedBytes).signed());
    } catch (MetadataException e) {
      return; // an unreadable cache is replaced, as Notary does
    }
    List<byte[]> chain = new ArrayList<>();
    chain.add(cachedBytes);
    for (long v = cachedRoot.version() + 1; v <= serverRoot.version(); v++) {
      final long version = v;
      chain.add(
          server
              .fetch(gun, v + ".root.json")
              .orElseThrow(
                  () ->
                      new MetadataException(
                          "the server does not have root version " + version + " of " + gun)));
    }
    RootChainReport report = new RootChain(clock).verify(gun, chain, cachedRoot.version());
    List<String> problems = new ArrayList<>();
    report.steps().stream().skip(1).forEach(s -> problems.addAll(s.problems()));
    problems.removeIf(p -> p.contains("expired"));
    if (!problems.isEmpty()
        || (cachedRoot.version() == serverRoot.version()
            && !java.util.Arrays.equals(cachedBytes, chain.get(chain.size() - 1))
            && !serverRoot.roles().equals(cachedRoot.roles()))) {
      throw new KeysException(
          "the server's root of "
              + gun
              + " does not chain to the root trusted here (version "
              + cachedRoot.version()
              + "): "
              + (problems.isEmpty() ? "same version, different keys" : problems.get(0)),
          ExitCode.VERIFICATION_FAILED);
    }
  }
}
