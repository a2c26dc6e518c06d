package dev.trustkeys.tuf1;

import dev.trustkeys.core.KeysException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each role of a repository as it stands (the newest file of each, in either layout): version,
 * expiry, threshold, and per key who owns it, where it is held here, and whether it has signed.
 */
public final class RepositoryStatus {
  private RepositoryStatus() {}

  /** One key of a role: signed (valid signature), invalid, or pending (placeholder or none). */
  public record KeyStatus(String id, String owner, String heldAt, String signature) {}

  public record RoleStatus(
      String role,
      long version,
      Instant expires,
      int threshold,
      List<KeyStatus> keys,
      String file) {
    public long signedCount() {
      return keys.stream().filter(k -> k.signature().equals("signed")).count();
    }
  }

  public static List<RoleStatus> of(Path repo, KeySource source) throws KeysException {
    RepositoryFiles files = RepositoryFiles.open(repo);
    Metadata rootMd = files.readMetadata(RoleFileSigner.stagedFile(files, "root"));
    Root root = Root.of(rootMd);
    List<RoleStatus> out = new ArrayList<>();
    out.add(status(files, "root", rootMd, root.keys(), root.role("root"), source));
    for (String r : List.of("targets", "snapshot", "timestamp")) {
      Optional<Path> p = newest(files, r);
      if (p.isPresent()) {
        out.add(status(files, r, files.readMetadata(p.get()), root.keys(), root.role(r), source));
      }
    }
    List<String> names = new ArrayList<>(List.of("targets"));
    for (int i = 0; i < names.size(); i++) {
      Optional<Path> p = newest(files, names.get(i));
      if (p.isEmpty()) {
        continue;
      }
      Targets t = Targets.of(files.readMetadata(p.get()));
      for (Delegation d : t.delegations()) {
        if (names.contains(d.name())) {
          continue;
        }
        names.add(d.name());
        Optional<Path> dp = newest(files, d.name());
        if (dp.isPresent()) {
          out.add(
              status(
                  files,
                  d.name(),
                  files.readMetadata(dp.get()),
                  t.delegationKeys(),
                  d.keys(),
                  source));
        }
      }
    }
    return out;
  }

  private static Optional<Path> newest(RepositoryFiles files, String role) throws KeysException {
    Path working = files.unversioned(role);
    return Files.isRegularFile(working) ? Optional.of(working) : files.latest(role);
  }

  private static RoleStatus status(
      RepositoryFiles files,
      String role,
      Metadata md,
      Map<String, Tuf1Key> keys,
      RoleKeys roleKeys,
      KeySource source)
      throws KeysException {
    SignatureCheck check = SignatureCheck.of(md, keys, roleKeys);
    List<KeyStatus> ks = new ArrayList<>();
    for (String id : roleKeys.keyIds()) {
      Tuf1Key k = keys.get(id);
      String held = null;
      if (k != null) {
        try {
          held = source.location(k).orElse(null);
        } catch (dev.trustkeys.metadata.MetadataFormatException e) {
          held = null;
        }
      }
      String sig =
          check.signed().contains(id)
              ? "signed"
              : check.invalid().contains(id) ? "invalid" : "pending";
      ks.add(new KeyStatus(id, k == null ? null : k.owner(), held, sig));
    }
    return new RoleStatus(
        role,
        md.version(),
        md.expires(),
        roleKeys.threshold(),
        ks,
        files.root().relativize(fileOf(files, role, md)).toString());
  }

  private static Path fileOf(RepositoryFiles files, String role, Metadata md) throws KeysException {
    Path working = files.unversioned(role);
    if (Files.isRegularFile(working)) {
      return working;
    }
    return files.at(role, md.version()).orElse(working);
  }
}
