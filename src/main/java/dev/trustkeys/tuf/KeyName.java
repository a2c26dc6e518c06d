package dev.trustkeys.tuf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a key is named to people: by the ID {@code keys list} shows (the plain key's), adding the
 * certificate ID when metadata names the key by a certificate, as root.json does: {@code key
 * df0db5a (certificate 095ac07)}.
 *
 * @param id the plain key's ID, or {@code null} when the certificate cannot be read
 * @param certificateId the ID metadata uses when it differs from {@code id} (a certificate key),
 *     else {@code null}
 */
public record KeyName(String id, String certificateId) {
  private static final int SHORT = 7;

  /**
   * The name of {@code key}, listed in metadata as {@code metadataId}; an unknown key keeps its
   * metadata ID.
   */
  public static KeyName of(String metadataId, TufKey key) {
    if (key == null || !key.isCertificate()) {
      return new KeyName(metadataId, null);
    }
    try {
      return new KeyName(key.canonicalId().hex(), metadataId);
    } catch (MetadataException e) {
      return new KeyName(null, metadataId);
    }
  }

  public static KeyName of(TufKey key) {
    return of(key.id().hex(), key);
  }

  /** {@code df0db5a (certificate 095ac07)}, or {@code df0db5a} for a plain key. */
  public String label() {
    return label(false);
  }

  /** The full key ID (a fingerprint to compare), with the short certificate ID. */
  public String fullLabel() {
    return label(true);
  }

  private String label(boolean full) {
    if (id == null) {
      return "certificate " + shorten(certificateId) + " (unreadable)";
    }
    String k = full ? id : shorten(id);
    return certificateId == null ? k : k + " (certificate " + shorten(certificateId) + ")";
  }

  private static String shorten(String hex) {
    return hex.length() > SHORT ? hex.substring(0, SHORT) : hex;
  }

  /** For {@code --json}: {@code {"id": ..., "certificate_id": ...}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("certificate_id", certificateId);
    return m;
  }
}
