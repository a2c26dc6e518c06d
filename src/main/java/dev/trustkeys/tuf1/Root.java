package dev.trustkeys.tuf1;

import dev.trustkeys.metadata.MetadataFormatException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A read view of root metadata: its keys and who signs each top-level role. */
public record Root(
    long version,
    Instant expires,
    boolean consistentSnapshot,
    Map<String, Tuf1Key> keys,
    Map<String, RoleKeys> roles) {

  public static Root of(Metadata md) throws MetadataFormatException {
    if (!md.type().equals("root")) {
      throw new MetadataFormatException("expected root metadata, found " + md.type());
    }
    Map<String, Object> s = md.signed();
    Map<String, Tuf1Key> keys = keys(Fields.map(s, "keys", "root"));
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    Map<String, Object> r = Fields.map(s, "roles", "root");
    for (String name : Metadata.TYPES) {
      roles.put(name, RoleKeys.read(Fields.map(r, name, "root.roles"), "root.roles." + name));
    }
    boolean consistent =
        s.containsKey("consistent_snapshot") && Fields.bool(s, "consistent_snapshot", "root");
    return new Root(md.version(), md.expires(), consistent, keys, roles);
  }

  static Map<String, Tuf1Key> keys(Map<String, Object> json) throws MetadataFormatException {
    Map<String, Tuf1Key> keys = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : json.entrySet()) {
      keys.put(
          e.getKey(), Tuf1Key.listed(e.getKey(), Fields.asMap(e.getValue(), "key " + e.getKey())));
    }
    return keys;
  }

  public RoleKeys role(String name) {
    return roles.get(name);
  }
}
