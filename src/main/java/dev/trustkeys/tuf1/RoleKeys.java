package dev.trustkeys.tuf1;

import dev.trustkeys.metadata.MetadataFormatException;
import java.util.List;
import java.util.Map;

/**
 * Who may sign a role: its key IDs and threshold (with any custom fields of the entry, such as
 * expiry periods).
 */
public record RoleKeys(List<String> keyIds, int threshold, Map<String, Object> json) {
  public RoleKeys {
    keyIds = List.copyOf(keyIds);
  }

  static RoleKeys read(Map<String, Object> m, String where) throws MetadataFormatException {
    long t = Fields.integer(m, "threshold", where);
    if (t < 1 || t > Integer.MAX_VALUE) {
      throw new MetadataFormatException(where + ".threshold " + t + " is not a positive integer");
    }
    return new RoleKeys(Fields.strings(m, "keyids", where), (int) t, m);
  }

  /** An integer custom field of the entry (such as {@code x-tuf-on-ci-expiry-period}), or null. */
  public Long customInteger(String name) {
    Object v = json.get(name);
    return v instanceof Long ? (Long) v : null;
  }
}
