package dev.trustkeys.notary;

import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf.DelegatedRole;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.KeyName;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.RoleKeys;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.Targets;
import dev.trustkeys.tuf.TufKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code keys status GUN}: which keys a repository uses, where each lives, and when each role
 * expires.
 */
public final class RepositoryStatus {
  private final Keyring keyring;
  private final Clock clock;

  public RepositoryStatus(Keyring keyring, Clock clock) {
    this.keyring = keyring;
    this.clock = clock;
  }

  /** One key of a role. */
  public record KeyStatus(
      String id, String canonicalId, String keyType, String location, boolean here) {}

  /** One role: its keys, threshold, version and expiry (if its metadata was available). */
  public record RoleStatus(
      String role,
      int threshold,
      List<KeyStatus> keys,
      Long version,
      Instant expires,
      String expiryNote) {}

  /** The whole report. */
  public record Report(String gun, String source, Instant at, List<RoleStatus> roles) {
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("gun", gun);
      m.put("source", source);
      m.put("checked_at", Expiry.format(at));
      List<Object> rs = new ArrayList<>();
      for (RoleStatus r : roles) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("role", r.role());
        j.put("threshold", (long) r.threshold());
        j.put("version", r.version());
        j.put("expires", r.expires() == null ? null : Expiry.format(r.expires()));
        j.put("expiry", r.expiryNote());
        List<Object> ks = new ArrayList<>();
        for (KeyStatus k : r.keys()) {
          Map<String, Object> kj = new LinkedHashMap<>();
          kj.put("id", k.id());
          kj.put("canonical_id", k.canonicalId());
          kj.put("keytype", k.keyType());
          kj.put("location", k.location());
          kj.put("available_here", k.here());
          ks.add(kj);
        }
        j.put("keys", ks);
        rs.add(j);
      }
      m.put("roles", rs);
      return m;
    }

    public String toText() {
      StringBuilder b = new StringBuilder("Repository " + gun + " (from " + source + ")\n");
      for (RoleStatus r : roles) {
        b.append(
            String.format(
                "%-20s threshold %d  version %s  expires %s (%s)%n",
                r.role(),
                r.threshold(),
                r.version() == null ? "?" : r.version(),
                r.expires() == null ? "?" : Expiry.format(r.expires()),
                r.expiryNote()));
        for (KeyStatus k : r.keys()) {
          KeyName name =
              new KeyName(k.canonicalId(), k.canonicalId().equals(k.id()) ? null : k.id());
          b.append(
              String.format("    %s  %-10s %s%n", name.fullLabel(), k.keyType(), k.location()));
        }
      }
      return b.toString();
    }
  }

  /**
   * Builds the report from metadata files by role name (root, targets, snapshot, timestamp,
   * targets/x).
   */
  public Report report(String gun, String source, Map<String, byte[]> files) throws KeysException {
    byte[] rootBytes = files.get("root");
    if (rootBytes == null) {
      throw new KeysException(
          "no root.json for " + gun + " in " + source,
          dev.trustkeys.core.ExitCode.NOT_FOUND,
          dev.trustkeys.core.Remedy.forGun(
              dev.trustkeys.core.Remedy.Kind.CREATE_REPOSITORY_OR_NAME_SERVER, gun),
          null);
    }
    Root root = Root.fromJson(Signed.parse(rootBytes).signed());
    Instant now = clock.instant();
    List<RoleStatus> roles = new ArrayList<>();
    for (String name : List.of("root", "targets", "snapshot", "timestamp")) {
      RoleKeys rk = root.role(name);
      Map<String, TufKey> keys = root.keysOf(name);
      roles.add(role(name, rk.threshold(), keys, files.get(name), now));
    }
    Optional<Targets> targets = Optional.empty();
    if (files.get("targets") != null) {
      targets = Optional.of(Targets.fromJson(Signed.parse(files.get("targets")).signed()));
    }
    if (targets.isPresent()) {
      for (DelegatedRole d : targets.get().delegationRoles()) {
        Map<String, TufKey> keys = new LinkedHashMap<>();
        for (String id : d.keyIds()) {
          keys.put(id, targets.get().delegationKeys().get(id));
        }
        roles.add(role(d.name(), d.threshold(), keys, files.get(d.name()), now));
      }
    }
    return new Report(gun, source, now, roles);
  }

  private RoleStatus role(
      String name, int threshold, Map<String, TufKey> keys, byte[] file, Instant now)
      throws KeysException {
    List<KeyStatus> ks = new ArrayList<>();
    for (Map.Entry<String, TufKey> e : keys.entrySet()) {
      TufKey k = e.getValue();
      String canonical = k == null ? "?" : k.canonicalId().hex();
      Optional<Keyring.Located> l = k == null ? Optional.empty() : keyring.find(k.canonicalId());
      String where =
          l.map(x -> x.key().location().scheme() + ":" + x.key().location().display())
              .orElse(
                  name.equals("timestamp") || name.equals("snapshot")
                      ? "not here (server-managed, or held elsewhere)"
                      : "not here (held elsewhere, or lost)");
      ks.add(
          new KeyStatus(
              e.getKey(), canonical, k == null ? "?" : k.keyType(), where, l.isPresent()));
    }
    Long version = null;
    Instant expires = null;
    String note = "metadata not available";
    if (file != null) {
      try {
        Map<String, Object> signed = Signed.parse(file).signed();
        version = (Long) signed.get("version");
        expires = Expiry.parse((String) signed.get("expires"));
        Duration left = Duration.between(now, expires);
        boolean serverRenews = name.equals("timestamp");
        note =
            left.isNegative()
                ? "EXPIRED " + (-left.toDays()) + " days ago"
                : "in "
                    + left.toDays()
                    + " days"
                    + (serverRenews
                        ? ", renewed by the server"
                        : left.toDays() < 30 ? ", renew soon" : "");
      } catch (MetadataException | ClassCastException e) {
        note = "unreadable metadata";
      }
    }
    return new RoleStatus(name, threshold, ks, version, expires, note);
  }

  /** The metadata files of {@code gun} in the trust directory's cache. */
  public static Map<String, byte[]> filesFromCache(MetadataCache cache, String gun)
      throws KeysException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String r : List.of("root", "targets", "snapshot", "timestamp")) {
      cache.read(gun, r).ifPresent(b -> files.put(r, b));
    }
    for (String d : delegations(files.get("targets"))) {
      cache.read(gun, d).ifPresent(b -> files.put(d, b));
    }
    return files;
  }

  /**
   * The current metadata files of {@code gun} on the server; none may be older than the version
   * {@code cache} has seen ({@link RollbackException}).
   */
  public static Map<String, byte[]> filesFromServer(
      NotaryServer server, String gun, MetadataCache cache) throws KeysException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String r : List.of("root", "targets", "snapshot", "timestamp")) {
      server.fetch(gun, r + ".json").ifPresent(b -> files.put(r, b));
    }
    if (!files.containsKey("root")) {
      throw new RepositoryNotFoundException(gun, server.url());
    }
    for (String d : delegations(files.get("targets"))) {
      server.fetch(gun, d + ".json").ifPresent(b -> files.put(d, b));
    }
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      cache.requireNotOlder(gun, f.getKey(), f.getValue(), server.url());
    }
    return files;
  }

  private static List<String> delegations(byte[] targets) throws KeysException {
    if (targets == null) {
      return List.of();
    }
    return Targets.fromJson(Signed.parse(targets).signed()).delegationRoles().stream()
        .map(DelegatedRole::name)
        .toList();
  }
}
