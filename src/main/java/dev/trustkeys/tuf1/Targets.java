package dev.trustkeys.tuf1;

import dev.trustkeys.metadata.MetadataFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read view of targets metadata (top-level or delegated): its target files and its delegations.
 */
public record Targets(
    long version,
    Instant expires,
    Map<String, FileMeta> targets,
    Map<String, Tuf1Key> delegationKeys,
    List<Delegation> delegations) {

  public static Targets of(Metadata md) throws MetadataFormatException {
    if (!md.type().equals("targets")) {
      throw new MetadataFormatException("expected targets metadata, found " + md.type());
    }
    Map<String, Object> s = md.signed();
    Map<String, FileMeta> targets = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : Fields.map(s, "targets", "targets").entrySet()) {
      targets.put(
          e.getKey(),
          FileMeta.readTarget(
              Fields.asMap(e.getValue(), "target " + e.getKey()), "target '" + e.getKey() + "'"));
    }
    Map<String, Tuf1Key> keys = new LinkedHashMap<>();
    List<Delegation> roles = new ArrayList<>();
    if (s.get("delegations") != null) {
      Map<String, Object> d = Fields.map(s, "delegations", "targets");
      keys = Root.keys(Fields.map(d, "keys", "delegations"));
      for (Object o : Fields.list(d, "roles", "delegations")) {
        Delegation del = Delegation.read(Fields.asMap(o, "a delegated role"), "delegated role");
        for (Delegation earlier : roles) {
          if (earlier.name().equals(del.name())) {
            throw new MetadataFormatException(
                "delegated role '" + del.name() + "' is listed twice");
          }
        }
        roles.add(del);
      }
    }
    return new Targets(md.version(), md.expires(), targets, keys, roles);
  }

  public Delegation delegation(String name) {
    for (Delegation d : delegations) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }
}
