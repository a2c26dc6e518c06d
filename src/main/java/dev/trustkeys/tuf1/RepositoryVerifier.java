package dev.trustkeys.tuf1;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.metadata.MetadataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a repository on disk as a TUF 1.0 client would at a given time: the root chain from the
 * first version present (version 1 when the repository has it), each step signed by the threshold
 * of the previous root and of its own; the newest root unexpired; timestamp, snapshot and targets
 * signed by the keys root names, unexpired, at the versions, lengths and hashes that timestamp and
 * snapshot give; every delegated role likewise, signed by the keys its delegator names; and every
 * target file present here matching its length and hashes.
 */
public final class RepositoryVerifier {
  private final RepositoryFiles files;
  private final VerifyReport report;

  /** Ends the check where a client could go no further. */
  private static final class Stop extends Exception {
    private static final long serialVersionUID = 1L;
  }

  private RepositoryVerifier(RepositoryFiles files, Instant at) {
    this.files = files;
    this.report = new VerifyReport(at);
  }

  public static VerifyReport verify(RepositoryFiles files, Instant at) throws KeysException {
    RepositoryVerifier v = new RepositoryVerifier(files, at);
    try {
      v.run();
    } catch (Stop e) {
      // The report holds the problem that stopped the check.
    } catch (MetadataFormatException e) {
      v.report.problem(e.getMessage());
    }
    return v.report;
  }

  private void run() throws KeysException, Stop {
    Root root = rootChain();
    Metadata timestamp =
        role(
            "timestamp", files.unversioned("timestamp"), root.keys(), root.role("timestamp"), null);
    FileMeta snapMeta = Meta.of(timestamp).get("snapshot.json");
    if (snapMeta == null) {
      stop("timestamp.json names no snapshot.json");
    }
    Metadata snapshot =
        metaFile("snapshot", snapMeta, root, root.keys(), root.role("snapshot"), "timestamp");
    Map<String, FileMeta> snap = Meta.of(snapshot);
    FileMeta targetsMeta = snap.get("targets.json");
    if (targetsMeta == null) {
      stop("snapshot version " + snapshot.version() + " names no targets.json");
    }
    Metadata targets =
        metaFile("targets", targetsMeta, root, root.keys(), root.role("targets"), "snapshot");
    Deque<Map.Entry<String, Metadata>> queue = new ArrayDeque<>();
    queue.add(Map.entry("targets", targets));
    Set<String> seen = new HashSet<>(Set.of("targets"));
    while (!queue.isEmpty()) {
      Map.Entry<String, Metadata> e = queue.poll();
      Targets t = Targets.of(e.getValue());
      checkTargetFiles(e.getKey(), t, root.consistentSnapshot());
      keyWarnings(e.getKey(), t.delegationKeys());
      for (Delegation d : t.delegations()) {
        if (!seen.add(d.name())) {
          continue;
        }
        FileMeta m = snap.get(RepositoryFiles.fileName(d.name()) + ".json");
        if (m == null) {
          report.problem(
              "snapshot version "
                  + snapshot.version()
                  + " does not list delegated role '"
                  + d.name()
                  + "'");
          continue;
        }
        try {
          queue.add(
              Map.entry(
                  d.name(), metaFile(d.name(), m, root, t.delegationKeys(), d.keys(), "snapshot")));
        } catch (Stop s) {
          // Reported; the other delegations are still checked.
        }
      }
    }
  }

  private Root rootChain() throws KeysException, Stop {
    TreeMap<Long, Path> roots = files.rootVersions();
    Path working = files.unversioned("root");
    if (Files.isRegularFile(working)) {
      Metadata w = files.readMetadata(working);
      Path same = roots.get(w.version());
      if (same == null) {
        roots.put(w.version(), working);
      } else if (!java.util.Arrays.equals(files.read(same), files.read(working))) {
        report.problem(
            "root.json and "
                + files.metadataDir().relativize(same)
                + " are both version "
                + w.version()
                + " but differ");
      }
    }
    if (roots.isEmpty()) {
      stop("the repository has no root metadata (N.root.json or root.json)");
    }
    long first = roots.firstKey();
    if (first != 1) {
      report.warning(
          "the root chain starts at version "
              + first
              + ": versions 1 to "
              + (first - 1)
              + " are not here, so version "
              + first
              + " is trusted as given");
    }
    Root trusted = null;
    for (long v = first; v <= roots.lastKey(); v++) {
      Path p = roots.get(v);
      if (p == null) {
        stop(v + ".root.json is missing: the root chain breaks after version " + (v - 1));
      }
      Metadata md = files.readMetadata(p);
      common(md, "root", p);
      if (md.version() != v) {
        stop(files.metadataDir().relativize(p) + " holds root version " + md.version());
      }
      Root next = Root.of(md);
      keyWarnings("root version " + v, next.keys());
      SignatureCheck byPrevious =
          trusted == null ? null : SignatureCheck.of(md, trusted.keys(), trusted.role("root"));
      SignatureCheck bySelf = SignatureCheck.of(md, next.keys(), next.role("root"));
      report.rootStep(new VerifyReport.RootStep(v, byPrevious, bySelf));
      if (byPrevious != null && !byPrevious.met()) {
        stop(
            "root version "
                + v
                + " is not signed by the keys of version "
                + (v - 1)
                + ": "
                + byPrevious.describe());
      }
      if (!bySelf.met()) {
        stop("root version " + v + " is not signed by its own root keys: " + bySelf.describe());
      }
      trusted = next;
    }
    report.role(
        new VerifyReport.RoleResult(
            "root",
            trusted.version(),
            trusted.expires(),
            report.rootChain().get(report.rootChain().size() - 1).bySelf(),
            roots.lastEntry().getValue().toString()));
    if (expired(trusted.expires())) {
      stop("root version " + trusted.version() + " expired at " + Expiry.format(trusted.expires()));
    }
    return trusted;
  }

  /**
   * A role file named by timestamp or snapshot: found, matching its meta entry, then checked as a
   * role.
   */
  private Metadata metaFile(
      String role,
      FileMeta meta,
      Root root,
      Map<String, Tuf1Key> keys,
      RoleKeys roleKeys,
      String namedBy)
      throws KeysException, Stop {
    Optional<Path> p =
        root.consistentSnapshot()
            ? files.at(role, meta.version())
            : Optional.of(files.unversioned(role)).filter(Files::isRegularFile);
    if (p.isEmpty()) {
      stop(
          namedBy
              + " names "
              + role
              + " version "
              + meta.version()
              + ", but "
              + files
                  .metadataDir()
                  .relativize(
                      root.consistentSnapshot()
                          ? files.versioned(role, meta.version())
                          : files.unversioned(role))
              + " is not here");
    }
    byte[] bytes = files.read(p.get());
    String mismatch = meta.mismatch(bytes);
    if (mismatch != null) {
      stop(
          files.metadataDir().relativize(p.get())
              + " does not match what "
              + namedBy
              + " says of it: "
              + mismatch);
    }
    return role(role, p.get(), keys, roleKeys, meta.version());
  }

  private Metadata role(
      String role, Path p, Map<String, Tuf1Key> keys, RoleKeys roleKeys, Long version)
      throws KeysException, Stop {
    if (!Files.isRegularFile(p)) {
      stop(files.metadataDir().relativize(p) + " is missing");
    }
    Metadata md = files.readMetadata(p);
    String type = Metadata.TYPES.contains(role) ? role : "targets";
    common(md, type, p);
    if (version != null && md.version() != version) {
      stop(
          files.metadataDir().relativize(p)
              + " holds "
              + role
              + " version "
              + md.version()
              + " where "
              + version
              + " is expected");
    }
    SignatureCheck check = SignatureCheck.of(md, keys, roleKeys);
    report.role(new VerifyReport.RoleResult(role, md.version(), md.expires(), check, p.toString()));
    if (!check.met()) {
      stop(role + " version " + md.version() + " is not signed by its keys: " + check.describe());
    }
    if (expired(md.expires())) {
      stop(role + " version " + md.version() + " expired at " + Expiry.format(md.expires()));
    }
    return md;
  }

  private void common(Metadata md, String type, Path p) throws MetadataFormatException, Stop {
    String name = files.metadataDir().relativize(p).toString();
    if (!md.type().equals(type)) {
      stop(name + " is " + md.type() + " metadata where " + type + " is expected");
    }
    if (!SpecVersion.supported(md.specVersion())) {
      stop(
          name
              + " has spec_version "
              + md.specVersion()
              + ", which a TUF 1.0 client does not read");
    }
    if (!Expiry.isStrict(md.expiresText())) {
      report.warning(
          name + ": expires '" + md.expiresText() + "' is not in the form YYYY-MM-DDTHH:MM:SSZ");
    }
    Set<String> ids = new HashSet<>();
    for (Metadata.Signature s : md.signatures()) {
      if (!ids.add(s.keyId())) {
        stop(name + " has two signatures by key " + s.keyId());
      }
    }
  }

  private void keyWarnings(String where, Map<String, Tuf1Key> keys) {
    for (Tuf1Key k : keys.values()) {
      if (!k.idCompliant()) {
        report.warning(
            where
                + ": key "
                + k.id()
                + " is listed under an ID that is not the SHA-256 of its key"
                + " object (the rule gives "
                + k.computedId()
                + "); python-tuf, go-tuf and tuf-js accept it, keys never"
                + " writes one");
      }
      String legacy = k.legacyEncoding();
      if (legacy != null) {
        report.warning(
            where + ": key " + k.id() + " is written as early go-tuf wrote keys: " + legacy);
      }
    }
  }

  private void checkTargetFiles(String role, Targets t, boolean consistent) throws KeysException {
    for (Map.Entry<String, FileMeta> e : t.targets().entrySet()) {
      Path found = null;
      for (String hash : consistent ? e.getValue().hashes().values() : java.util.List.of("")) {
        Path p = files.target(e.getKey(), hash, consistent);
        if (Files.isRegularFile(p)) {
          found = p;
          break;
        }
      }
      report.target(found != null);
      if (found != null) {
        String mismatch = e.getValue().mismatch(files.read(found));
        if (mismatch != null) {
          report.problem(
              "target '"
                  + e.getKey()
                  + "' of "
                  + role
                  + " does not match its metadata: "
                  + mismatch);
        }
      }
    }
  }

  private boolean expired(Instant expires) {
    return !report.at().isBefore(expires);
  }

  private void stop(String problem) throws Stop {
    report.problem(problem);
    throw new Stop();
  }

  /** The {@code meta} of snapshot or timestamp metadata. */
  static final class Meta {
    private Meta() {}

    static Map<String, FileMeta> of(Metadata md) throws MetadataFormatException {
      Map<String, FileMeta> out = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, Object> e : Fields.map(md.signed(), "meta", md.type()).entrySet()) {
        out.put(
            e.getKey(),
            FileMeta.readMeta(
                Fields.asMap(e.getValue(), "meta " + e.getKey()),
                md.type() + ".meta." + e.getKey()));
      }
      return out;
    }
  }
}
