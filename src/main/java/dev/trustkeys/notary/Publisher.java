package dev.trustkeys.notary;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Keyring;
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
 * Publishes changed metadata as Notary's client does: the changed files plus a new snapshot signed
 * locally when the snapshot key is here (otherwise the server makes the snapshot), in one atomic
 * upload; then refreshes the trust directory's cache so a Notary client using the same directory
 * carries on from it.
 */
public final class Publisher {
  private final NotaryServer server;
  private final MetadataCache cache;
  private final Keyring keyring;
  private final Clock clock;

  public Publisher(NotaryServer server, MetadataCache cache, Keyring keyring, Clock clock) {
    this.server = server;
    this.cache = cache;
    this.keyring = keyring;
    this.clock = clock;
  }

  /** What was uploaded. */
  public record Published(Map<String, byte[]> files, boolean snapshotByServer) {}

  /**
   * @param root the root in force after this publication
   * @param changed files to upload by role name (root, targets, targets/x), already signed
   * @param previousSnapshot the snapshot now on the server, if any (its other entries are kept)
   */
  public Published publish(
      String gun, Root root, Map<String, byte[]> changed, Optional<Snapshot> previousSnapshot)
      throws KeysException {
    return publish(gun, root, changed, previousSnapshot, java.util.Set.of());
  }

  /**
   * As {@link #publish(String, Root, Map, Optional)}, for a change that also deletes delegations:
   * their entries leave the snapshot signed here (a snapshot the server makes keeps them,
   * unreachable, as Notary's server does).
   */
  public Published publish(
      String gun,
      Root root,
      Map<String, byte[]> changed,
      Optional<Snapshot> previousSnapshot,
      java.util.Set<String> removed)
      throws KeysException {
    Map<String, byte[]> files = new LinkedHashMap<>(changed);
    String snapshotKeyId = root.role("snapshot").keyIds().get(0);
    TufKey snapshotKey = root.keys().get(snapshotKeyId);
    Optional<Keyring.Located> local = keyring.lookup(snapshotKey.canonicalId());
    boolean byServer = local.isEmpty();
    if (!byServer) {
      Map<String, FileMeta> meta = new LinkedHashMap<>();
      previousSnapshot.ifPresent(s -> meta.putAll(s.meta()));
      meta.keySet().removeAll(removed);
      for (Map.Entry<String, byte[]> f : changed.entrySet()) {
        meta.put(f.getKey(), FileMeta.of(f.getValue()));
      }
      long version = previousSnapshot.map(s -> s.version() + 1).orElse(1L);
      Snapshot snap =
          new Snapshot(Snapshot.SNAPSHOT, version, clock.instant().plus(Expiry.SNAPSHOT), meta);
      try (Signer s = local.get().signer()) {
        Signed doc =
            MetadataSigning.sign(snap.toJson(), List.of(new KeyedSigner(snapshotKeyId, s)));
        files.put("snapshot", doc.toBytes());
      }
    }
    server.publish(gun, files);
    try {
      refreshCache(gun, root, files, byServer);
    } catch (KeysException e) {
      throw new CacheNotUpdatedException(gun, server.url(), root, files, e);
    }
    return new Published(files, byServer);
  }

  /**
   * After a publication: the trust directory keeps what was published and what the server signed
   * for it.
   */
  private void refreshCache(String gun, Root root, Map<String, byte[]> files, boolean byServer)
      throws KeysException {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      cache.write(gun, f.getKey(), f.getValue());
    }
    if (files.containsKey("root")) {
      cache.writeRootVersion(gun, root.version(), files.get("root"));
    }
    if (byServer) {
      Optional<byte[]> snap = server.fetch(gun, "snapshot.json");
      if (snap.isPresent()) {
        cache.write(gun, "snapshot", verified("snapshot", snap.get(), root));
      }
    }
    Optional<byte[]> ts = server.fetch(gun, "timestamp.json");
    if (ts.isPresent()) {
      cache.write(gun, "timestamp", verified("timestamp", ts.get(), root));
    }
  }

  /**
   * A file the server signed, checked against {@code root} before it becomes a floor for later
   * reads.
   */
  private static byte[] verified(String role, byte[] file, Root root) throws KeysException {
    MetadataSigning.requireThreshold(role, Signed.parse(file), root.keys(), root.role(role));
    return file;
  }

  /**
   * The server took the publication but the trust directory's copy could not be updated: the truth,
   * and what to do, instead of the write error's "nothing was changed".
   */
  public static final class CacheNotUpdatedException extends KeysException {
    private static final long serialVersionUID = 1L;
    private final String published;
    private final String gun;

    CacheNotUpdatedException(
        String gun, String server, Root root, Map<String, byte[]> files, KeysException cause) {
      this(gun, published(gun, server, root, files), cause);
    }

    private CacheNotUpdatedException(String gun, String published, KeysException cause) {
      // the write error without its "(nothing was changed)": true of that file, not of the
      // publication
      super(
          published
              + ", but the trust directory's copy could not be updated ("
              + cause.getMessage().replace(" (nothing was changed)", "")
              + "); the server has the new metadata: fix that, and the next "
              + "publication or 'notary list "
              + gun
              + "' brings the copy up to date",
          cause.exitCode(),
          cause);
      this.published = published;
      this.gun = gun;
    }

    /** The same, also naming the key that a rotation made and that is now in use. */
    public CacheNotUpdatedException withNewKey(String role, String key, String location) {
      return new CacheNotUpdatedException(
          gun,
          published + " (the new " + role + " key " + key + " in " + location + " is in use)",
          (KeysException) getCause());
    }

    private static String published(
        String gun, String server, Root root, Map<String, byte[]> files) {
      List<String> what = new java.util.ArrayList<>();
      for (String f : files.keySet()) {
        what.add(f.equals("root") ? "root version " + root.version() : f);
      }
      String list =
          what.size() == 1
              ? what.get(0)
              : String.join(", ", what.subList(0, what.size() - 1))
                  + " and "
                  + what.get(what.size() - 1);
      return "published " + list + " of " + gun + " to " + server;
    }
  }

  /** Whether a key named in metadata is held in one of the back ends. */
  public boolean isLocal(TufKey key) throws KeysException {
    return keyring.lookup(key.canonicalId()).isPresent();
  }

  static KeyId canonical(TufKey k) throws KeysException {
    return k.canonicalId();
  }
}
