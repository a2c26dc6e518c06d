package dev.trustkeys.tuf;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The entries of a targets-role file ({@code targets.json} or a delegation's): a name (for Docker,
 * a tag) with the length and hashes of what it names (for Docker, the image manifest). Entries that
 * are not edited are kept exactly as read, {@code custom} data included.
 */
public final class TargetFiles {
  private TargetFiles() {}

  /**
   * An entry for content of {@code length} bytes whose SHA-256 is {@code sha256}, as Docker writes
   * a tag.
   */
  public static FileMeta sha256(byte[] sha256, long length) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
    }
    if (length < 0) {
      throw new IllegalArgumentException("a length cannot be negative: " + length);
    }
    return new FileMeta(length, Map.of("sha256", sha256));
  }

  /** The entry named {@code name}, if the file lists it. */
  public static Optional<FileMeta> get(Targets t, String name) throws MetadataException {
    Object o = t.targets().get(name);
    return o == null ? Optional.empty() : Optional.of(FileMeta.fromJson(o, "targets." + name));
  }

  /** Every entry, by name. */
  public static Map<String, FileMeta> all(Targets t) throws MetadataException {
    Map<String, FileMeta> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : t.targets().entrySet()) {
      out.put(e.getKey(), FileMeta.fromJson(e.getValue(), "targets." + e.getKey()));
    }
    return out;
  }

  /**
   * The hex SHA-256 of an entry, as {@code docker trust inspect} prints it ("" when it has none).
   */
  public static String sha256Hex(FileMeta m) {
    byte[] h = m.hashes().get("sha256");
    return h == null ? "" : java.util.HexFormat.of().formatHex(h);
  }

  /** A copy with {@code entries} added or replaced (same version and expiry). */
  public static Targets with(Targets t, Map<String, FileMeta> entries) {
    Map<String, Object> m = new LinkedHashMap<>(t.targets());
    entries.forEach((name, meta) -> m.put(name, meta.toJson()));
    return new Targets(t.version(), t.expires(), m, t.delegationKeys(), t.delegationRoles());
  }

  /** A copy without the entries named (same version and expiry). */
  public static Targets without(Targets t, Collection<String> names) {
    Map<String, Object> m = new LinkedHashMap<>(t.targets());
    m.keySet().removeAll(names);
    return new Targets(t.version(), t.expires(), m, t.delegationKeys(), t.delegationRoles());
  }
}
