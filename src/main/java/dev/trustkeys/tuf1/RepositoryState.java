package dev.trustkeys.tuf1;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.metadata.MetadataFormatException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The newest metadata of a repository, as an editor starts from: the newest root, timestamp, the
 * snapshot it names, and every targets role the snapshot names. Read through {@link
 * RepositoryFiles}, which remembers what it read.
 */
final class RepositoryState {
  final RepositoryFiles files;
  final Metadata rootMd;
  final Root root;
  final Metadata timestamp;
  final Metadata snapshot;

  /** Targets roles by name ("targets" first, then delegated roles in snapshot order). */
  final Map<String, Metadata> targets = new LinkedHashMap<>();

  private RepositoryState(
      RepositoryFiles files, Metadata rootMd, Metadata timestamp, Metadata snapshot)
      throws MetadataFormatException {
    this.files = files;
    this.rootMd = rootMd;
    this.root = Root.of(rootMd);
    this.timestamp = timestamp;
    this.snapshot = snapshot;
  }

  static RepositoryState load(RepositoryFiles files) throws KeysException {
    TreeMap<Long, Path> roots = files.rootVersions();
    Path rootPath = roots.isEmpty() ? files.unversioned("root") : roots.lastEntry().getValue();
    Metadata rootMd = files.readMetadata(rootPath);
    Path ts = files.unversioned("timestamp");
    Metadata timestamp = files.readMetadata(ts);
    FileMeta snapMeta = RepositoryVerifier.Meta.of(timestamp).get("snapshot.json");
    if (snapMeta == null) {
      throw new MetadataFormatException("timestamp.json names no snapshot.json");
    }
    Metadata snapshot = files.readMetadata(need(files, "snapshot", snapMeta.version()));
    RepositoryState s = new RepositoryState(files, rootMd, timestamp, snapshot);
    for (Map.Entry<String, FileMeta> e : RepositoryVerifier.Meta.of(snapshot).entrySet()) {
      String name =
          e.getKey().endsWith(".json")
              ? e.getKey().substring(0, e.getKey().length() - 5)
              : e.getKey();
      String role = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
      s.targets.put(role, files.readMetadata(need(files, role, e.getValue().version())));
    }
    if (!s.targets.containsKey("targets")) {
      throw new MetadataFormatException("snapshot names no targets.json");
    }
    return s;
  }

  private static Path need(RepositoryFiles files, String role, long version) throws KeysException {
    return files
        .at(role, version)
        .orElseThrow(
            () ->
                new KeysException(
                    files.versioned(role, version) + " is missing: the repository is incomplete",
                    ExitCode.VERIFICATION_FAILED,
                    dev.trustkeys.core.Remedy.of(
                        dev.trustkeys.core.Remedy.Kind.VERIFY_TUF_REPOSITORY),
                    null));
  }

  /**
   * The role that delegates {@code role} and the delegation entry, or null for top-level and
   * unknown roles.
   */
  Map.Entry<String, Delegation> delegator(String role) throws MetadataFormatException {
    for (Map.Entry<String, Metadata> e : targets.entrySet()) {
      Delegation d = Targets.of(e.getValue()).delegation(role);
      if (d != null) {
        return Map.entry(e.getKey(), d);
      }
    }
    return null;
  }

  /** The keys that may sign targets role {@code role}, and its threshold. */
  Map.Entry<Map<String, Tuf1Key>, RoleKeys> signers(String role) throws KeysException {
    if (role.equals("targets")) {
      return Map.entry(root.keys(), root.role("targets"));
    }
    Map.Entry<String, Delegation> d = delegator(role);
    if (d == null) {
      throw new KeysException("no role '" + role + "' in this repository", ExitCode.NOT_FOUND);
    }
    return Map.entry(Targets.of(targets.get(d.getKey())).delegationKeys(), d.getValue().keys());
  }
}
