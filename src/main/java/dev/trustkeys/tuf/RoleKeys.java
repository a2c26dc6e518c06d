package dev.trustkeys.tuf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A role's entry in root.json: the key IDs allowed to sign for it and how many signatures it needs.
 */
public record RoleKeys(List<String> keyIds, int threshold) {
  public RoleKeys {
    keyIds = List.copyOf(keyIds);
    if (threshold < 1) {
      throw new IllegalArgumentException("a threshold must be at least 1, not " + threshold);
    }
    if (threshold > keyIds.size()) {
      throw new IllegalArgumentException(
          "threshold " + threshold + " cannot be met by " + keyIds.size() + " key(s)");
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keyids", keyIds);
    m.put("threshold", (long) threshold);
    return m;
  }

  static RoleKeys fromJson(Object json, String what) throws MetadataException {
    Map<String, Object> m = Json.asMap(json, what);
    List<Object> ids = Json.asList(m.get("keyids"), what + ".keyids");
    List<String> keyIds = new java.util.ArrayList<>();
    for (Object o : ids) {
      keyIds.add(Json.asString(o, what + ".keyids[]"));
    }
    int t = Json.asThreshold(m.get("threshold"), what + ".threshold");
    try {
      return new RoleKeys(keyIds, t);
    } catch (IllegalArgumentException e) {
      throw new MetadataException(what + ": " + e.getMessage());
    }
  }
}
