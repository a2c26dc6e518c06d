package dev.trustkeys.notary;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.RoleKeys;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.Targets;
import dev.trustkeys.tuf.TufKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code keys init}: creates a repository on a Notary server as {@code notary init -p} does. It
 * fetches the server's timestamp key, uses (or creates) a root key and a self-signed root
 * certificate, creates targets and snapshot keys (or uses the server's snapshot key), signs root,
 * targets and snapshot version 1 and publishes them in one upload, then writes the metadata cache.
 */
public final class RepositoryInitializer {
  private final NotaryServer server;
  private final MetadataCache cache;
  private final Keyring keyring;
  private final Clock clock;

  public RepositoryInitializer(
      NotaryServer server, MetadataCache cache, Keyring keyring, Clock clock) {
    this.server = server;
    this.cache = cache;
    this.keyring = keyring;
    this.clock = clock;
  }

  /** What {@code init} did. */
  public record Result(
      String gun,
      Keyring.Located rootKey,
      String rootCertificateId,
      Keyring.Located targetsKey,
      Optional<Keyring.Located> snapshotKey,
      TufKey timestampKey) {}

  public Result init(String gun, Optional<KeyId> rootKeyId, boolean serverManagedSnapshot)
      throws KeysException {
    Optional<byte[]> existing = server.fetch(gun, "root.json");
    if (existing.isPresent()) {
      throw new RepositoryExistsException(
          gun, Root.fromJson(Signed.parse(existing.get()).signed()).version());
    }
    cache.requireNeverSeen(gun, server.url());
    Instant now = clock.instant();
    TufKey timestamp = server.serverKey(gun, "timestamp");
    Keyring.Located rootKey = keyring.findOrCreateRootKey(rootKeyId);
    Keyring.Located targetsKey = keyring.create(Role.TARGETS, gun);
    Optional<Keyring.Located> snapshotKey = Optional.empty();
    TufKey snapshot;
    if (serverManagedSnapshot) {
      snapshot = server.serverKey(gun, "snapshot");
    } else {
      snapshotKey = Optional.of(keyring.create(Role.SNAPSHOT, gun));
      try (Signer s = snapshotKey.get().signer()) {
        snapshot = TufKey.forPublicKey(s.publicKey());
      }
    }
    try (Signer rootSigner = rootKey.signer();
        Signer targetsSigner = targetsKey.signer()) {
      X509Certificate cert = RootCertificates.create(rootSigner, gun, now);
      TufKey rootCert = TufKey.forCertificate(cert);
      TufKey targets = TufKey.forPublicKey(targetsSigner.publicKey());
      Map<String, TufKey> keys = new LinkedHashMap<>();
      Map<String, RoleKeys> roles = new LinkedHashMap<>();
      for (Map.Entry<String, TufKey> e :
          Map.of("root", rootCert, "targets", targets, "snapshot", snapshot, "timestamp", timestamp)
              .entrySet()) {
        keys.put(e.getValue().id().hex(), e.getValue());
        roles.put(e.getKey(), new RoleKeys(List.of(e.getValue().id().hex()), 1));
      }
      Root root = new Root(1, now.plus(Expiry.ROOT), false, keys, roles);
      byte[] rootBytes =
          MetadataSigning.sign(
                  root.toJson(), List.of(new KeyedSigner(rootCert.id().hex(), rootSigner)))
              .toBytes();
      byte[] targetsBytes =
          MetadataSigning.sign(
                  Targets.empty(now.plus(Expiry.TARGETS)).toJson(),
                  List.of(new KeyedSigner(targets.id().hex(), targetsSigner)))
              .toBytes();
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put("root", rootBytes);
      files.put("targets", targetsBytes);
      new Publisher(server, cache, keyring, clock).publish(gun, root, files, Optional.empty());
      return new Result(gun, rootKey, rootCert.id().hex(), targetsKey, snapshotKey, timestamp);
    }
  }
}
