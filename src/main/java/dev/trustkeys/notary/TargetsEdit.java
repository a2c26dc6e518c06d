package dev.trustkeys.notary;

import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf.DelegatedRole;
import dev.trustkeys.tuf.Delegations;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.Targets;
import dev.trustkeys.tuf.TufKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changes to a repository's targets-role files, made in memory and published together: each changed
 * file gets the next version, a new expiry ({@link Expiry#TARGETS}, as Notary gives targets and
 * delegations) and signatures from enough of its keys held here; then {@link Publisher} uploads
 * them with a new snapshot in one request.
 */
public final class TargetsEdit {
  private final TargetsTree tree;
  private final Map<String, Targets> staged = new LinkedHashMap<>();
  private final Set<String> removed = new LinkedHashSet<>();

  public TargetsEdit(TargetsTree tree) {
    this.tree = tree;
  }

  /**
   * Loads {@code gun}'s current, verified metadata from the server, ready to change (expired files
   * included).
   */
  public static TargetsEdit open(
      NotaryServer server,
      MetadataCache cache,
      Clock clock,
      String gun,
      java.util.function.Consumer<String> warnings)
      throws KeysException {
    RepositoryState state = new RepositoryLoader(server, cache, clock).load(gun);
    return new TargetsEdit(TargetsTree.load(server, state, clock, true, warnings));
  }

  public TargetsTree tree() {
    return tree;
  }

  /**
   * A role's content as changed so far: the staged version, else the verified file, else an empty
   * file.
   */
  public Targets current(String role) {
    Targets t = staged.get(role);
    if (t != null) {
      return t;
    }
    return tree.file(role)
        .map(TargetsTree.RoleFile::targets)
        .orElseGet(() -> Targets.empty(Instant.EPOCH));
  }

  /**
   * Stages new content for {@code role} (targets or a delegation); it is signed and published by
   * {@link #publish}.
   */
  public void put(String role, Targets content) {
    staged.put(role, content);
    removed.remove(role);
  }

  /** Marks a deleted delegation's file: it leaves the snapshot. */
  public void removeFile(String role) {
    staged.remove(role);
    removed.add(role);
  }

  /** Whether a role's staged content differs from what was loaded. */
  public boolean changed() {
    for (Map.Entry<String, Targets> e : staged.entrySet()) {
      if (!tree.file(e.getKey())
          .map(f -> f.targets().toJson().equals(e.getValue().toJson()))
          .orElse(false)) {
        return true;
      }
    }
    return !removed.isEmpty();
  }

  /** Signs every staged file and publishes them, with a new snapshot, in one upload. */
  public Publisher.Published publish(
      NotaryServer server, MetadataCache cache, Keyring keyring, Clock clock) throws KeysException {
    String gun = tree.state().gun();
    Instant expires = clock.instant().plus(Expiry.TARGETS);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (Map.Entry<String, Targets> e : staged.entrySet()) {
      String role = e.getKey();
      Targets t = e.getValue();
      long version = tree.versionOnServer(role).orElse(0L) + 1;
      Targets next =
          new Targets(version, expires, t.targets(), t.delegationKeys(), t.delegationRoles());
      Map<String, TufKey> keys;
      int threshold;
      if (role.equals("targets")) {
        keys = tree.state().root().keysOf("targets");
        threshold = tree.state().root().role("targets").threshold();
      } else {
        Targets parent = current(Delegations.parentOf(role));
        DelegatedRole d =
            parent
                .delegation(role)
                .orElseThrow(
                    () ->
                        new MetadataException(
                            "no delegation "
                                + role
                                + " in "
                                + Delegations.parentOf(role)
                                + " of "
                                + gun));
        keys = new LinkedHashMap<>();
        for (String id : d.keyIds()) {
          TufKey k = parent.delegationKeys().get(id);
          if (k != null) {
            keys.put(id, k);
          }
        }
        threshold = d.threshold();
      }
      List<KeyedSigner> signers = RoleSigners.forThreshold(gun, role, keys, threshold, keyring);
      try {
        files.put(role, MetadataSigning.sign(next.toJson(), signers).toBytes());
      } finally {
        RootSigners.closeAll(signers);
      }
    }
    Publisher.Published p =
        new Publisher(server, cache, keyring, clock)
            .publish(gun, tree.state().root(), files, tree.state().snapshot(), removed);
    for (String r : removed) {
      cache.delete(gun, r);
    }
    return p;
  }
}
