package dev.trustkeys.tuf;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code signed} part of snapshot.json or timestamp.json: version, expiry and the files it
 * pins.
 */
public record Snapshot(String type, long version, Instant expires, Map<String, FileMeta> meta) {
  public static final String SNAPSHOT = "Snapshot";
  public static final String TIMESTAMP = "Timestamp";

  public Snapshot {
    meta = Map.copyOf(meta);
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> files = new TreeMap<>();
    meta.forEach((k, v) -> files.put(k, v.toJson()));
    m.put("_type", type);
    m.put("expires", Expiry.format(expires));
    m.put("meta", files);
    m.put("version", version);
    return m;
  }

  public static Snapshot fromJson(Map<String, Object> signed) throws MetadataException {
    String type = Json.asString(signed.get("_type"), "_type");
    if (!SNAPSHOT.equals(type) && !TIMESTAMP.equals(type)) {
      throw new MetadataException("expected _type Snapshot or Timestamp, found " + type);
    }
    Map<String, FileMeta> meta = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : Json.asMap(signed.get("meta"), "meta").entrySet()) {
      meta.put(e.getKey(), FileMeta.fromJson(e.getValue(), "meta." + e.getKey()));
    }
    return new Snapshot(
        type,
        Json.asVersion(signed.get("version"), type.toLowerCase(java.util.Locale.ROOT) + ".version"),
        Expiry.parse(Json.asString(signed.get("expires"), "expires")),
        meta);
  }
}
