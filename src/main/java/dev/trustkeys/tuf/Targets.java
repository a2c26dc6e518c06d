package dev.trustkeys.tuf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code signed} part of targets.json (or of a delegation's file): version, expiry, the targets
 * (kept as they were read: {@code keys} re-signs them, it does not edit them) and the delegations.
 */
public record Targets(
    long version,
    Instant expires,
    Map<String, Object> targets,
    Map<String, TufKey> delegationKeys,
    List<DelegatedRole> delegationRoles) {
  public static final String TYPE = "Targets";

  public Targets {
    targets = java.util.Collections.unmodifiableMap(new TreeMap<>(targets));
    delegationKeys = Map.copyOf(delegationKeys);
    delegationRoles = List.copyOf(delegationRoles);
  }

  public static Targets empty(Instant expires) {
    return new Targets(1, expires, Map.of(), Map.of(), List.of());
  }

  public Optional<DelegatedRole> delegation(String name) {
    return delegationRoles.stream().filter(r -> r.name().equals(name)).findFirst();
  }

  public Targets next(Instant newExpiry) {
    return new Targets(version + 1, newExpiry, targets, delegationKeys, delegationRoles);
  }

  /** Replaces the keys of delegation {@code name}; keys no other delegation uses are dropped. */
  public Targets withDelegationKeys(String name, List<TufKey> newKeys) throws MetadataException {
    DelegatedRole old =
        delegation(name).orElseThrow(() -> new MetadataException("no delegation " + name));
    List<DelegatedRole> roles = new ArrayList<>();
    List<String> ids = newKeys.stream().map(k -> k.id().hex()).toList();
    for (DelegatedRole r : delegationRoles) {
      roles.add(
          r.name().equals(name)
              ? new DelegatedRole(name, ids, Math.min(old.threshold(), ids.size()), old.paths())
              : r);
    }
    Map<String, TufKey> keys = new LinkedHashMap<>();
    for (DelegatedRole r : roles) {
      for (String id : r.keyIds()) {
        TufKey k = delegationKeys.get(id);
        if (k == null) {
          k = newKeys.stream().filter(n -> n.id().hex().equals(id)).findFirst().orElseThrow();
        }
        keys.put(id, k);
      }
    }
    return new Targets(version, expires, targets, keys, roles);
  }

  public Map<String, Object> toJson() {
    Map<String, Object> keys = new TreeMap<>();
    delegationKeys.forEach((id, k) -> keys.put(id, k.toJson()));
    List<Object> roles = new ArrayList<>();
    for (DelegatedRole r : delegationRoles) {
      roles.add(r.toJson());
    }
    Map<String, Object> del = new LinkedHashMap<>();
    del.put("keys", keys);
    del.put("roles", roles);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("_type", TYPE);
    m.put("delegations", del);
    m.put("expires", Expiry.format(expires));
    m.put("targets", targets);
    m.put("version", version);
    return m;
  }

  public static Targets fromJson(Map<String, Object> signed) throws MetadataException {
    String type = Json.asString(signed.get("_type"), "targets._type");
    if (!TYPE.equals(type)) {
      throw new MetadataException("expected _type Targets, found " + type);
    }
    Map<String, TufKey> keys = new LinkedHashMap<>();
    List<DelegatedRole> roles = new ArrayList<>();
    Object d = signed.get("delegations");
    if (d != null) {
      Map<String, Object> del = Json.asMap(d, "delegations");
      if (del.get("keys") != null) {
        for (Map.Entry<String, Object> e :
            Json.asMap(del.get("keys"), "delegations.keys").entrySet()) {
          keys.put(e.getKey(), TufKey.fromJson(e.getValue(), "delegations.keys." + e.getKey()));
        }
      }
      if (del.get("roles") != null) {
        for (Object o : Json.asList(del.get("roles"), "delegations.roles")) {
          roles.add(DelegatedRole.fromJson(o));
        }
      }
    }
    Object t = signed.get("targets");
    return new Targets(
        Json.asVersion(signed.get("version"), "targets.version"),
        Expiry.parse(Json.asString(signed.get("expires"), "targets.expires")),
        t == null ? Map.of() : Json.asMap(t, "targets.targets"),
        keys,
        roles);
  }
}
