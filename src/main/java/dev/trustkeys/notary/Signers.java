package dev.trustkeys.notary;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.Confirmation;
import dev.trustkeys.tuf.DelegatedRole;
import dev.trustkeys.tuf.Delegations;
import dev.trustkeys.tuf.Targets;
import dev.trustkeys.tuf.TufKey;
import dev.trustkeys.tuf.TufSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signers as {@code docker trust signer add|remove} manage them: a signer NAME is the delegation
 * {@code targets/NAME}, and each of its keys is also a key of {@code targets/releases}, the role
 * Docker pulls released tags from. Both delegations admit every tag (path {@code ""}).
 */
public final class Signers {
  private final TrustSession session;

  public Signers(TrustSession session) {
    this.session = session;
  }

  /**
   * What {@code add} did: whether the repository had to be created first, and the signer's keys
   * (canonical IDs).
   */
  public record Added(
      String gun,
      String name,
      boolean initialized,
      List<String> keyIds,
      boolean changed,
      boolean snapshotByServer) {}

  /**
   * Docker's rule for signer names: lowercase letters and digits, then also - and _; "releases" is
   * reserved.
   */
  public static void checkName(String name) throws UsageException {
    boolean ok = !name.isEmpty() && lowerAlnum(name.charAt(0));
    for (int i = 1; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      ok = lowerAlnum(c) || c == '-' || c == '_';
    }
    if (!ok) {
      throw new UsageException(
          "signer name \""
              + name
              + "\" must start with lowercase alphanumeric characters and"
              + " can include \"-\" or \"_\" after the first character");
    }
    if (name.equals("releases")) {
      throw new UsageException("releases is a reserved keyword, use a different signer name");
    }
  }

  private static boolean lowerAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }

  /**
   * Adds signer {@code name} with {@code keys} to {@code gun}. A repository the server does not
   * have yet is first created as {@code docker trust signer add} does: the root key found here (a
   * YubiKey's first) or a new one, a new targets key, and a snapshot key held by the server.
   */
  public Added add(String gun, String name, List<TufKey> keys) throws KeysException {
    checkName(name);
    if (keys.isEmpty()) {
      throw new UsageException(
          "a signer needs at least one public key",
          dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.NAME_PUBLIC_KEY));
    }
    boolean initialized = false;
    TargetsEdit edit;
    try {
      edit = session.open(gun);
    } catch (RepositoryNotFoundException e) {
      new RepositoryInitializer(
              session.server(), session.cache(), session.keyring(), session.clock())
          .init(gun, Optional.empty(), true);
      initialized = true;
      edit = session.open(gun);
    }
    Targets targets = edit.current("targets");
    Delegations.Change change = Delegations.Change.addKeysAndPaths(keys, List.of(""));
    targets = Delegations.update(targets, "targets/" + name, change);
    targets = Delegations.update(targets, Tags.RELEASES, change);
    edit.put("targets", targets);
    List<String> ids = new ArrayList<>();
    for (TufKey k : keys) {
      ids.add(k.canonicalId().hex());
    }
    if (!edit.changed()) {
      return new Added(gun, name, initialized, ids, false, false);
    }
    Publisher.Published p = session.publish(edit);
    return new Added(gun, name, initialized, ids, true, p.snapshotByServer());
  }

  /** What {@code remove} did; {@code removed} is false when the person declined. */
  public record Removed(String gun, String name, boolean removed, boolean wasLastSigner) {}

  /**
   * Removes signer {@code name}: its delegation, and its keys from targets/releases. When the
   * signatures left on targets/releases would no longer meet its threshold (the signer signed the
   * last release), {@code confirm} is asked first with Docker's question.
   */
  public Removed remove(String gun, String name, Confirmation confirm) throws KeysException {
    String role = "targets/" + name;
    if (role.equals(Tags.RELEASES)) {
      throw new UsageException("releases is a reserved keyword and cannot be removed");
    }
    TargetsEdit edit = session.open(gun);
    DelegatedRole signer = null;
    for (DelegatedRole d : edit.tree().delegations()) {
      if (d.name().equals(role)) {
        signer = d;
      }
    }
    if (signer == null) {
      throw new KeysException("no signer " + name + " for repository " + gun, ExitCode.NOT_FOUND);
    }
    boolean last = isLastSignerOfReleases(edit.tree(), signer);
    if (last
        && !confirm.confirm(
            "The signer \""
                + name
                + "\" signed the last released version of "
                + gun
                + ". "
                + "Removing this signer will make "
                + gun
                + " unpullable. Are you sure you want to continue?")) {
      return new Removed(gun, name, false, true);
    }
    Targets targets = edit.current("targets");
    Optional<DelegatedRole> releases = targets.delegation(Tags.RELEASES);
    if (releases.isPresent()) {
      List<String> drop = new ArrayList<>();
      for (String id : releases.get().keyIds()) {
        TufKey k = targets.delegationKeys().get(id);
        if (k != null && signer.keyIds().contains(k.canonicalId().hex())) {
          drop.add(id);
        }
      }
      targets = Delegations.update(targets, Tags.RELEASES, Delegations.Change.removeKeys(drop));
      DelegatedRole after = targets.delegation(Tags.RELEASES).orElseThrow();
      if (after.keyIds().size() < after.threshold()) {
        session
            .warnings()
            .accept(
                Tags.RELEASES
                    + " of "
                    + gun
                    + " has fewer keys ("
                    + after.keyIds().size()
                    + ") than its threshold of "
                    + after.threshold()
                    + "; it will not be usable until keys are added to it");
      }
    }
    edit.put("targets", Delegations.remove(targets, role));
    edit.removeFile(role);
    session.publish(edit);
    return new Removed(gun, name, true, last);
  }

  /**
   * Docker's {@code isLastSignerForReleases}: the signatures on targets/releases, less those of the
   * signer's keys, fall below its threshold. Unlike Docker, a targets/releases that carries no
   * signature yet (nothing released) is no reason to refuse: no release depends on the signer.
   */
  static boolean isLastSignerOfReleases(TargetsTree tree, DelegatedRole signer)
      throws KeysException {
    Optional<TargetsTree.RoleFile> releases = tree.file(Tags.RELEASES);
    if (releases.isEmpty() || releases.get().doc().signatures().isEmpty()) {
      return false;
    }
    int counter = 0;
    for (TufSignature s : releases.get().doc().signatures()) {
      TufKey k = releases.get().role().keys().get(s.keyId());
      String canonical = k == null ? s.keyId() : k.canonicalId().hex();
      if (!signer.keyIds().contains(canonical)) {
        counter++;
      }
    }
    return counter < releases.get().role().threshold();
  }
}
