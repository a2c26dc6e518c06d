package dev.trustkeys.tuf1;

import dev.trustkeys.metadata.MetadataFormatException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What snapshot and timestamp say of a metadata file ({@code version}, optional {@code length} and
 * {@code hashes}), and what targets say of a target file ({@code length} and {@code hashes};
 * version 0 there).
 */
public record FileMeta(long version, Long length, Map<String, String> hashes) {
  public FileMeta {
    hashes = Map.copyOf(hashes);
  }

  static FileMeta readMeta(Map<String, Object> m, String where) throws MetadataFormatException {
    long v = Fields.integer(m, "version", where);
    Long length = m.containsKey("length") ? Fields.integer(m, "length", where) : null;
    return new FileMeta(v, length, m.containsKey("hashes") ? hashes(m, where) : Map.of());
  }

  static FileMeta readTarget(Map<String, Object> m, String where) throws MetadataFormatException {
    FileMeta f = new FileMeta(0, Fields.integer(m, "length", where), hashes(m, where));
    if (f.hashes.isEmpty()) {
      throw new MetadataFormatException(where + ".hashes is empty");
    }
    return f;
  }

  private static Map<String, String> hashes(Map<String, Object> m, String where)
      throws MetadataFormatException {
    Map<String, String> h = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : Fields.map(m, "hashes", where).entrySet()) {
      if (!(e.getValue() instanceof String)) {
        throw new MetadataFormatException(where + ".hashes." + e.getKey() + " is not a string");
      }
      h.put(e.getKey(), (String) e.getValue());
    }
    return h;
  }

  /** The meta entry of {@code data} with length and SHA-256 (what keys writes). */
  static FileMeta of(long version, byte[] data) {
    return new FileMeta(version, (long) data.length, Map.of("sha256", digest("sha256", data)));
  }

  /**
   * The first way {@code data} differs from this entry (length, then each hash), or null when it
   * matches. A hash algorithm this JDK lacks is a difference: a file that cannot be checked is not
   * accepted.
   */
  String mismatch(byte[] data) {
    if (length != null && length != data.length) {
      return "length " + data.length + " where " + length + " is expected";
    }
    for (Map.Entry<String, String> e : hashes.entrySet()) {
      String actual = digest(e.getKey(), data);
      if (actual == null) {
        return "hash algorithm '" + e.getKey() + "' is not supported";
      }
      if (!actual.equalsIgnoreCase(e.getValue())) {
        return e.getKey() + " " + actual + " where " + e.getValue() + " is expected";
      }
    }
    return null;
  }

  Map<String, Object> toJson(boolean withVersion) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!hashes.isEmpty()) {
      m.put("hashes", new LinkedHashMap<String, Object>(hashes));
    }
    if (length != null) {
      m.put("length", length);
    }
    if (withVersion) {
      m.put("version", version);
    }
    return m;
  }

  static String digest(String algorithm, byte[] data) {
    String jca;
    switch (algorithm) {
      case "sha256":
        jca = "SHA-256";
        break;
      case "sha384":
        jca = "SHA-384";
        break;
      case "sha512":
        jca = "SHA-512";
        break;
      default:
        return null;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(data));
    } catch (NoSuchAlgorithmException e) {
      return null;
    }
  }
}
