package dev.trustkeys.notary;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf.DelegatedRole;
import dev.trustkeys.tuf.Delegations;
import dev.trustkeys.tuf.FileMeta;
import dev.trustkeys.tuf.TargetFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code docker trust inspect} reports of a repository, computed as Docker computes it: the
 * released tags (those signed into targets or targets/releases, by name and SHA-256) with the
 * signers that signed the same tag and digest into their own role, the signers (delegations other
 * than targets/releases, with canonical key IDs), and the root and repository (targets) keys as
 * root.json lists them.
 */
public final class TrustInspector {
  /** Docker shows no signer for targets and targets/releases. */
  static final Set<String> NOT_SIGNERS =
      Set.of(Tags.RELEASES, "root", "snapshot", "targets", "timestamp");

  private final TrustSession session;

  public TrustInspector(TrustSession session) {
    this.session = session;
  }

  /**
   * A released tag; {@code signers} in the order Notary walks the roles (empty: the repository's
   * admin).
   */
  public record TagRow(String tag, String digest, List<String> signers) {}

  /** A signer and its keys. */
  public record SignerKeys(String name, List<String> keyIds) {}

  /** The report of one repository. */
  public record Report(
      String gun,
      List<TagRow> tags,
      List<SignerKeys> signers,
      List<String> rootKeyIds,
      List<String> repositoryKeyIds) {}

  /** Inspects {@code gun}; with a tag, only that tag's rows. */
  public Report inspect(String gun, Optional<String> tag) throws KeysException {
    TargetsTree tree = session.read(gun);
    Map<List<String>, List<String>> released = new LinkedHashMap<>();
    List<String[]> all = new ArrayList<>();
    for (TargetsTree.RoleFile f : tree.files()) {
      if (tag.isPresent() && !Delegations.checkPaths(tag.get(), f.role().paths())) {
        continue;
      }
      for (Map.Entry<String, FileMeta> t : TargetFiles.all(f.targets()).entrySet()) {
        if (tag.isPresent() && !tag.get().equals(t.getKey())) {
          continue;
        }
        String role = f.role().name();
        all.add(new String[] {t.getKey(), TargetFiles.sha256Hex(t.getValue()), role});
        if (isReleased(role)) {
          released.put(List.of(t.getKey(), TargetFiles.sha256Hex(t.getValue())), new ArrayList<>());
        }
      }
    }
    for (String[] t : all) {
      List<String> signers = released.get(List.of(t[0], t[1]));
      if (signers != null && !isReleased(t[2])) {
        signers.add(signerName(t[2]));
      }
    }
    List<TagRow> rows = new ArrayList<>();
    released.forEach((k, v) -> rows.add(new TagRow(k.get(0), k.get(1), List.copyOf(v))));
    rows.sort((a, b) -> NaturalOrder.compare(a.tag(), b.tag()));
    Map<String, List<String>> signerKeys = new LinkedHashMap<>();
    for (DelegatedRole d : tree.delegations()) {
      if (!NOT_SIGNERS.contains(d.name())) {
        signerKeys.put(signerName(d.name()), d.keyIds());
      }
    }
    List<SignerKeys> signers = new ArrayList<>();
    signerKeys.forEach((n, ids) -> signers.add(new SignerKeys(n, List.copyOf(ids))));
    return new Report(
        gun,
        rows,
        signers,
        tree.state().root().role("root").keyIds(),
        tree.state().root().role("targets").keyIds());
  }

  static boolean isReleased(String role) {
    return role.equals("targets") || role.equals(Tags.RELEASES);
  }

  /** Docker's name of a signer role: {@code targets/alice} is alice. */
  static String signerName(String role) {
    return role.startsWith("targets/") ? role.substring("targets/".length()) : role;
  }
}
