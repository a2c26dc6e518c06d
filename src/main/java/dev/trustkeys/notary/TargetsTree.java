package dev.trustkeys.notary;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Untrusted;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.registry.Limits;
import dev.trustkeys.tuf.DelegatedRole;
import dev.trustkeys.tuf.Delegations;
import dev.trustkeys.tuf.FileMeta;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.Targets;
import dev.trustkeys.tuf.ThresholdNotMetException;
import dev.trustkeys.tuf.TufKey;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A repository's targets and its delegations' files, downloaded and verified the way Notary's
 * client walks them: breadth first from {@code targets}, a delegation only when the snapshot lists
 * its file (whose length and hashes must then match), its paths cut to its parent's, its signatures
 * counted against the keys its parent gives it. A delegation whose file fails its threshold or has
 * expired is left out with a warning, as Notary does (its tags then count for nothing); a file that
 * does not match the snapshot is an error.
 */
public final class TargetsTree {
  /**
   * A valid role: its keys (by the ID metadata uses), threshold and effective paths; {@code
   * targets} has [""].
   */
  public record RoleView(String name, Map<String, TufKey> keys, int threshold, List<String> paths) {
    public RoleView {
      keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
      paths = List.copyOf(paths);
    }

    /**
     * Throws unless {@code doc} carries valid signatures of at least {@code threshold} different
     * keys of this role (a key listed twice, as a certificate and as a plain key, counts once).
     */
    public void requireThreshold(Signed doc) throws KeysException {
      List<String> valid = MetadataSigning.validSigners(doc, keys);
      if (threshold < 1 || valid.size() < threshold) {
        throw new ThresholdNotMetException(name, threshold, valid, keys);
      }
    }
  }

  /** A role's verified file: the role it was verified for, the file, and its content. */
  public record RoleFile(RoleView role, Signed doc, Targets targets) {}

  private final RepositoryState state;
  private final Map<String, RoleFile> files;
  private final Map<String, RoleView> roles;
  private final Map<String, Long> versionsOnServer;

  private TargetsTree(
      RepositoryState state,
      Map<String, RoleFile> files,
      Map<String, RoleView> roles,
      Map<String, Long> versionsOnServer) {
    this.state = state;
    this.files = files;
    this.roles = roles;
    this.versionsOnServer = versionsOnServer;
  }

  /**
   * Loads every delegation file reachable from {@code state}'s targets. {@code forEditing} also
   * keeps files that have expired (a new version replaces them); {@code warnings} hears about
   * delegations left out.
   */
  public static TargetsTree load(
      NotaryServer server,
      RepositoryState state,
      Clock clock,
      boolean forEditing,
      Consumer<String> warnings)
      throws KeysException {
    Map<String, RoleFile> files = new LinkedHashMap<>();
    Map<String, RoleView> roles = new LinkedHashMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    RoleView targets =
        new RoleView(
            "targets",
            state.root().keysOf("targets"),
            state.root().role("targets").threshold(),
            List.of(""));
    roles.put("targets", targets);
    files.put(
        "targets", new RoleFile(targets, Signed.parse(state.targetsBytes()), state.targets()));
    versions.put("targets", state.targets().version());
    Map<String, FileMeta> pinned = state.snapshot().map(s -> s.meta()).orElse(Map.of());
    Deque<RoleFile> queue = new ArrayDeque<>();
    queue.add(files.get("targets"));
    while (!queue.isEmpty()) {
      RoleFile parent = queue.poll();
      for (RoleView child : children(parent, state.gun(), warnings)) {
        roles.putIfAbsent(child.name(), child);
        FileMeta meta = pinned.get(child.name());
        if (meta == null || files.containsKey(child.name())) {
          continue;
        }
        String file = child.name() + ".json";
        if (meta.length() > Limits.METADATA) {
          throw new MetadataException(
              "the snapshot of "
                  + state.gun()
                  + " says "
                  + file
                  + " has "
                  + meta.length()
                  + " bytes, more than metadata may have ("
                  + Limits.METADATA
                  + ")");
        }
        Optional<byte[]> bytes = server.fetch(state.gun(), file, meta.length());
        if (bytes.isEmpty()) {
          throw new MetadataException(
              "the snapshot of "
                  + state.gun()
                  + " lists "
                  + file
                  + " but the server does not have it");
        }
        if (!meta.matches(bytes.get())) {
          throw new MetadataException(
              file
                  + " of "
                  + state.gun()
                  + " does not match its length and hashes in the"
                  + " snapshot: the server sent other data than the snapshot pins");
        }
        Signed doc = Signed.parse(bytes.get());
        Targets t = Targets.fromJson(doc.signed());
        versions.put(child.name(), t.version());
        try {
          child.requireThreshold(doc);
        } catch (ThresholdNotMetException e) {
          warnings.accept(
              "ignoring " + child.name() + " of " + state.gun() + ": " + e.getMessage());
          continue;
        }
        if (!forEditing && t.expires().isBefore(clock.instant())) {
          warnings.accept(
              "ignoring " + child.name() + " of " + state.gun() + ": it expired on " + t.expires());
          continue;
        }
        RoleFile f = new RoleFile(child, doc, t);
        files.put(child.name(), f);
        queue.add(f);
      }
    }
    return new TargetsTree(state, files, roles, versions);
  }

  /**
   * Notary's {@code GetValidDelegations}: direct children whose keys the parent lists, paths cut to
   * the parent's. A child whose name is no clean delegation name ({@code targets/a/b}: letters,
   * digits, {@code _ . -}, no {@code .} or {@code ..} part) is left out with a warning: its name
   * becomes a file name in the cache.
   */
  private static List<RoleView> children(RoleFile parent, String gun, Consumer<String> warnings) {
    List<RoleView> out = new ArrayList<>();
    Targets t = parent.targets();
    for (DelegatedRole d : t.delegationRoles()) {
      if (!Delegations.isChildOf(d.name(), parent.role().name())) {
        continue;
      }
      if (!validName(d.name())) {
        warnings.accept(
            "ignoring the delegation "
                + Untrusted.quote(d.name())
                + " of "
                + gun
                + ": not a valid role name");
        continue;
      }
      Map<String, TufKey> keys = new LinkedHashMap<>();
      boolean complete = true;
      for (String id : d.keyIds()) {
        TufKey k = t.delegationKeys().get(id);
        if (k == null) {
          complete = false;
        } else {
          keys.put(id, k);
        }
      }
      if (complete) {
        out.add(
            new RoleView(
                d.name(),
                keys,
                d.threshold(),
                Delegations.restrict(parent.role().paths(), d.paths())));
      }
    }
    return out;
  }

  private static boolean validName(String name) {
    try {
      return Role.of(name).isDelegation() && !name.equals("delegation");
    } catch (UsageException e) {
      return false;
    }
  }

  public RepositoryState state() {
    return state;
  }

  /** The verified files, breadth first from targets. */
  public List<RoleFile> files() {
    return List.copyOf(files.values());
  }

  public Optional<RoleFile> file(String role) {
    return Optional.ofNullable(files.get(role));
  }

  /** Every valid role reachable from targets, with or without a file yet. */
  public Optional<RoleView> role(String name) {
    return Optional.ofNullable(roles.get(name));
  }

  /** The version of a role's file on the server (also of one left out), if it has one. */
  public Optional<Long> versionOnServer(String role) {
    return Optional.ofNullable(versionsOnServer.get(role));
  }

  /**
   * Every delegation the loaded files make, breadth first, with canonical key IDs (Notary's {@code
   * GetDelegationRoles}). A key the file does not carry keeps the ID it is listed by.
   */
  public List<DelegatedRole> delegations() throws KeysException {
    List<DelegatedRole> out = new ArrayList<>();
    for (RoleFile f : files.values()) {
      for (DelegatedRole d : f.targets().delegationRoles()) {
        List<String> ids = new ArrayList<>();
        for (String id : d.keyIds()) {
          TufKey k = f.targets().delegationKeys().get(id);
          ids.add(k == null ? id : k.canonicalId().hex());
        }
        out.add(new DelegatedRole(d.name(), ids, d.threshold(), d.paths()));
      }
    }
    return out;
  }
}
