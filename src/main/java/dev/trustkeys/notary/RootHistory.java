package dev.trustkeys.notary;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Collects a repository's root versions 1..N, from the server or from the trust directory. */
public final class RootHistory {
  private RootHistory() {}

  /**
   * Every version the server keeps, 1 to the newest ({@code N.root.json}). Refuses a newest version
   * older than the trust directory has seen ({@link RollbackException}).
   */
  public static List<byte[]> fromServer(NotaryServer server, String gun, MetadataCache cache)
      throws KeysException {
    byte[] newest =
        server
            .fetch(gun, "root.json")
            .orElseThrow(() -> new RepositoryNotFoundException(gun, server.url()));
    long n = Root.fromJson(Signed.parse(newest).signed()).version();
    cache.requireNotOlder(gun, "root", n, server.url());
    List<byte[]> out = new ArrayList<>();
    for (long v = 1; v <= n; v++) {
      final long version = v;
      out.add(
          server
              .fetch(gun, v + ".root.json")
              .orElseThrow(
                  () ->
                      new MetadataException(
                          "the server lists root version "
                              + n
                              + " of "
                              + gun
                              + " but not version "
                              + version)));
    }
    return out;
  }

  /**
   * The versions kept in the trust directory: {@code keys}' root history plus the cached root.json.
   * Versions that were never seen here are missing; the result holds only the consecutive run
   * ending at the newest.
   */
  public static Local fromCache(MetadataCache cache, String gun) throws KeysException {
    TreeMap<Long, byte[]> all;
    try {
      all = cache.knownRoots(gun);
    } catch (MetadataException e) {
      throw new MetadataException(
          "the cached root.json of " + gun + " is unreadable: " + e.getMessage());
    }
    if (all.isEmpty()) {
      throw new KeysException(
          "no metadata for " + gun + " in " + cache.trustDir(),
          dev.trustkeys.core.ExitCode.NOT_FOUND,
          dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.NAME_SERVER),
          null);
    }
    List<byte[]> run = new ArrayList<>();
    long expected = all.lastKey();
    long first = expected;
    while (all.containsKey(expected)) {
      run.add(0, all.get(expected));
      first = expected;
      expected--;
    }
    return new Local(first, run);
  }

  /** Consecutive local root versions starting at {@code firstVersion}. */
  public record Local(long firstVersion, List<byte[]> roots) {}
}
