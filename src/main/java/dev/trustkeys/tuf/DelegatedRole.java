package dev.trustkeys.tuf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A delegation in targets.json: name ({@code targets/releases}), key IDs, threshold and paths. */
public record DelegatedRole(String name, List<String> keyIds, int threshold, List<String> paths) {
  public DelegatedRole {
    keyIds = List.copyOf(keyIds);
    paths = List.copyOf(paths);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keyids", keyIds);
    m.put("name", name);
    m.put("paths", paths);
    m.put("threshold", (long) threshold);
    return m;
  }

  static DelegatedRole fromJson(Object json) throws MetadataException {
    Map<String, Object> m = Json.asMap(json, "delegation role");
    List<String> ids = new ArrayList<>();
    for (Object o : Json.asList(m.get("keyids"), "delegation keyids")) {
      ids.add(Json.asString(o, "delegation keyid"));
    }
    List<String> paths = new ArrayList<>();
    if (m.get("paths") != null) {
      for (Object o : Json.asList(m.get("paths"), "delegation paths")) {
        paths.add(Json.asString(o, "delegation path"));
      }
    }
    return new DelegatedRole(
        Json.asString(m.get("name"), "delegation name"),
        ids,
        Json.asThreshold(m.get("threshold"), "delegation threshold"),
        paths);
  }
}
