package dev.trustkeys.tuf1;

import dev.trustkeys.metadata.MetadataFormatException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a metadata file is laid out, so that a file keys rewrites keeps the look its tool gave it.
 * python-tuf's {@code Metadata.to_file} with its default {@code JSONSerializer} (which tuf-on-ci
 * and RSTUF use) writes {@code json.dumps(indent=1, separators=(",", ": "), sort_keys=True)}: one
 * space per level, keys sorted, non-ASCII escaped as {@code \\uXXXX}, no newline at the end; {@code
 * compact=True} writes no whitespace at all. go-tuf (the first Sigstore roots) indents with tabs
 * and keeps its struct order. {@link #detect} reads these properties off a file; {@link
 * #PYTHON_TUF} is what keys writes for new files.
 */
public record JsonStyle(String indent, boolean sortKeys, boolean asciiOnly, boolean finalNewline) {
  /** python-tuf's {@code JSONSerializer()}: what keys writes. */
  public static final JsonStyle PYTHON_TUF = new JsonStyle(" ", true, true, false);

  /** The style of {@code raw}, whose parsed tree is {@code tree}. */
  public static JsonStyle detect(byte[] raw, Object tree) {
    String indent = null;
    int nl = indexOf(raw, (byte) '\n', 0);
    if (nl >= 0) {
      int end = nl + 1;
      while (end < raw.length && (raw[end] == ' ' || raw[end] == '\t')) {
        end++;
      }
      indent = new String(raw, nl + 1, end - nl - 1, StandardCharsets.US_ASCII);
    }
    boolean ascii = true;
    for (byte b : raw) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    boolean newline = raw.length > 0 && raw[raw.length - 1] == '\n';
    return new JsonStyle(indent, sorted(tree), ascii, newline);
  }

  /** The file bytes of {@code tree} in this style. */
  public byte[] write(Object tree) throws MetadataFormatException {
    StringBuilder sb = new StringBuilder();
    value(sb, tree, 0);
    if (finalNewline) {
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void value(StringBuilder sb, Object v, int level) throws MetadataFormatException {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      string(sb, (String) v);
    } else if (v instanceof Boolean
        || v instanceof Long
        || v instanceof Integer
        || v instanceof BigInteger) {
      sb.append(v);
    } else if (v instanceof Number) {
      sb.append(v);
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      List<String> keys = new ArrayList<>();
      for (Object k : m.keySet()) {
        keys.add((String) k);
      }
      if (sortKeys) {
        keys.sort(CanonicalJson::compareCodePoints);
      }
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        newline(sb, level + 1);
        string(sb, keys.get(i));
        sb.append(indent == null ? ":" : ": ");
        value(sb, m.get(keys.get(i)), level + 1);
      }
      if (!keys.isEmpty()) {
        newline(sb, level);
      }
      sb.append('}');
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        newline(sb, level + 1);
        value(sb, l.get(i), level + 1);
      }
      if (!l.isEmpty()) {
        newline(sb, level);
      }
      sb.append(']');
    } else {
      throw new MetadataFormatException(
          "cannot write a " + v.getClass().getSimpleName() + " as JSON");
    }
  }

  private void newline(StringBuilder sb, int level) {
    if (indent != null) {
      sb.append('\n').append(indent.repeat(level));
    }
  }

  /**
   * Python's {@code json.dumps} string escaping (with {@code ensure_ascii} when {@link
   * #asciiOnly}).
   */
  private void string(StringBuilder sb, String s) throws MetadataFormatException {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
            throw new MetadataFormatException(
                "a string holds a lone UTF-16 surrogate: not Unicode text");
          }
          if (c < 0x20 || (asciiOnly && c >= 0x7f)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static boolean pairedSurrogate(String s, int i) {
    char c = s.charAt(i);
    return Character.isHighSurrogate(c)
        ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
        : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static boolean sorted(Object v) {
    if (v instanceof Map) {
      String prev = null;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        String k = (String) e.getKey();
        if (prev != null && CanonicalJson.compareCodePoints(prev, k) > 0) {
          return false;
        }
        prev = k;
        if (!sorted(e.getValue())) {
          return false;
        }
      }
    } else if (v instanceof List) {
      for (Object o : (List<?>) v) {
        if (!sorted(o)) {
          return false;
        }
      }
    }
    return true;
  }

  private static int indexOf(byte[] a, byte b, int from) {
    for (int i = from; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
