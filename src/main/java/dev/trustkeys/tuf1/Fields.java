package dev.trustkeys.tuf1;

import dev.trustkeys.metadata.MetadataFormatException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of a parsed JSON tree; a missing or mistyped field is a {@link
 * MetadataFormatException} naming it.
 */
final class Fields {
  private Fields() {}

  static Object required(Map<String, Object> m, String key, String where)
      throws MetadataFormatException {
    if (!m.containsKey(key)) {
      throw new MetadataFormatException(where + " has no '" + key + "'");
    }
    return m.get(key);
  }

  static String string(Map<String, Object> m, String key, String where)
      throws MetadataFormatException {
    Object v = required(m, key, where);
    if (!(v instanceof String)) {
      throw new MetadataFormatException(where + "." + key + " is not a string");
    }
    return (String) v;
  }

  static long integer(Map<String, Object> m, String key, String where)
      throws MetadataFormatException {
    Object v = required(m, key, where);
    if (!(v instanceof Long)) {
      throw new MetadataFormatException(
          where
              + "."
              + key
              + " is not an integer"
              + (v instanceof BigInteger ? " that fits in 64 bits" : ""));
    }
    return (Long) v;
  }

  static boolean bool(Map<String, Object> m, String key, String where)
      throws MetadataFormatException {
    Object v = required(m, key, where);
    if (!(v instanceof Boolean)) {
      throw new MetadataFormatException(where + "." + key + " is not true or false");
    }
    return (Boolean) v;
  }

  static Map<String, Object> map(Map<String, Object> m, String key, String where)
      throws MetadataFormatException {
    return asMap(required(m, key, where), where + "." + key);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object v, String where) throws MetadataFormatException {
    if (!(v instanceof Map)) {
      throw new MetadataFormatException(where + " is not an object");
    }
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> m, String key, String where)
      throws MetadataFormatException {
    Object v = required(m, key, where);
    if (!(v instanceof List)) {
      throw new MetadataFormatException(where + "." + key + " is not a list");
    }
    return (List<Object>) v;
  }

  static List<String> strings(Map<String, Object> m, String key, String where)
      throws MetadataFormatException {
    List<String> out = new ArrayList<>();
    for (Object o : list(m, key, where)) {
      if (!(o instanceof String)) {
        throw new MetadataFormatException(
            where + "." + key + " holds a value that is not a string");
      }
      out.add((String) o);
    }
    return out;
  }
}
