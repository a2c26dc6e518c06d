package dev.trustkeys.notary;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.FileMeta;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.Snapshot;
import dev.trustkeys.tuf.TufKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes changed metadata as Notary's client does: the changed files plus a new snapshot signed locally when
 * the snapshot key is here (otherwise the server makes the snapshot), in one atomic upload; then refreshes the
 * trust directory's cache so a Notary client using the same directory carries on from it.
 */
public final class Publisher {
  private final NotaryServer server;
  private final MetadataCache cache;
  private final KeyStores stores;
  private final Clock clock;

  public Publisher(NotaryServer server, MetadataCache cache, KeyStores stores, Clock clock) {
    this.server = server;
    this.cache = cache;
    this.stores = stores;
    this.clock = clock;
  }

  /** What was uploaded. */
  public record Published(Map<String, byte[]> files, boolean snapshotByServer) {}

  /**
   * @param root the root in force after this publication
   * @param changed files to upload by role name (root, targets, targets/x), already signed
   * @param previousSnapshot the snapshot now on the server, if any (its other entries are kept)
   */
  public Published publish(String gun, Root root, Map<String, byte[]> changed, Optional<Snapshot> previousSnapshot)
      throws KeysException {
    return publish(gun, root, changed, previousSnapshot, java.util.Set.of());
  }

  /**
   * As {@link #publish(String, Root, Map, Optional)}, for a change that also deletes delegations: their entries
   * leave the snapshot signed here (a snapshot the server makes keeps them, unreachable, as Notary's server does).
   */
  public Published publish(String gun, Root root, Map<String, byte[]> changed, Optional<Snapshot> previousSnapshot,
      java.util.Set<String> removed) throws KeysException {
    Map<String, byte[]> files = new LinkedHashMap<>(changed);
    String snapshotKeyId = root.role("snapshot").keyIds().get(0);
    TufKey snapshotKey = root.keys().get(snapshotKeyId);
    Optional<KeyStores.Located> local = stores.find(snapshotKey.canonicalId());
    boolean byServer = local.isEmpty();
    if (!byServer) {
      Map<String, FileMeta> meta = new LinkedHashMap<>();
      previousSnapshot.ifPresent(s -> meta.putAll(s.meta()));
      meta.keySet().removeAll(removed);
      for (Map.Entry<String, byte[]> f : changed.entrySet()) {
        meta.put(f.getKey(), FileMeta.of(f.getValue()));
      }
      long version = previousSnapshot.map(s -> s.version() + 1).orElse(1L);
      Snapshot snap = new Snapshot(Snapshot.SNAPSHOT, version, clock.instant().plus(Expiry.SNAPSHOT), meta);
      try (Signer s = local.get().signer()) {
        Signed doc = MetadataSigning.sign(snap.toJson(), List.of(new KeyedSigner(snapshotKeyId, s)));
        files.put("snapshot", doc.toBytes());
      }
    }
    server.publish(gun, files);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      cache.write(gun, f.getKey(), f.getValue());
    }
    if (files.containsKey("root")) {
      cache.writeRootVersion(gun, root.version(), files.get("root"));
    }
    if (byServer) {
      Optional<byte[]> snap = server.fetch(gun, "snapshot.json");
      if (snap.isPresent()) {
        cache.write(gun, "snapshot", snap.get());
      }
    }
    Optional<byte[]> ts = server.fetch(gun, "timestamp.json");
    if (ts.isPresent()) {
      cache.write(gun, "timestamp", ts.get());
    }
    return new Published(files, byServer);
  }

  /** Whether a key named in metadata is held in one of the back ends. */
  public boolean isLocal(TufKey key) throws KeysException {
    return stores.find(key.canonicalId()).isPresent();
  }

  static KeyId canonical(TufKey k) throws KeysException {
    return k.canonicalId();
  }
}
