package dev.trustkeys.backup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON the manifest needs: objects keep their order, strings, integers, booleans, null. The parser is strict
 * (one value, no trailing data, depth at most 16, duplicate keys refused) because it reads untrusted archives.
 */
final class MiniJson {
  private static final int MAX_DEPTH = 16;
  private final String s;
  private int pos;

  private MiniJson(String s) {
    this.s = s;
  }

  static String write(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v, 0);
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object v, int indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String) {
      string(sb, (String) v);
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      boolean flat = indent >= 2;
      sb.append('{');
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(i++ == 0 ? "" : ",");
        if (!flat) {
          sb.append('\n').append("  ".repeat(indent + 1));
        }
        string(sb, String.valueOf(e.getKey()));
        sb.append(flat ? ":" : ": ");
        write(sb, e.getValue(), indent + 1);
      }
      if (!flat && !m.isEmpty()) {
        sb.append('\n').append("  ".repeat(indent));
      }
      sb.append('}');
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ",").append('\n').append("  ".repeat(indent + 1));
        write(sb, l.get(i), indent + 1);
      }
      if (!l.isEmpty()) {
        sb.append('\n').append("  ".repeat(indent));
      }
      sb.append(']');
    } else {
      string(sb, v.toString());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /** Parses one JSON value; objects become ordered maps, numbers longs. */
  static Object parse(String text) throws ArchiveFormatException {
    MiniJson p = new MiniJson(text);
    Object v = p.value(0);
    p.ws();
    if (p.pos != text.length()) {
      throw p.error("trailing data");
    }
    return v;
  }

  private Object value(int depth) throws ArchiveFormatException {
    if (depth > MAX_DEPTH) {
      throw error("nested too deeply");
    }
    ws();
    if (pos >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return str();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object(int depth) throws ArchiveFormatException {
    Map<String, Object> m = new LinkedHashMap<>();
    pos++;
    ws();
    if (peek('}')) {
      pos++;
      return m;
    }
    while (true) {
      ws();
      if (!peek('"')) {
        throw error("expected a key");
      }
      String k = str();
      ws();
      expect(':');
      Object v = value(depth + 1);
      if (m.containsKey(k)) {
        throw error("duplicate key '" + k + "'");
      }
      m.put(k, v);
      ws();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect('}');
      return m;
    }
  }

  private List<Object> array(int depth) throws ArchiveFormatException {
    List<Object> l = new ArrayList<>();
    pos++;
    ws();
    if (peek(']')) {
      pos++;
      return l;
    }
    while (true) {
      l.add(value(depth + 1));
      ws();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect(']');
      return l;
    }
  }

  private String str() throws ArchiveFormatException {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < s.length()) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        if (pos >= s.length()) {
          break;
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"':
          case '\\':
          case '/':
            sb.append(e);
            break;
          case 'n':
            sb.append('\n');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'u':
            if (pos + 4 > s.length()) {
              throw error("bad escape");
            }
            try {
              sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad escape");
            }
            pos += 4;
            break;
          default:
            throw error("bad escape");
        }
      } else if (c < 0x20) {
        throw error("control character in a string");
      } else {
        sb.append(c);
      }
    }
    throw error("unterminated string");
  }

  private Long number() throws ArchiveFormatException {
    int start = pos;
    if (peek('-')) {
      pos++;
    }
    while (pos < s.length() && Character.isDigit(s.charAt(pos)) && pos - start < 19) {
      pos++;
    }
    if (pos == start || (pos < s.length() && (s.charAt(pos) == '.' || s.charAt(pos) == 'e' || s.charAt(pos) == 'E'))) {
      throw error("expected a value");
    }
    try {
      return Long.parseLong(s.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error("bad number");
    }
  }

  private Object literal(String word, Object v) throws ArchiveFormatException {
    if (!s.startsWith(word, pos)) {
      throw error("expected a value");
    }
    pos += word.length();
    return v;
  }

  private boolean peek(char c) {
    return pos < s.length() && s.charAt(pos) == c;
  }

  private void expect(char c) throws ArchiveFormatException {
    if (!peek(c)) {
      throw error("expected '" + c + "'");
    }
    pos++;
  }

  private void ws() {
    while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\n' || s.charAt(pos) == '\r' || s.charAt(pos) == '\t')) {
      pos++;
    }
  }

  private ArchiveFormatException error(String what) {
    return new ArchiveFormatException("the manifest is not valid JSON (" + what + " at offset " + pos + ")");
  }
}
