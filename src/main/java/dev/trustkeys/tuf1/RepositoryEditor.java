package dev.trustkeys.tuf1;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.metadata.MetadataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The edits {@code keys tuf} makes to a repository it publishes (consistent snapshots, python-tuf's
 * file format): create it, add and remove targets, delegate, refresh the online roles. Each edit
 * reads the newest metadata, writes the changed roles at their next version signed with the keys
 * held here, then a new snapshot and timestamp; under the repository lock it first checks that
 * nothing changed since it read, and starts again from the new state when something did (a few
 * times, then exit 8), so concurrent editors lose nothing.
 */
public final class RepositoryEditor {
  private static final int ATTEMPTS = 5;

  private final Path repo;
  private final KeySource keys;
  private final Clock clock;

  public RepositoryEditor(Path repo, KeySource keys, Clock clock) {
    this.repo = repo;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * What a new repository has: keys per top-level role, the thresholds, expiry periods (days) by
   * role, and custom fields of root key objects by public key (a YubiKey attestation, {@code
   * x-keys-yubikey-attestation}).
   */
  public record InitPlan(
      List<PublicKey> rootKeys,
      int rootThreshold,
      List<PublicKey> targetsKeys,
      int targetsThreshold,
      List<PublicKey> snapshotKeys,
      List<PublicKey> timestampKeys,
      Map<String, Integer> expiryDays,
      Map<PublicKey, Map<String, Object>> rootKeyFields) {
    public InitPlan {
      rootKeyFields = Map.copyOf(rootKeyFields);
    }

    public InitPlan(
        List<PublicKey> rootKeys,
        int rootThreshold,
        List<PublicKey> targetsKeys,
        int targetsThreshold,
        List<PublicKey> snapshotKeys,
        List<PublicKey> timestampKeys,
        Map<String, Integer> expiryDays) {
      this(
          rootKeys,
          rootThreshold,
          targetsKeys,
          targetsThreshold,
          snapshotKeys,
          timestampKeys,
          expiryDays,
          Map.of());
    }
  }

  /**
   * What an edit wrote: the files, and the roles whose threshold keys could not meet here (signed
   * later).
   */
  public record Result(List<Path> written, List<String> unsignedRoles) {}

  /**
   * Writes version 1 of root, targets, snapshot and timestamp into an empty {@code REPO/metadata}.
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public Result init(InitPlan plan) throws KeysException {
    RepositoryFiles files = RepositoryFiles.create(repo);
    try (RepositoryLock lock = RepositoryLock.acquire(repo)) {
      if (Files.isDirectory(files.metadataDir())
          && files.metadataDir().toFile().list().length > 0) {
        throw new KeysException(
            files.metadataDir() + " already holds metadata: nothing was written",
            ExitCode.CONFLICT,
            dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.TUF_INIT_MAKES_NEW_ONLY),
            null);
      }
      Map<String, Tuf1Key> all = new LinkedHashMap<>();
      Map<String, Object> roles = new LinkedHashMap<>();
      roles.put(
          "root",
          roleEntry(
              "root",
              plan.rootKeys(),
              plan.rootThreshold(),
              plan.expiryDays(),
              all,
              plan.rootKeyFields()));
      roles.put("snapshot", roleEntry("snapshot", plan.snapshotKeys(), 1, plan.expiryDays(), all));
      roles.put(
          "targets",
          roleEntry(
              "targets", plan.targetsKeys(), plan.targetsThreshold(), plan.expiryDays(), all));
      roles.put(
          "timestamp", roleEntry("timestamp", plan.timestampKeys(), 1, plan.expiryDays(), all));
      Map<String, Object> keyJson = new LinkedHashMap<>();
      for (Tuf1Key k : all.values()) {
        keyJson.put(k.id(), new LinkedHashMap<>(k.json()));
      }
      Metadata rootMd = Metadata.create("root", 1, expiry("root", plan.expiryDays().get("root")));
      rootMd.signed().put("consistent_snapshot", true);
      rootMd.signed().put("keys", keyJson);
      rootMd.signed().put("roles", roles);
      Root root = Root.of(rootMd);
      List<String> unsigned = new ArrayList<>();
      List<String> signed =
          RoleSigning.signAll(rootMd, "root", root.keys(), root.role("root"), keys, true, false);
      if (signed.size() < root.role("root").threshold()) {
        unsigned.add("root");
      }
      Metadata targets = Metadata.create("targets", 1, expiry("targets", root.role("targets")));
      targets.signed().put("targets", new LinkedHashMap<String, Object>());
      RoleSigning.signAll(targets, "targets", root.keys(), root.role("targets"), keys, false, true);
      Metadata snapshot = Metadata.create("snapshot", 1, expiry("snapshot", root.role("snapshot")));
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("targets.json", new FileMeta(1, null, Map.of()).toJson(true));
      snapshot.signed().put("meta", meta);
      RoleSigning.signAll(
          snapshot, "snapshot", root.keys(), root.role("snapshot"), keys, false, true);
      byte[] snapshotBytes = snapshot.toBytes();
      Metadata timestamp = timestampFor(null, root, snapshot.version(), snapshotBytes);
      List<Path> written = new ArrayList<>();
      write(files, files.versioned("root", 1), rootMd.toBytes(), written);
      write(files, files.versioned("targets", 1), targets.toBytes(), written);
      write(files, files.versioned("snapshot", 1), snapshotBytes, written);
      write(files, files.unversioned("timestamp"), timestamp.toBytes(), written);
      try {
        Files.createDirectories(files.targetsDir());
      } catch (java.io.IOException e) {
        throw new KeysException("cannot create " + files.targetsDir() + ": " + e.getMessage(), e);
      }
      return new Result(written, unsigned);
    }
  }

  private Map<String, Object> roleEntry(
      String role,
      List<PublicKey> publicKeys,
      int threshold,
      Map<String, Integer> days,
      Map<String, Tuf1Key> all)
      throws KeysException {
    return roleEntry(role, publicKeys, threshold, days, all, Map.of());
  }

  private Map<String, Object> roleEntry(
      String role,
      List<PublicKey> publicKeys,
      int threshold,
      Map<String, Integer> days,
      Map<String, Tuf1Key> all,
      Map<PublicKey, Map<String, Object>> fields)
      throws KeysException {
    if (publicKeys.isEmpty()) {
      throw new UsageException("the " + role + " role needs at least one key");
    }
    if (threshold < 1 || threshold > publicKeys.size()) {
      throw new UsageException(
          "the "
              + role
              + " threshold must be between 1 and its "
              + publicKeys.size()
              + " key"
              + (publicKeys.size() == 1 ? "" : "s")
              + ", not "
              + threshold);
    }
    List<Object> ids = new ArrayList<>();
    for (PublicKey pk : publicKeys) {
      Tuf1Key k = Tuf1Key.of(pk, fields.getOrDefault(pk, Map.of()));
      if (ids.contains(k.id())) {
        throw new UsageException(
            "the " + role + " role lists key " + k.id().substring(0, 7) + " twice");
      }
      all.putIfAbsent(k.id(), k);
      ids.add(k.id());
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("keyids", ids);
    e.put("threshold", (long) threshold);
    e.put(
        ExpiryPeriods.FIELD,
        (long)
            days.getOrDefault(
                role,
                ExpiryPeriods.DEFAULTS.getOrDefault(
                    role, ExpiryPeriods.DEFAULTS.get("delegated"))));
    return e;
  }

  /**
   * Adds (or replaces) target {@code path} in {@code role} ("targets" or a delegated role), with
   * its file.
   */
  public Result addTarget(String path, byte[] content, String role) throws KeysException {
    checkTargetPath(path);
    return edit(
        state -> {
          Metadata md = roleCopy(state, role);
          if (!role.equals("targets")) {
            Delegation d = state.delegator(role).getValue();
            if (!d.covers(path)) {
              throw new UsageException(
                  "role '"
                      + role
                      + "' may not sign '"
                      + path
                      + "': it is delegated "
                      + (d.paths().isEmpty()
                          ? "path hash prefixes " + d.pathHashPrefixes()
                          : "paths " + d.paths()));
            }
          }
          FileMeta f = FileMeta.of(0, content);
          Fields.map(md.signed(), "targets", role).put(path, f.toJson(false));
          Edit e = new Edit();
          e.roles.put(role, md);
          e.targetFiles.put(
              state.files.target(path, f.hashes().get("sha256"), state.root.consistentSnapshot()),
              content);
          return e;
        });
  }

  /**
   * Removes target {@code path} from the role that lists it (the target's file stays for older
   * snapshots).
   */
  public Result removeTarget(String path) throws KeysException {
    return edit(
        state -> {
          for (Map.Entry<String, Metadata> r : state.targets.entrySet()) {
            if (Targets.of(r.getValue()).targets().containsKey(path)) {
              Metadata md = r.getValue().copy();
              Fields.map(md.signed(), "targets", r.getKey()).remove(path);
              Edit e = new Edit();
              e.roles.put(r.getKey(), md);
              return e;
            }
          }
          throw new KeysException(
              "no role of " + repo + " lists target '" + path + "'", ExitCode.NOT_FOUND);
        });
  }

  /**
   * What a delegation gives: its keys, threshold, whether terminating, and paths or path hash
   * prefixes.
   */
  public record DelegationPlan(
      String name,
      String from,
      List<PublicKey> keys,
      int threshold,
      boolean terminating,
      List<String> paths,
      List<String> pathHashPrefixes,
      Integer expiryDays) {}

  /**
   * Delegates (or re-delegates) a role from {@code plan.from()}, and writes the role's first
   * version if new.
   */
  public Result delegate(DelegationPlan plan) throws KeysException {
    if (Metadata.TYPES.contains(plan.name()) || plan.name().isEmpty()) {
      throw new UsageException(
          "'" + plan.name() + "' is a top-level role name: choose another name to delegate");
    }
    if (plan.paths().isEmpty() == plan.pathHashPrefixes().isEmpty()) {
      throw new UsageException(
          "a delegation names either target paths or path hash prefixes, not both nor neither");
    }
    return edit(
        state -> {
          Metadata from = roleCopy(state, plan.from());
          Map<String, Object> s = from.signed();
          if (s.get("delegations") == null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("keys", new LinkedHashMap<String, Object>());
            d.put("roles", new ArrayList<Object>());
            s.put("delegations", d);
          }
          Map<String, Object> delegations = Fields.map(s, "delegations", plan.from());
          Map<String, Object> keyJson = Fields.map(delegations, "keys", "delegations");
          Map<String, Tuf1Key> newKeys = new LinkedHashMap<>();
          Map<String, Object> entry =
              roleEntry(
                  plan.name(),
                  plan.keys(),
                  plan.threshold(),
                  plan.expiryDays() == null ? Map.of() : Map.of(plan.name(), plan.expiryDays()),
                  newKeys);
          for (Tuf1Key k : newKeys.values()) {
            keyJson.put(k.id(), new LinkedHashMap<>(k.json()));
          }
          Map<String, Object> role = new LinkedHashMap<>();
          role.put("name", plan.name());
          role.putAll(entry);
          role.put("terminating", plan.terminating());
          if (!plan.paths().isEmpty()) {
            role.put("paths", new ArrayList<Object>(plan.paths()));
          } else {
            role.put("path_hash_prefixes", new ArrayList<Object>(plan.pathHashPrefixes()));
          }
          List<Object> roles = Fields.list(delegations, "roles", "delegations");
          roles.removeIf(r -> r instanceof Map && plan.name().equals(((Map<?, ?>) r).get("name")));
          roles.add(role);
          pruneKeys(delegations);
          Edit e = new Edit();
          e.roles.put(plan.from(), from);
          if (!state.targets.containsKey(plan.name())) {
            Metadata md = Metadata.create("targets", 1, clock.instant());
            md.signed().put("targets", new LinkedHashMap<String, Object>());
            e.roles.put(plan.name(), md);
            e.newRoleSigners.put(
                plan.name(), Map.entry(Root.keys(keyJson), RoleKeys.read(role, plan.name())));
          } else {
            e.roles.put(plan.name(), roleCopy(state, plan.name()));
          }
          return e;
        });
  }

  /** Removes the delegation of {@code name} (and its role from the snapshot). */
  public Result undelegate(String name) throws KeysException {
    return edit(
        state -> {
          Map.Entry<String, Delegation> d = state.delegator(name);
          if (d == null) {
            throw new KeysException(
                "no role of " + repo + " delegates '" + name + "'", ExitCode.NOT_FOUND);
          }
          Metadata from = roleCopy(state, d.getKey());
          Map<String, Object> delegations = Fields.map(from.signed(), "delegations", d.getKey());
          Fields.list(delegations, "roles", "delegations")
              .removeIf(r -> r instanceof Map && name.equals(((Map<?, ?>) r).get("name")));
          pruneKeys(delegations);
          Edit e = new Edit();
          e.roles.put(d.getKey(), from);
          e.removedRoles.add(name);
          return e;
        });
  }

  /**
   * A new root version in which top-level {@code role} has {@code newKeys} and {@code threshold}:
   * signed by the thresholds of the previous root and of itself, written as the next {@code
   * N.root.json}, followed by new snapshot and timestamp versions signed with the keys the new root
   * names (and targets, when its keys changed).
   */
  public Result rotate(String role, List<PublicKey> newKeys, int threshold) throws KeysException {
    if (!Metadata.TYPES.contains(role)) {
      throw new UsageException("rotate root, targets, snapshot or timestamp, not '" + role + "'");
    }
    return edit(
        state -> {
          Metadata root = state.rootMd.copy();
          Map<String, Tuf1Key> added = new LinkedHashMap<>();
          Map<String, Object> roles = Fields.map(root.signed(), "roles", "root");
          RoleKeys old = state.root.role(role);
          Map<String, Object> entry =
              roleEntry(
                  role, newKeys, threshold, Map.of(role, ExpiryPeriods.days(role, old)), added);
          Map<String, Object> updated = new LinkedHashMap<>(old.json());
          updated.putAll(entry);
          roles.put(role, updated);
          Map<String, Object> keyJson = Fields.map(root.signed(), "keys", "root");
          for (Tuf1Key k : added.values()) {
            keyJson.put(k.id(), new LinkedHashMap<>(k.json()));
          }
          java.util.Set<Object> used = new java.util.HashSet<>();
          for (Object r : roles.values()) {
            used.addAll(Fields.list(Fields.asMap(r, "role"), "keyids", "role"));
          }
          keyJson.keySet().removeIf(id -> !used.contains(id));
          Edit e = new Edit();
          e.newRoot = root;
          if (role.equals("targets")) {
            e.roles.put("targets", roleCopy(state, "targets"));
          }
          return e;
        });
  }

  /**
   * New snapshot and timestamp versions with fresh expiry (the online roles' routine re-signing).
   */
  public Result refresh() throws KeysException {
    return edit(state -> new Edit());
  }

  /** The changes of one attempt at an edit. */
  private static final class Edit {
    final Map<String, Metadata> roles = new LinkedHashMap<>();
    final Map<String, Map.Entry<Map<String, Tuf1Key>, RoleKeys>> newRoleSigners =
        new LinkedHashMap<>();
    final List<String> removedRoles = new ArrayList<>();
    final Map<Path, byte[]> targetFiles = new LinkedHashMap<>();
    Metadata newRoot;
  }

  @FunctionalInterface
  private interface Change {
    Edit apply(RepositoryState state) throws KeysException;
  }

  @SuppressWarnings("try") // the lock is held for the whole block and never read
  private Result edit(Change change) throws KeysException {
    for (int attempt = 1; ; attempt++) {
      RepositoryFiles files = RepositoryFiles.open(repo);
      RepositoryState state = RepositoryState.load(files);
      Edit e = change.apply(state);
      List<String> unsigned = new ArrayList<>();
      Map<Path, byte[]> out = new LinkedHashMap<>();
      Root root = state.root;
      if (e.newRoot != null) {
        requireCompliantIds(Root.of(e.newRoot).keys(), "root");
        root = signNewRoot(state.root, e.newRoot);
        out.put(files.versioned("root", root.version()), e.newRoot.toBytes());
      }
      out.putAll(e.targetFiles);
      Metadata snapshot = state.snapshot.copy();
      Map<String, Object> meta = Fields.map(snapshot.signed(), "meta", "snapshot");
      for (Map.Entry<String, Metadata> r : e.roles.entrySet()) {
        String role = r.getKey();
        Metadata md = r.getValue();
        requireCompliantIds(Targets.of(md).delegationKeys(), role);
        Map.Entry<Map<String, Tuf1Key>, RoleKeys> signers =
            e.newRoleSigners.containsKey(role)
                ? e.newRoleSigners.get(role)
                : signersAfter(state, root, e, role);
        boolean isNew = e.newRoleSigners.containsKey(role);
        if (!isNew) {
          md.version(md.version() + 1);
        }
        md.expires(expiry(role, signers.getValue()));
        List<String> signed =
            RoleSigning.signAll(
                md, role, signers.getKey(), signers.getValue(), keys, isNew, !isNew);
        if (signed.size() < signers.getValue().threshold()) {
          unsigned.add(role);
        }
        meta.put(
            RepositoryFiles.fileName(role) + ".json",
            new FileMeta(md.version(), null, Map.of()).toJson(true));
        out.put(
            state.root.consistentSnapshot()
                ? files.versioned(role, md.version())
                : files.unversioned(role),
            md.toBytes());
      }
      for (String removed : e.removedRoles) {
        meta.remove(RepositoryFiles.fileName(removed) + ".json");
      }
      snapshot.version(snapshot.version() + 1);
      snapshot.expires(expiry("snapshot", root.role("snapshot")));
      RoleSigning.signAll(
          snapshot, "snapshot", root.keys(), root.role("snapshot"), keys, false, true);
      byte[] snapshotBytes = snapshot.toBytes();
      out.put(
          state.root.consistentSnapshot()
              ? files.versioned("snapshot", snapshot.version())
              : files.unversioned("snapshot"),
          snapshotBytes);
      Metadata timestamp = timestampFor(state.timestamp, root, snapshot.version(), snapshotBytes);
      out.put(files.unversioned("timestamp"), timestamp.toBytes());
      try (RepositoryLock lock = RepositoryLock.acquire(files.root())) {
        files.unchangedSinceRead();
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Path, byte[]> w : out.entrySet()) {
          write(files, w.getKey(), w.getValue(), written);
        }
        return new Result(written, unsigned);
      } catch (ConcurrentChangeException ex) {
        if (attempt >= ATTEMPTS) {
          throw ex;
        }
      }
    }
  }

  /**
   * Who signs {@code role} once the edit's own delegation changes apply (a re-delegation changes
   * its keys).
   */
  private static Map.Entry<Map<String, Tuf1Key>, RoleKeys> signersAfter(
      RepositoryState state, Root root, Edit e, String role) throws KeysException {
    if (role.equals("targets")) {
      return Map.entry(root.keys(), root.role("targets"));
    }
    for (Map.Entry<String, Metadata> r : e.roles.entrySet()) {
      Delegation d = Targets.of(r.getValue()).delegation(role);
      if (d != null) {
        return Map.entry(Targets.of(r.getValue()).delegationKeys(), d.keys());
      }
    }
    return state.signers(role);
  }

  /**
   * Signs the next root with every held key of the previous and the new root role; both thresholds
   * must be met.
   */
  private Root signNewRoot(Root previous, Metadata next) throws KeysException {
    next.version(previous.version() + 1);
    Root draft = Root.of(next);
    next.expires(expiry("root", draft.role("root")));
    Map<String, Tuf1Key> all = new LinkedHashMap<>(previous.keys());
    all.putAll(draft.keys());
    List<String> ids = new ArrayList<>(previous.role("root").keyIds());
    for (String id : draft.role("root").keyIds()) {
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    RoleSigning.signAll(next, "root", all, new RoleKeys(ids, 1, Map.of()), keys, false, false);
    Root signed = Root.of(next);
    for (Map.Entry<String, Root> by :
        Map.of("previous root", previous, "new root", signed).entrySet()) {
      SignatureCheck c = SignatureCheck.of(next, by.getValue().keys(), by.getValue().role("root"));
      if (!c.met()) {
        throw new ThresholdNotMetException(
            "root version " + signed.version() + " (keys of the " + by.getKey() + ")",
            c.threshold(),
            c.signed().size(),
            c.pending());
      }
    }
    return signed;
  }

  private Metadata timestampFor(
      Metadata previous, Root root, long snapshotVersion, byte[] snapshotBytes)
      throws KeysException {
    Metadata ts =
        previous == null ? Metadata.create("timestamp", 1, clock.instant()) : previous.copy();
    if (previous != null) {
      ts.version(ts.version() + 1);
    }
    ts.expires(expiry("timestamp", root.role("timestamp")));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("snapshot.json", FileMeta.of(snapshotVersion, snapshotBytes).toJson(true));
    ts.signed().put("meta", meta);
    RoleSigning.signAll(ts, "timestamp", root.keys(), root.role("timestamp"), keys, false, true);
    return ts;
  }

  private static Metadata roleCopy(RepositoryState state, String role) throws KeysException {
    Metadata md = state.targets.get(role);
    if (md == null) {
      throw new KeysException(
          "no role '"
              + role
              + "' in "
              + state.files.root()
              + " (roles: "
              + String.join(", ", state.targets.keySet())
              + ")",
          ExitCode.NOT_FOUND);
    }
    return md.copy();
  }

  /** Drops delegation keys no delegated role names any more. */
  private static void pruneKeys(Map<String, Object> delegations) throws MetadataFormatException {
    java.util.Set<Object> used = new java.util.HashSet<>();
    for (Object r : Fields.list(delegations, "roles", "delegations")) {
      used.addAll(Fields.list(Fields.asMap(r, "delegated role"), "keyids", "delegated role"));
    }
    Fields.map(delegations, "keys", "delegations").keySet().removeIf(id -> !used.contains(id));
  }

  /**
   * keys writes no key under an ID that breaks the key-ID rule, even one it found in metadata it
   * edits.
   */
  private static void requireCompliantIds(Map<String, Tuf1Key> keys, String role)
      throws MetadataFormatException {
    for (Tuf1Key k : keys.values()) {
      if (!k.idCompliant()) {
        throw new MetadataFormatException(
            role
                + " lists key "
                + k.id()
                + " under an ID that is not the SHA-256 of"
                + " its key object (the rule gives "
                + k.computedId()
                + "): keys writes no such metadata; list the key"
                + " under its right ID first");
      }
    }
  }

  private Instant expiry(String role, RoleKeys entry) {
    return clock.instant().plus(Duration.ofDays(ExpiryPeriods.days(role, entry)));
  }

  private Instant expiry(String role, Integer days) {
    return clock
        .instant()
        .plus(Duration.ofDays(days != null ? days : ExpiryPeriods.DEFAULTS.get(role)));
  }

  private static void checkTargetPath(String path) throws UsageException {
    if (path.isEmpty()
        || path.startsWith("/")
        || path.endsWith("/")
        || path.contains("\\")
        || java.util.Arrays.asList(path.split("/", -1)).stream()
            .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
      throw new UsageException(
          "target path '"
              + path
              + "' must be relative, like 'app/v1/app.tar.gz', without"
              + " '.', '..', empty segments or backslashes");
    }
  }

  private static void write(RepositoryFiles files, Path p, byte[] data, List<Path> written)
      throws KeysException {
    files.write(p, data);
    written.add(p);
  }
}
