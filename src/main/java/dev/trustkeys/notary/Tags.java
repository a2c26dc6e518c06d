package dev.trustkeys.notary;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.tuf.DelegatedRole;
import dev.trustkeys.tuf.Delegations;
import dev.trustkeys.tuf.FileMeta;
import dev.trustkeys.tuf.TargetFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signed tags as {@code docker trust sign} and {@code docker trust revoke} make them, without a
 * Docker daemon: a tag is an entry of a targets-role file naming the image manifest's SHA-256 and
 * length. The roles are the ones Docker chooses ({@link #signableRoles}); several tags are signed
 * or revoked in one publication.
 */
public final class Tags {
  /**
   * Docker's role for released images; {@code docker trust signer add} also puts every signer's key
   * in it.
   */
  public static final String RELEASES = "targets/releases";

  private final TrustSession session;

  public Tags(TrustSession session) {
    this.session = session;
  }

  /** What a signing or revocation changed. */
  public record Result(
      String gun,
      List<String> tags,
      Map<String, List<String>> tagsByRole,
      List<String> stillSigned,
      boolean snapshotByServer) {}

  /**
   * Signs {@code tags} (name to manifest length and hashes) into {@code roles}, or when none are
   * given, into the roles {@code docker trust sign} would choose for each tag.
   */
  public Result sign(String gun, Map<String, FileMeta> tags, List<String> roles)
      throws KeysException {
    TargetsEdit edit = session.open(gun);
    Map<String, List<String>> byRole = new LinkedHashMap<>();
    for (Map.Entry<String, FileMeta> t : tags.entrySet()) {
      List<String> into =
          roles.isEmpty()
              ? signableRoles(edit.tree(), t.getKey())
              : checked(edit.tree(), roles, t.getKey());
      for (String role : into) {
        byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(t.getKey());
      }
    }
    for (Map.Entry<String, List<String>> e : byRole.entrySet()) {
      Map<String, FileMeta> entries = new LinkedHashMap<>();
      e.getValue().forEach(tag -> entries.put(tag, tags.get(tag)));
      edit.put(e.getKey(), TargetFiles.with(edit.current(e.getKey()), entries));
    }
    Publisher.Published p = session.publish(edit);
    return new Result(gun, List.copyOf(tags.keySet()), byRole, List.of(), p.snapshotByServer());
  }

  /**
   * Removes a tag (or, with none, every released tag: those of targets/releases and targets) from
   * every role Docker may sign it into here. Roles whose keys are not here keep it: {@link
   * Result#stillSigned} names them.
   */
  public Result revoke(String gun, Optional<String> tag) throws KeysException {
    TargetsEdit edit = session.open(gun);
    TargetsTree tree = edit.tree();
    List<String> names = new ArrayList<>();
    if (tag.isPresent()) {
      if (released(tree, tag.get()).isEmpty()) {
        throw new KeysException(
            "no valid trust data for "
                + tag.get()
                + " in "
                + gun
                + " (neither "
                + RELEASES
                + " nor targets signs it)",
            ExitCode.NOT_FOUND);
      }
      names.add(tag.get());
    } else {
      Set<String> all = new LinkedHashSet<>();
      for (String role : List.of(RELEASES, "targets")) {
        Optional<TargetsTree.RoleFile> f = tree.file(role);
        if (f.isPresent()) {
          all.addAll(f.get().targets().targets().keySet());
        }
      }
      if (all.isEmpty()) {
        throw new KeysException("no signed tags to remove in " + gun, ExitCode.NOT_FOUND);
      }
      names.addAll(all);
    }
    Map<String, List<String>> byRole = new LinkedHashMap<>();
    for (String name : names) {
      for (String role : signableRoles(tree, name)) {
        if (edit.current(role).targets().containsKey(name)) {
          byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(name);
        }
      }
    }
    List<String> still = new ArrayList<>();
    for (TargetsTree.RoleFile f : tree.files()) {
      for (String name : names) {
        boolean revoked = byRole.getOrDefault(f.role().name(), List.of()).contains(name);
        if (f.targets().targets().containsKey(name) && !revoked) {
          still.add(name + " in " + f.role().name());
        }
      }
    }
    if (byRole.isEmpty()) {
      throw new KeysException(
          "no role whose key is here signs "
              + String.join(", ", names)
              + " in "
              + gun
              + " (it is"
              + " signed in "
              + String.join("; ", still)
              + "): revoke it where those keys are",
          ExitCode.NOT_FOUND);
    }
    for (Map.Entry<String, List<String>> e : byRole.entrySet()) {
      edit.put(e.getKey(), TargetFiles.without(edit.current(e.getKey()), e.getValue()));
    }
    Publisher.Published p = session.publish(edit);
    return new Result(gun, names, byRole, still, p.snapshotByServer());
  }

  /**
   * The released entry of a tag: targets/releases first, then targets (Docker's {@code
   * GetTargetByName}).
   */
  static Optional<FileMeta> released(TargetsTree tree, String tag) throws KeysException {
    for (String role : List.of(RELEASES, "targets")) {
      Optional<TargetsTree.RoleFile> f = tree.file(role);
      if (f.isPresent()) {
        Optional<FileMeta> m = TargetFiles.get(f.get().targets(), tag);
        if (m.isPresent()) {
          return m;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Docker's {@code GetSignableRoles}: with no delegations, targets; otherwise every direct child
   * of targets whose paths admit the tag and one of whose keys is held here (a YubiKey, a token, a
   * key file, Docker's signer keys among them), and it is an error when there is none.
   */
  public List<String> signableRoles(TargetsTree tree, String tag) throws KeysException {
    List<DelegatedRole> delegations = tree.delegations();
    if (delegations.isEmpty()) {
      return List.of("targets");
    }
    List<String> out = new ArrayList<>();
    List<String> candidates = new ArrayList<>();
    for (DelegatedRole d : delegations) {
      if (!Delegations.isChildOf(d.name(), "targets") || !Delegations.checkPaths(tag, d.paths())) {
        continue;
      }
      candidates.add(d.name());
      Optional<TargetsTree.RoleView> view = tree.role(d.name());
      if (view.isPresent()
          && RoleSigners.anyHere(view.get().keys(), session.keyring())
          && !out.contains(d.name())) {
        out.add(d.name());
      }
    }
    if (out.isEmpty()) {
      throw new KeysException(
          "no key here can sign "
              + tag
              + " of "
              + tree.state().gun()
              + " into "
              + (candidates.isEmpty()
                  ? "any delegation (none admits the tag)"
                  : String.join(", ", candidates))
              + " (searched "
              + session.keyring().describeAll()
              + ")",
          ExitCode.NOT_FOUND,
          Remedy.of(Remedy.Kind.ADD_SIGNER_OR_NAME_ROLE),
          null);
    }
    return out;
  }

  /**
   * Roles named with --role: targets or a delegation of the repository whose paths admit the tag.
   */
  private static List<String> checked(TargetsTree tree, List<String> roles, String tag)
      throws KeysException {
    for (String r : roles) {
      Optional<TargetsTree.RoleView> v = tree.role(r);
      if (v.isEmpty()) {
        throw new UsageException(
            tree.state().gun() + " has no role " + r + ": use targets or one of its delegations",
            Remedy.forGun(Remedy.Kind.LIST_DELEGATIONS, tree.state().gun()));
      }
      if (!Delegations.checkPaths(tag, v.get().paths())) {
        throw new UsageException(
            r
                + " of "
                + tree.state().gun()
                + " may not sign "
                + tag
                + ": its paths are "
                + v.get().paths());
      }
    }
    return roles;
  }
}
