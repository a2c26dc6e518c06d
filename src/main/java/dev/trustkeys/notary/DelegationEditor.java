package dev.trustkeys.notary;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.Untrusted;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.tuf.DelegatedRole;
import dev.trustkeys.tuf.Delegations;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.Targets;
import dev.trustkeys.tuf.TufKey;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code notary delegation add|remove|list}, published at once (Notary stages the change until
 * {@code publish}): a delegation lives in its parent's file ({@code targets.json} for {@code
 * targets/x}, {@code targets/x.json} for {@code targets/x/y}), so changing it needs enough of the
 * parent's keys here. Its keys may be anywhere: files, a YubiKey, a PKCS#11 token.
 */
public final class DelegationEditor {
  private final TrustSession session;

  public DelegationEditor(TrustSession session) {
    this.session = session;
  }

  /**
   * A delegation after a change: canonical key IDs, threshold, paths; {@code exists} false once
   * removed.
   */
  public record Result(
      String gun,
      String role,
      boolean exists,
      List<String> keyIds,
      int threshold,
      List<String> paths,
      boolean changed) {}

  /** The repository's delegations (all levels, breadth first), with canonical key IDs. */
  public List<DelegatedRole> list(String gun) throws KeysException {
    return session.read(gun).delegations();
  }

  /**
   * Adds keys and paths to delegation {@code role}, creating it (with threshold 1 unless given)
   * when it does not exist, which needs a key. Paths must lie within the parent's; {@code ""}
   * admits every name.
   */
  public Result add(
      String gun, String role, List<TufKey> keys, List<String> paths, OptionalInt threshold)
      throws KeysException {
    checkName(role);
    if (keys.isEmpty() && paths.isEmpty() && threshold.isEmpty()) {
      throw new UsageException("nothing to add to " + role + ": no key, no paths and no threshold");
    }
    TargetsEdit edit = session.open(gun);
    String parent = parentOf(edit, role);
    TargetsTree.RoleView parentView = edit.tree().role(parent).orElseThrow();
    if (Delegations.restrict(parentView.paths(), paths).size() != paths.size()) {
      throw new UsageException(
          "invalid paths to add to "
              + role
              + ": they must lie within the paths of "
              + parent
              + " "
              + parentView.paths());
    }
    Targets updated =
        Delegations.update(
            edit.current(parent),
            role,
            new Delegations.Change(keys, List.of(), paths, List.of(), false, threshold));
    return stage(edit, parent, role, updated, threshold);
  }

  /**
   * Removes keys (canonical IDs, or prefixes of 7+ characters) and paths from {@code role}, or all
   * its paths; with neither, the whole delegation. Keys and paths it does not have are an error,
   * not a silent no-op.
   */
  public Result remove(
      String gun, String role, List<String> keyIds, List<String> paths, boolean allPaths)
      throws KeysException {
    checkName(role);
    TargetsEdit edit = session.open(gun);
    String parent = parentOf(edit, role);
    Targets current = edit.current(parent);
    DelegatedRole d =
        current
            .delegation(role)
            .orElseThrow(
                () ->
                    new KeysException(
                        gun + " has no delegation " + role,
                        ExitCode.NOT_FOUND,
                        Remedy.forGun(Remedy.Kind.LIST_DELEGATIONS, gun),
                        null));
    if (keyIds.isEmpty() && paths.isEmpty() && !allPaths) {
      edit.put(parent, Delegations.remove(current, role));
      edit.removeFile(role);
      session.publish(edit);
      return new Result(gun, role, false, List.of(), 0, List.of(), true);
    }
    List<String> drop = new ArrayList<>();
    for (String wanted : keyIds) {
      String prefix = wanted.trim().toLowerCase(java.util.Locale.ROOT);
      List<String> found = new ArrayList<>();
      for (String id : d.keyIds()) {
        TufKey k = current.delegationKeys().get(id);
        if (k != null && k.canonicalId().hex().startsWith(prefix) && !found.contains(id)) {
          found.add(id);
        }
      }
      if (prefix.length() < KeyId.MIN_PREFIX || found.size() > 1) {
        String more =
            found.size() > 1
                ? "more characters of its ID"
                : "at least " + KeyId.MIN_PREFIX + " characters of its ID";
        throw new UsageException(
            Untrusted.quote(wanted) + " does not name one key of " + role + ": give " + more);
      }
      if (found.isEmpty()) {
        throw new KeysException(
            "key " + Untrusted.quote(wanted) + " is not a key of " + role + " of " + gun,
            ExitCode.NOT_FOUND,
            Remedy.forGun(Remedy.Kind.LIST_DELEGATIONS, gun),
            null);
      }
      drop.add(found.get(0));
    }
    for (String p : paths) {
      if (!d.paths().contains(p)) {
        throw new KeysException(
            role
                + " of "
                + gun
                + " has no path "
                + Untrusted.quote(p)
                + " (its paths: "
                + d.paths()
                + ")",
            ExitCode.NOT_FOUND);
      }
    }
    Targets updated =
        Delegations.update(
            current,
            role,
            new Delegations.Change(
                List.of(), drop, List.of(), paths, allPaths, OptionalInt.empty()));
    return stage(edit, parent, role, updated, OptionalInt.empty());
  }

  private Result stage(
      TargetsEdit edit, String parent, String role, Targets updated, OptionalInt threshold)
      throws KeysException {
    String gun = edit.tree().state().gun();
    DelegatedRole d = updated.delegation(role).orElseThrow();
    List<String> ids = new ArrayList<>();
    for (String id : d.keyIds()) {
      TufKey k = updated.delegationKeys().get(id);
      ids.add(k == null ? id : k.canonicalId().hex());
    }
    int distinct = MetadataSigning.distinctKeys(d.keyIds(), updated.delegationKeys());
    if (threshold.isPresent() && threshold.getAsInt() > distinct) {
      throw new UsageException(
          "a threshold of "
              + threshold.getAsInt()
              + " for "
              + role
              + " needs as many different"
              + " keys, but it has "
              + distinct
              + " (a key listed twice counts once)");
    }
    if (distinct < d.threshold()) {
      session
          .warnings()
          .accept(
              role
                  + " of "
                  + gun
                  + " has fewer keys ("
                  + distinct
                  + ") than its"
                  + " threshold of "
                  + d.threshold()
                  + "; it will not be usable until keys are added to it");
    }
    edit.put(parent, updated);
    boolean changed = edit.changed();
    if (changed) {
      session.publish(edit);
    }
    return new Result(gun, role, true, ids, d.threshold(), d.paths(), changed);
  }

  /**
   * A delegation's name: {@code targets/NAME} (or deeper), each part letters, digits, {@code _ .
   * -}.
   */
  public static void checkName(String role) throws UsageException {
    if (!role.startsWith("targets/") || !dev.trustkeys.core.Role.of(role).isDelegation()) {
      throw new UsageException(
          "invalid delegation name "
              + Untrusted.quote(role)
              + ": delegations are named targets/NAME");
    }
  }

  /** The parent of a delegation, which must be a valid role of the repository. */
  private static String parentOf(TargetsEdit edit, String role) throws KeysException {
    String parent = Delegations.parentOf(role);
    if (edit.tree().role(parent).isEmpty()) {
      throw new KeysException(
          edit.tree().state().gun()
              + " has no delegation "
              + parent
              + " to delegate "
              + role
              + " from: add "
              + parent
              + " first",
          ExitCode.NOT_FOUND);
    }
    return parent;
  }
}
