package dev.trustkeys.tuf;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON parser and the canonical writer of {@code github.com/docker/go/canonical/json}, which Notary signs
 * with: object keys sorted by their UTF-8 bytes, no whitespace, integers only (no floats), and in strings only
 * {@code "} and {@code \} escaped; every other character, control characters included, is written as raw UTF-8.
 *
 * <p>Values are {@code Map<String,Object>}, {@code List<Object>}, {@code String}, {@code Long} (or
 * {@code BigInteger}), {@code Boolean} and {@code null}. The parser refuses decimals and exponents (a
 * {@link MetadataException}), as the canonical writer cannot write them.
 */
public final class Json {
  /** Orders keys as Go's {@code sort.Strings} does: by UTF-8 bytes. */
  public static final Comparator<String> KEY_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private Json() {}

  /** The canonical bytes of {@code value}. */
  public static byte[] canonical(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(value, out);
    return out.toByteArray();
  }

  public static String canonicalString(Object value) {
    return new String(canonical(value), StandardCharsets.UTF_8);
  }

  private static void write(Object v, ByteArrayOutputStream out) {
    if (v == null) {
      out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
    } else if (v instanceof String) {
      writeString((String) v, out);
    } else if (v instanceof Boolean) {
      out.writeBytes(v.toString().getBytes(StandardCharsets.US_ASCII));
    } else if (v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof Short) {
      out.writeBytes(v.toString().getBytes(StandardCharsets.US_ASCII));
    } else if (v instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) v;
      try {
        out.writeBytes(d.toBigIntegerExact().toString().getBytes(StandardCharsets.US_ASCII));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("canonical JSON has no floating-point numbers: " + d, e);
      }
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      List<String> keys = new ArrayList<>();
      for (Object k : m.keySet()) {
        keys.add((String) k);
      }
      keys.sort(KEY_ORDER);
      out.write('{');
      boolean first = true;
      for (String k : keys) {
        if (!first) {
          out.write(',');
        }
        first = false;
        writeString(k, out);
        out.write(':');
        write(m.get(k), out);
      }
      out.write('}');
    } else if (v instanceof Collection) {
      out.write('[');
      boolean first = true;
      for (Object e : (Collection<?>) v) {
        if (!first) {
          out.write(',');
        }
        first = false;
        write(e, out);
      }
      out.write(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
    }
  }

  private static void writeString(String s, ByteArrayOutputStream out) {
    out.write('"');
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (byte c : b) {
      if (c == '"' || c == '\\') {
        out.write('\\');
      }
      out.write(c);
    }
    out.write('"');
  }

  /** Parses a JSON text; objects keep their order of appearance. */
  public static Object parse(byte[] text) throws MetadataException {
    return parse(new String(text, StandardCharsets.UTF_8));
  }

  public static Object parse(String text) throws MetadataException {
    Parser p = new Parser(text);
    p.skipWs();
    Object v = p.value(0);
    p.skipWs();
    if (p.pos != text.length()) {
      throw p.error("trailing characters");
    }
    return v;
  }

  /** Parses a JSON object. */
  public static Map<String, Object> parseObject(byte[] text) throws MetadataException {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new MetadataException("expected a JSON object");
    }
    return asMap(v, "document");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object v, String what) throws MetadataException {
    if (!(v instanceof Map)) {
      throw new MetadataException(what + " must be a JSON object");
    }
    return (Map<String, Object>) v;
  }

  @SuppressWarnings("unchecked")
  static List<Object> asList(Object v, String what) throws MetadataException {
    if (!(v instanceof List)) {
      throw new MetadataException(what + " must be a JSON array");
    }
    return (List<Object>) v;
  }

  static String asString(Object v, String what) throws MetadataException {
    if (!(v instanceof String)) {
      throw new MetadataException(what + " must be a string");
    }
    return (String) v;
  }

  static long asLong(Object v, String what) throws MetadataException {
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof BigDecimal) {
      try {
        return ((BigDecimal) v).longValueExact();
      } catch (ArithmeticException e) {
        throw new MetadataException(what + " must be an integer");
      }
    }
    throw new MetadataException(what + " must be an integer");
  }

  private static final class Parser {
    private static final int MAX_DEPTH = 64;
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    MetadataException error(String what) {
      return new MetadataException("malformed JSON at offset " + pos + ": " + what);
    }

    void skipWs() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          break;
        }
      }
    }

    Object value(int depth) throws MetadataException {
      if (depth > MAX_DEPTH) {
        throw error("nested too deeply");
      }
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
          return string();
        case 't':
          return literal("true", Boolean.TRUE);
        case 'f':
          return literal("false", Boolean.FALSE);
        case 'n':
          return literal("null", null);
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw error("unexpected character '" + c + "'");
      }
    }

    private Object literal(String word, Object v) throws MetadataException {
      if (!s.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return v;
    }

    private Object number() throws MetadataException {
      int start = pos;
      if (s.charAt(pos) == '-') {
        pos++;
      }
      boolean integral = true;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c >= '0' && c <= '9') {
          pos++;
        } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
          integral = false;
          pos++;
        } else {
          break;
        }
      }
      String n = s.substring(start, pos);
      try {
        if (integral) {
          BigInteger b = new BigInteger(n);
          return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        // TUF metadata has integers only, and the canonical writer cannot write anything else: refusing decimals
        // here keeps hostile input (8.5, 1e999999999) from reaching it as an unchecked error or a huge BigInteger.
        new BigDecimal(n);
        throw error("'" + (n.length() > 40 ? n.substring(0, 40) + "..." : n) + "' is not an integer (metadata has"
            + " integers only)");
      } catch (NumberFormatException e) {
        throw error("bad number " + n);
      }
    }

    private Map<String, Object> object(int depth) throws MetadataException {
      Map<String, Object> m = new LinkedHashMap<>();
      pos++;
      skipWs();
      if (pos < s.length() && s.charAt(pos) == '}') {
        pos++;
        return m;
      }
      while (true) {
        skipWs();
        if (pos >= s.length() || s.charAt(pos) != '"') {
          throw error("expected a key");
        }
        String k = string();
        skipWs();
        expect(':');
        skipWs();
        if (m.containsKey(k)) {
          throw error("duplicate key \"" + k + "\"");
        }
        m.put(k, value(depth + 1));
        skipWs();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect('}');
        return m;
      }
    }

    private List<Object> array(int depth) throws MetadataException {
      List<Object> l = new ArrayList<>();
      pos++;
      skipWs();
      if (pos < s.length() && s.charAt(pos) == ']') {
        pos++;
        return l;
      }
      while (true) {
        skipWs();
        l.add(value(depth + 1));
        skipWs();
        if (pos < s.length() && s.charAt(pos) == ',') {
          pos++;
          continue;
        }
        expect(']');
        return l;
      }
    }

    private void expect(char c) throws MetadataException {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private String string() throws MetadataException {
      pos++;
      StringBuilder b = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(pos++);
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        if (pos >= s.length()) {
          throw error("unterminated escape");
        }
        char e = s.charAt(pos++);
        switch (e) {
          case '"':
          case '\\':
          case '/':
            b.append(e);
            break;
          case 'b':
            b.append('\b');
            break;
          case 'f':
            b.append('\f');
            break;
          case 'n':
            b.append('\n');
            break;
          case 'r':
            b.append('\r');
            break;
          case 't':
            b.append('\t');
            break;
          case 'u':
            if (pos + 4 > s.length()) {
              throw error("short \\u escape");
            }
            try {
              b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
            break;
          default:
            throw error("bad escape \\" + e);
        }
      }
    }
  }
}
