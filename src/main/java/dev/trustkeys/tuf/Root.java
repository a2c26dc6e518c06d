package dev.trustkeys.tuf;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code signed} part of Notary's root.json: version, expiry, every key (old root certificates
 * are kept so old IDs still resolve) and the four base roles.
 */
public record Root(
    long version,
    Instant expires,
    boolean consistentSnapshot,
    Map<String, TufKey> keys,
    Map<String, RoleKeys> roles) {
  public static final String TYPE = "Root";

  public Root {
    if (version < 1) {
      throw new IllegalArgumentException("root version must be at least 1");
    }
    keys = Map.copyOf(keys);
    roles = Map.copyOf(roles);
    for (Map.Entry<String, RoleKeys> r : roles.entrySet()) {
      for (String id : r.getValue().keyIds()) {
        if (!keys.containsKey(id)) {
          throw new IllegalArgumentException(
              "role " + r.getKey() + " names key " + id + " that root does not list");
        }
      }
    }
  }

  public RoleKeys role(String name) throws MetadataException {
    RoleKeys r = roles.get(name);
    if (r == null) {
      throw new MetadataException("root.json has no " + name + " role");
    }
    return r;
  }

  /** The keys of one role, in the order of its keyids. */
  public Map<String, TufKey> keysOf(String roleName) throws MetadataException {
    Map<String, TufKey> out = new LinkedHashMap<>();
    for (String id : role(roleName).keyIds()) {
      out.put(id, keys.get(id));
    }
    return out;
  }

  public Map<String, Object> toJson() {
    Map<String, Object> k = new TreeMap<>();
    keys.forEach((id, key) -> k.put(id, key.toJson()));
    Map<String, Object> r = new TreeMap<>();
    roles.forEach((name, role) -> r.put(name, role.toJson()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("_type", TYPE);
    m.put("consistent_snapshot", consistentSnapshot);
    m.put("expires", Expiry.format(expires));
    m.put("keys", k);
    m.put("roles", r);
    m.put("version", version);
    return m;
  }

  public static Root fromJson(Map<String, Object> signed) throws MetadataException {
    String type = Json.asString(signed.get("_type"), "root._type");
    if (!TYPE.equals(type)) {
      throw new MetadataException("expected _type Root, found " + type);
    }
    Map<String, TufKey> keys = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : Json.asMap(signed.get("keys"), "root.keys").entrySet()) {
      TufKey k = TufKey.fromJson(e.getValue(), "root.keys." + e.getKey());
      if (!k.id().hex().equals(e.getKey())) {
        throw new MetadataException("root.keys: key listed as " + e.getKey() + " has ID " + k.id());
      }
      keys.put(e.getKey(), k);
    }
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : Json.asMap(signed.get("roles"), "root.roles").entrySet()) {
      roles.put(e.getKey(), RoleKeys.fromJson(e.getValue(), "root.roles." + e.getKey()));
    }
    Object cs = signed.get("consistent_snapshot");
    try {
      return new Root(
          Json.asLong(signed.get("version"), "root.version", 1, Long.MAX_VALUE),
          Expiry.parse(Json.asString(signed.get("expires"), "root.expires")),
          Boolean.TRUE.equals(cs),
          keys,
          roles);
    } catch (IllegalArgumentException e) {
      throw new MetadataException("root.json: " + e.getMessage());
    }
  }

  /**
   * A copy whose role {@code roleName} has {@code newKeys} and {@code threshold}. Keys the role no
   * longer uses are dropped unless another role uses them, except root keys: Notary keeps old root
   * certificates so that old IDs still resolve.
   */
  public Root withRole(String roleName, java.util.List<TufKey> newKeys, int threshold) {
    Map<String, TufKey> k = new LinkedHashMap<>(keys);
    Map<String, RoleKeys> r = new LinkedHashMap<>(roles);
    RoleKeys old = r.get(roleName);
    r.put(roleName, new RoleKeys(newKeys.stream().map(n -> n.id().hex()).toList(), threshold));
    if (old != null && !roleName.equals("root")) {
      for (String id : old.keyIds()) {
        boolean used = r.values().stream().anyMatch(x -> x.keyIds().contains(id));
        if (!used) {
          k.remove(id);
        }
      }
    }
    newKeys.forEach(n -> k.put(n.id().hex(), n));
    return new Root(version, expires, consistentSnapshot, k, r);
  }

  /** The next version, expiring at {@code newExpiry}. */
  public Root next(Instant newExpiry) {
    return new Root(version + 1, newExpiry, consistentSnapshot, keys, roles);
  }

  public Root withVersion(long v, Instant newExpiry) {
    return new Root(v, newExpiry, consistentSnapshot, keys, roles);
  }
}
