package dev.trustkeys.tuf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Length and hashes of a metadata file, as snapshot and timestamp list them (sha256 and sha512,
 * base64).
 */
public record FileMeta(long length, Map<String, byte[]> hashes) {
  public FileMeta {
    Map<String, byte[]> copy = new TreeMap<>();
    hashes.forEach((k, v) -> copy.put(k, v.clone()));
    hashes = java.util.Collections.unmodifiableMap(copy);
  }

  public static FileMeta of(byte[] file) {
    Map<String, byte[]> h = new TreeMap<>();
    h.put("sha256", digest("SHA-256", file));
    h.put("sha512", digest("SHA-512", file));
    return new FileMeta(file.length, h);
  }

  /** Whether {@code file} has this length and every listed hash (at least one). */
  public boolean matches(byte[] file) {
    if (file.length != length || hashes.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : hashes.entrySet()) {
      String alg =
          e.getKey().equals("sha256") ? "SHA-256" : e.getKey().equals("sha512") ? "SHA-512" : null;
      if (alg == null || !MessageDigest.isEqual(digest(alg, file), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  static byte[] digest(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(alg + " missing", e);
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> h = new TreeMap<>();
    hashes.forEach((k, v) -> h.put(k, Base64.getEncoder().encodeToString(v)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hashes", h);
    m.put("length", length);
    return m;
  }

  static FileMeta fromJson(Object json, String what) throws MetadataException {
    Map<String, Object> m = Json.asMap(json, what);
    Map<String, byte[]> h = new TreeMap<>();
    for (Map.Entry<String, Object> e : Json.asMap(m.get("hashes"), what + ".hashes").entrySet()) {
      try {
        h.put(
            e.getKey(),
            Base64.getDecoder()
                .decode(Json.asString(e.getValue(), what + ".hashes." + e.getKey())));
      } catch (IllegalArgumentException ex) {
        throw new MetadataException(what + ".hashes." + e.getKey() + " is not base64");
      }
    }
    return new FileMeta(Json.asLength(m.get("length"), what + ".length"), h);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FileMeta) || ((FileMeta) o).length != length) {
      return false;
    }
    Map<String, byte[]> other = ((FileMeta) o).hashes;
    if (!other.keySet().equals(hashes.keySet())) {
      return false;
    }
    for (String k : hashes.keySet()) {
      if (!Arrays.equals(hashes.get(k), other.get(k))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(length);
  }
}
