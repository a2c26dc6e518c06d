package dev.trustkeys.tuf1;

import dev.trustkeys.metadata.MetadataFormatException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OLPC canonical JSON as securesystemslib's {@code encode_canonical} writes it, the bytes TUF 1.0
 * signs and hashes for key IDs: object keys sorted by code point, no whitespace, strings with only
 * {@code \} and {@code "} escaped (every other character, newlines included, written as itself),
 * integers only, UTF-8. Values it cannot represent (fractions, lone surrogates, other types) are
 * refused, never approximated.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The canonical bytes of a JSON value tree. */
  public static byte[] encode(Object value) throws MetadataFormatException {
    StringBuilder sb = new StringBuilder();
    write(sb, value, "");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(StringBuilder sb, Object v, String path)
      throws MetadataFormatException {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      string(sb, (String) v, path);
    } else if (v instanceof Boolean) {
      sb.append(((Boolean) v) ? "true" : "false");
    } else if (v instanceof Long || v instanceof Integer || v instanceof BigInteger) {
      sb.append(v);
    } else if (v instanceof Map) {
      List<String> keys = new ArrayList<>();
      for (Object k : ((Map<?, ?>) v).keySet()) {
        if (!(k instanceof String)) {
          throw new MetadataFormatException(
              "canonical JSON: a key of " + where(path) + " is not a string");
        }
        keys.add((String) k);
      }
      keys.sort(CanonicalJson::compareCodePoints);
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        String k = keys.get(i);
        string(sb, k, path);
        sb.append(':');
        write(sb, ((Map<?, ?>) v).get(k), path + "." + k);
      }
      sb.append('}');
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, l.get(i), path + "[" + i + "]");
      }
      sb.append(']');
    } else if (v instanceof Number) {
      throw new MetadataFormatException(
          "canonical JSON has no fractional numbers: " + where(path) + " is " + v);
    } else {
      throw new MetadataFormatException("canonical JSON cannot hold " + where(path));
    }
  }

  private static void string(StringBuilder sb, String s, String path)
      throws MetadataFormatException {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new MetadataFormatException(
            "canonical JSON: "
                + where(path)
                + " holds a lone UTF-16 surrogate"
                + String.format(" (\\u%04x), which is not Unicode text", (int) c));
      }
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  private static String where(String path) {
    return path.isEmpty() ? "the document" : "'" + path.substring(1) + "'";
  }

  /** Python's order of str: by code point (not by UTF-16 unit, which differs above U+FFFF). */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
