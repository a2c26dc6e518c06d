package dev.trustkeys.notary;

import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.Confirmation;
import dev.trustkeys.tuf.DelegatedRole;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.KeyName;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.Targets;
import dev.trustkeys.tuf.TufKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code keys rotate}: replaces a role's key and publishes at once, as {@code notary key rotate}
 * does. Targets and snapshot rotations re-sign root (with the current root keys) and the rotated
 * role; server-managed rotations ask the server for a new key; a delegation rotation re-signs
 * targets and the delegation's own file; a root rotation makes a new root key and certificate and
 * signs the next root with the old root threshold and the new key. The old key of the rotated role
 * is never needed, so a lost targets or snapshot key is replaced this way.
 */
public final class KeyRotator {
  private final NotaryServer server;
  private final MetadataCache cache;
  private final Keyring keyring;
  private final Clock clock;
  private final Confirmation confirmRoot;

  /** A rotator that rotates the root key without asking (the caller decided). */
  public KeyRotator(NotaryServer server, MetadataCache cache, Keyring keyring, Clock clock) {
    this(server, cache, keyring, clock, Confirmation.yes());
  }

  /**
   * @param confirmRoot asked before a root rotation, once the versions are known; a "no" ends it
   *     before any key is made
   */
  public KeyRotator(
      NotaryServer server,
      MetadataCache cache,
      Keyring keyring,
      Clock clock,
      Confirmation confirmRoot) {
    this.server = server;
    this.cache = cache;
    this.keyring = keyring;
    this.clock = clock;
    this.confirmRoot = confirmRoot;
  }

  /**
   * What a rotation changed. {@code oldKeyIds} and {@code newKeyId} are the IDs metadata uses (for
   * root keys, the certificates'); {@code oldKeys} and {@code newKey} name them as {@code keys
   * list} does.
   */
  public record Result(
      String gun,
      String role,
      List<String> oldKeyIds,
      String newKeyId,
      String newKeyLocation,
      long rootVersion,
      boolean snapshotByServer,
      List<KeyName> oldKeys,
      KeyName newKey) {}

  public Result rotate(String gun, Role role, boolean serverManaged) throws KeysException {
    RepositoryState state = new RepositoryLoader(server, cache, clock).load(gun);
    if (role.isRoot()) {
      if (serverManaged) {
        throw new UsageException("the root key cannot be server-managed");
      }
      return rotateRoot(state);
    }
    if (role.equals(Role.TIMESTAMP) && !serverManaged) {
      throw new UsageException(
          "the timestamp key is always server-managed",
          dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.LET_THE_SERVER_HOLD_IT));
    }
    if (role.isDelegation()) {
      if (serverManaged) {
        throw new UsageException("delegation keys cannot be server-managed");
      }
      return rotateDelegation(state, role.name());
    }
    if (role.equals(Role.TARGETS) && serverManaged) {
      throw new UsageException("the targets key cannot be server-managed");
    }
    return rotateBase(state, role, serverManaged);
  }

  private Result rotateBase(RepositoryState state, Role role, boolean serverManaged)
      throws KeysException {
    String gun = state.gun();
    Instant now = clock.instant();
    List<String> oldIds = state.root().role(role.name()).keyIds();
    TufKey newKey;
    String location;
    Optional<Keyring.Located> created = Optional.empty();
    if (serverManaged) {
      newKey = server.rotateServerKey(gun, role.name());
      location = "server " + server.url();
    } else {
      created = Optional.of(keyring.create(role, gun));
      try (Signer s = created.get().signer()) {
        newKey = TufKey.forPublicKey(s.publicKey());
      }
      location = created.get().key().location().display();
    }
    Root next = state.root().withRole(role.name(), List.of(newKey), 1).next(now.plus(Expiry.ROOT));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("root", signRoot(gun, state.root(), next, List.of()));
    if (role.equals(Role.TARGETS)) {
      try (Signer s = created.orElseThrow().signer()) {
        files.put(
            "targets",
            MetadataSigning.sign(
                    state.targets().next(now.plus(Expiry.TARGETS)).toJson(),
                    List.of(new KeyedSigner(newKey.id().hex(), s)))
                .toBytes());
      }
    }
    Publisher.Published p =
        publish(gun, next, files, state, role.name(), newKey, location, created.isPresent());
    return new Result(
        gun,
        role.name(),
        oldIds,
        newKey.id().hex(),
        location,
        next.version(),
        p.snapshotByServer(),
        names(oldIds, state.root().keys()),
        KeyName.of(newKey));
  }

  /**
   * Publishes what a rotation signed. When the server refuses, says that nothing was published and
   * what became of the new key; when the trust directory's copy cannot be updated afterwards, that
   * the server took it.
   */
  private Publisher.Published publish(
      String gun,
      Root root,
      Map<String, byte[]> files,
      RepositoryState state,
      String role,
      TufKey newKey,
      String location,
      boolean madeHere)
      throws KeysException {
    String name = KeyName.of(newKey).label();
    try {
      return new Publisher(server, cache, keyring, clock)
          .publish(gun, root, files, state.snapshot());
    } catch (Publisher.CacheNotUpdatedException e) {
      throw e.withNewKey(role, name, location);
    } catch (ServerException e) {
      if (!madeHere) {
        throw e;
      }
      throw new KeysException(
          e.getMessage()
              + ": nothing was published; the new "
              + role
              + " key "
              + name
              + " ("
              + location
              + ") is not in use",
          e.exitCode(),
          dev.trustkeys.core.Remedy.forKey(
              dev.trustkeys.core.Remedy.Kind.KEEP_OR_REMOVE_NEW_KEY, KeyName.of(newKey).id()),
          e);
    }
  }

  private static List<KeyName> names(List<String> ids, Map<String, TufKey> keys) {
    return ids.stream().map(id -> KeyName.of(id, keys.get(id))).toList();
  }

  private Result rotateDelegation(RepositoryState state, String name) throws KeysException {
    String gun = state.gun();
    Instant now = clock.instant();
    DelegatedRole old =
        state
            .targets()
            .delegation(name)
            .orElseThrow(
                () ->
                    new UsageException(
                        "targets.json of "
                            + gun
                            + " has no delegation "
                            + name
                            + ": add it first (notary delegation add)"));
    Keyring.Located created = keyring.create(Role.of(name), "");
    TufKey newKey;
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (Signer newSigner = created.signer()) {
      newKey = TufKey.forPublicKey(newSigner.publicKey());
      Targets targets =
          state.targets().withDelegationKeys(name, List.of(newKey)).next(now.plus(Expiry.TARGETS));
      TufKey targetsKey = state.root().keys().get(state.root().role("targets").keyIds().get(0));
      try (Signer t = keyring.signer(targetsKey.canonicalId(), "the targets key of " + gun)) {
        files.put(
            "targets",
            MetadataSigning.sign(
                    targets.toJson(), List.of(new KeyedSigner(targetsKey.id().hex(), t)))
                .toBytes());
      }
      Optional<byte[]> delegated = server.fetch(gun, name + ".json");
      if (delegated.isPresent()) {
        Targets d =
            Targets.fromJson(Signed.parse(delegated.get()).signed()).next(now.plus(Expiry.TARGETS));
        files.put(
            name,
            MetadataSigning.sign(d.toJson(), List.of(new KeyedSigner(newKey.id().hex(), newSigner)))
                .toBytes());
      }
    }
    String location = created.key().location().display();
    Publisher.Published p = publish(gun, state.root(), files, state, name, newKey, location, true);
    return new Result(
        gun,
        name,
        old.keyIds(),
        newKey.id().hex(),
        location,
        state.root().version(),
        p.snapshotByServer(),
        names(old.keyIds(), state.targets().delegationKeys()),
        KeyName.of(newKey));
  }

  private Result rotateRoot(RepositoryState state) throws KeysException {
    String gun = state.gun();
    long version = state.root().version();
    confirmRoot.require(
        "Rotating the root key of "
            + gun
            + " makes a new root key and publishes root version "
            + (version + 1)
            + " (the server has version "
            + version
            + "), signed by the old and the new root keys;"
            + " clients follow automatically. Rotate it?",
        "the root key of " + gun + " was not rotated");
    Instant now = clock.instant();
    // check the old root keys are here before creating anything
    RootSigners.closeAll(RootSigners.forThreshold(gun, state.root(), keyring));
    Keyring.Located created = keyring.create(Role.ROOT, "");
    try (Signer s = created.signer()) {
      TufKey cert = TufKey.forCertificate(RootCertificates.create(s, gun, now));
      Root next = state.root().withRole("root", List.of(cert), 1).next(now.plus(Expiry.ROOT));
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put(
          "root", signRoot(gun, state.root(), next, List.of(new KeyedSigner(cert.id().hex(), s))));
      String location = created.key().location().display();
      Publisher.Published p = publish(gun, next, files, state, "root", cert, location, true);
      List<String> oldIds = state.root().role("root").keyIds();
      return new Result(
          gun,
          "root",
          oldIds,
          cert.id().hex(),
          location,
          next.version(),
          p.snapshotByServer(),
          names(oldIds, state.root().keys()),
          KeyName.of(cert));
    }
  }

  /**
   * Signs {@code next} with the threshold of {@code current}'s root keys (and of {@code next}'s, if
   * it differs).
   */
  private byte[] signRoot(String gun, Root current, Root next, List<KeyedSigner> extra)
      throws KeysException {
    List<KeyedSigner> signers = new ArrayList<>(RootSigners.forThreshold(gun, current, keyring));
    try {
      signers.addAll(extra);
      Signed doc = MetadataSigning.sign(next.toJson(), signers);
      MetadataSigning.requireThreshold("root (new)", doc, next.keys(), next.role("root"));
      MetadataSigning.requireThreshold(
          "root (previous)", doc, current.keys(), current.role("root"));
      return doc.toBytes();
    } finally {
      RootSigners.closeAll(signers.subList(0, signers.size() - extra.size()));
    }
  }
}
