package dev.trustkeys.tuf;

import dev.trustkeys.core.UsageException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Edits of the delegations a targets-role file makes, with Notary's semantics ({@code tuf.Repo}'s
 * delegation visitor): paths are removed, cleared, then added; keys are removed, then added when
 * missing; a delegation that does not exist yet is created with the keys given and threshold 1;
 * keys that no delegation uses any more leave the file. Paths are prefixes: {@code ""} stands for
 * every name.
 */
public final class Delegations {
  private Delegations() {}

  /**
   * What to change in one delegation. Key IDs are the IDs the file uses (x509 IDs for certificate
   * keys).
   */
  public record Change(
      List<TufKey> addKeys,
      Collection<String> removeKeyIds,
      List<String> addPaths,
      Collection<String> removePaths,
      boolean clearPaths,
      OptionalInt threshold) {
    public Change {
      addKeys = List.copyOf(addKeys);
      removeKeyIds = List.copyOf(removeKeyIds);
      addPaths = List.copyOf(addPaths);
      removePaths = List.copyOf(removePaths);
    }

    public static Change addKeysAndPaths(List<TufKey> keys, List<String> paths) {
      return new Change(keys, List.of(), paths, List.of(), false, OptionalInt.empty());
    }

    public static Change removeKeys(Collection<String> keyIds) {
      return new Change(List.of(), keyIds, List.of(), List.of(), false, OptionalInt.empty());
    }
  }

  /**
   * {@code parent} with delegation {@code name} changed (created when missing, which needs a key).
   * Version and expiry stay; the caller publishes the next version. A threshold, when given, must
   * be between 1 and the number of keys the delegation has afterwards.
   */
  public static Targets update(Targets parent, String name, Change c) throws UsageException {
    DelegatedRole old = parent.delegation(name).orElse(null);
    if (old == null && c.addKeys().isEmpty()) {
      throw new UsageException(
          "there is no delegation " + name + " yet: give at least one key to create it");
    }
    List<String> paths = new ArrayList<>(old == null ? List.of() : old.paths());
    paths.removeAll(c.removePaths());
    if (c.clearPaths()) {
      paths.clear();
    }
    merge(paths, c.addPaths());
    List<String> ids = new ArrayList<>(old == null ? List.of() : old.keyIds());
    ids.removeAll(c.removeKeyIds());
    Map<String, TufKey> keys = new LinkedHashMap<>(parent.delegationKeys());
    for (TufKey k : c.addKeys()) {
      String id = k.id().hex();
      if (!ids.contains(id)) {
        ids.add(id);
      }
      keys.put(id, k);
    }
    int threshold = c.threshold().orElse(old == null ? 1 : old.threshold());
    if (c.threshold().isPresent() && (threshold < 1 || threshold > ids.size())) {
      throw new UsageException(
          "the threshold of "
              + name
              + " must be between 1 and its number of keys ("
              + ids.size()
              + "), not "
              + threshold);
    }
    List<DelegatedRole> roles = new ArrayList<>(parent.delegationRoles());
    DelegatedRole updated = new DelegatedRole(name, ids, threshold, paths);
    if (old == null) {
      roles.add(updated);
    } else {
      roles.set(roles.indexOf(old), updated);
    }
    return withoutUnusedKeys(
        new Targets(parent.version(), parent.expires(), parent.targets(), keys, roles));
  }

  /** {@code parent} without delegation {@code name} (unchanged if it has none). */
  public static Targets remove(Targets parent, String name) {
    List<DelegatedRole> roles = new ArrayList<>(parent.delegationRoles());
    roles.removeIf(r -> r.name().equals(name));
    return withoutUnusedKeys(
        new Targets(
            parent.version(), parent.expires(), parent.targets(), parent.delegationKeys(), roles));
  }

  /** Notary's {@code RemoveUnusedKeys}: only keys some delegation names stay in the file. */
  static Targets withoutUnusedKeys(Targets t) {
    Map<String, TufKey> keys = new LinkedHashMap<>();
    for (DelegatedRole r : t.delegationRoles()) {
      for (String id : r.keyIds()) {
        TufKey k = t.delegationKeys().get(id);
        if (k != null) {
          keys.put(id, k);
        }
      }
    }
    return new Targets(t.version(), t.expires(), t.targets(), keys, t.delegationRoles());
  }

  /** Whether {@code name} is under one of the path prefixes ({@code ""} admits every name). */
  public static boolean checkPaths(String name, List<String> permitted) {
    for (String p : permitted) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The paths of a child that lie within its parent's paths (Notary's {@code
   * RestrictDelegationPathPrefixes}).
   */
  public static List<String> restrict(List<String> parentPaths, List<String> childPaths) {
    List<String> out = new ArrayList<>();
    for (String c : childPaths) {
      for (String p : parentPaths) {
        if (c.startsWith(p)) {
          out.add(c);
          break;
        }
      }
    }
    return out;
  }

  /**
   * Whether {@code child} is a direct child of {@code parent} ({@code targets/a} of {@code
   * targets}).
   */
  public static boolean isChildOf(String child, String parent) {
    int slash = child.lastIndexOf('/');
    return slash > 0 && child.substring(0, slash).equals(parent);
  }

  /**
   * The parent of a delegation: {@code targets} for {@code targets/a}, {@code targets/a} for {@code
   * targets/a/b}.
   */
  public static String parentOf(String delegation) {
    int slash = delegation.lastIndexOf('/');
    if (slash <= 0) {
      throw new IllegalArgumentException(delegation + " is not a delegation");
    }
    return delegation.substring(0, slash);
  }

  private static void merge(List<String> into, List<String> add) {
    for (String p : add) {
      if (!into.contains(p)) {
        into.add(p);
      }
    }
  }
}
