package dev.trustkeys.tuf1;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.Signer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Adds signatures to a staged role file of any tool's repository (a tuf-on-ci signing event, a
 * root-signing ceremony) and changes nothing else: the signature goes where the key's {@code ""}
 * placeholder was, or at the end, and the file keeps its tool's format, so the new file differs
 * from the old by the signature alone. The file is {@code metadata/ROLE.json} of a working tree,
 * else the newest {@code N.ROLE.json}; for root, tuf-on-ci's copy in {@code root_history/} (or
 * {@code metadata/N.root.json}) is updated with it when it held the same bytes.
 *
 * <p>Who may sign: the role's keys as the repository names them (root: the file's own root keys and
 * those of the previous root, for a rotation; targets, snapshot, timestamp: the newest root; a
 * delegated role: its delegator).
 */
public final class RoleFileSigner {
  private RoleFileSigner() {}

  /** What was signed: the file(s) written and the key IDs that signed. */
  public record Result(
      List<Path> written,
      List<String> signedBy,
      List<String> alreadySigned,
      List<String> warnings) {}

  /**
   * Signs {@code role} with every key of it held in {@code source}, or only {@code only} when given
   * (a key of the role, matched by its public key).
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public static Result sign(Path repo, String role, PublicKey only, KeySource source)
      throws KeysException {
    RepositoryFiles files = RepositoryFiles.open(repo);
    Path file = stagedFile(files, role);
    byte[] original = files.read(file);
    Metadata md = files.readMetadata(file);
    Map<String, Tuf1Key> eligible = eligibleKeys(files, role, md);
    byte[] message = md.signedBytes();
    List<String> signedBy = new ArrayList<>();
    List<String> already = new ArrayList<>();
    boolean matched = false;
    for (Tuf1Key k : eligible.values()) {
      if (only != null && !Tuf1Dialect.sameKey(k.publicKey(), only)) {
        continue;
      }
      matched = true;
      if (validSignature(md, k, message)) {
        already.add(k.id());
        continue;
      }
      Optional<Signer> s = source.signer(k);
      if (s.isPresent()) {
        SignatureValue v = RoleSigning.sign(s.get(), k, message);
        md.putSignature(k.id(), v);
        signedBy.add(k.id());
      }
    }
    if (only != null && !matched) {
      throw new KeysException(
          "that key is not one of the keys of "
              + role
              + " in "
              + file
              + " (its keys: "
              + SignatureCheck.shortIds(new ArrayList<>(eligible.keySet()))
              + ")",
          ExitCode.USAGE);
    }
    List<String> warnings = new ArrayList<>();
    for (Tuf1Key k : eligible.values()) {
      if (!k.idCompliant() && (signedBy.contains(k.id()) || already.contains(k.id()))) {
        warnings.add(
            "key "
                + k.id()
                + " is listed under an ID that is not the SHA-256 of its key object (the rule"
                + " gives "
                + k.computedId()
                + "); its signature uses the ID the file lists");
      }
    }
    if (signedBy.isEmpty()) {
      if (!already.isEmpty()) {
        return new Result(List.of(), signedBy, already, warnings);
      }
      throw new KeysException(
          "none of the keys of "
              + role
              + " is held here (its keys: "
              + describe(eligible)
              + "): plug in the YubiKey or token that holds yours",
          ExitCode.NOT_FOUND);
    }
    byte[] updated = md.toBytes();
    List<Path> targets = new ArrayList<>(List.of(file));
    if (role.equals("root")) {
      for (Path copy :
          List.of(
              files.metadataDir().resolve("root_history").resolve(md.version() + ".root.json"),
              files.versioned("root", md.version()))) {
        if (!copy.equals(file)
            && Files.isRegularFile(copy)
            && Arrays.equals(files.read(copy), original)) {
          targets.add(copy);
        }
      }
    }
    try (RepositoryLock lock = RepositoryLock.acquire(files.root())) {
      files.unchangedSinceRead();
      for (Path p : targets) {
        files.write(p, updated);
      }
    }
    return new Result(targets, signedBy, already, warnings);
  }

  /**
   * The file a signer signs: {@code ROLE.json} of a working tree, else the newest {@code
   * N.ROLE.json}.
   */
  static Path stagedFile(RepositoryFiles files, String role) throws KeysException {
    Path working = files.unversioned(role);
    if (Files.isRegularFile(working)) {
      return working;
    }
    if (role.equals("root")) {
      TreeMap<Long, Path> roots = files.rootVersions();
      if (!roots.isEmpty()) {
        return roots.lastEntry().getValue();
      }
    }
    return files
        .latest(role)
        .orElseThrow(
            () ->
                new KeysException(
                    "no metadata of role '" + role + "' in " + files.metadataDir(),
                    ExitCode.NOT_FOUND));
  }

  private static Map<String, Tuf1Key> eligibleKeys(RepositoryFiles files, String role, Metadata md)
      throws KeysException {
    Map<String, Tuf1Key> out = new LinkedHashMap<>();
    if (role.equals("root")) {
      Root self = Root.of(md);
      add(out, self.keys(), self.role("root"));
      Path previous = files.rootVersions().get(md.version() - 1);
      if (previous != null) {
        Root prev = Root.of(files.readMetadata(previous));
        add(out, prev.keys(), prev.role("root"));
      }
      return out;
    }
    Root root = Root.of(files.readMetadata(stagedFile(files, "root")));
    if (Metadata.TYPES.contains(role)) {
      add(out, root.keys(), root.role(role));
      return out;
    }
    List<String> names = new ArrayList<>(List.of("targets"));
    for (int i = 0; i < names.size(); i++) {
      Optional<Path> p = Optional.of(files.unversioned(names.get(i))).filter(Files::isRegularFile);
      p = p.isPresent() ? p : files.latest(names.get(i));
      if (p.isEmpty()) {
        continue;
      }
      Targets t = Targets.of(files.readMetadata(p.get()));
      for (Delegation d : t.delegations()) {
        if (d.name().equals(role)) {
          add(out, t.delegationKeys(), d.keys());
          return out;
        }
        names.add(d.name());
      }
    }
    throw new KeysException(
        "no role of " + files.root() + " delegates '" + role + "'", ExitCode.NOT_FOUND);
  }

  private static void add(Map<String, Tuf1Key> out, Map<String, Tuf1Key> keys, RoleKeys role) {
    for (String id : role.keyIds()) {
      if (keys.containsKey(id)) {
        out.putIfAbsent(id, keys.get(id));
      }
    }
  }

  private static boolean validSignature(Metadata md, Tuf1Key k, byte[] message) {
    for (Metadata.Signature s : md.signatures()) {
      if (s.keyId().equals(k.id())
          && !s.isPlaceholder()
          && SignatureCheck.verifies(k, s.sig(), message)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Map<String, Tuf1Key> keys) {
    List<String> out = new ArrayList<>();
    for (Tuf1Key k : keys.values()) {
      out.add(k.id().substring(0, 7) + (k.owner() != null ? " " + k.owner() : ""));
    }
    return String.join(", ", out);
  }
}
