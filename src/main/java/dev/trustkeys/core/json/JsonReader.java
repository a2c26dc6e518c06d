package dev.trustkeys.core.json;

import dev.trustkeys.core.Untrusted;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser for untrusted input (metadata, manifests, ceremony files): one value,
 * nothing after it, duplicate keys refused, nesting bounded, numbers at most {@value
 * #MAX_NUMBER_LENGTH} characters long (converting an 800,000-digit number to a {@code BigInteger}
 * takes a minute of CPU; no document {@code keys} reads has a number beyond 64 bits). Objects
 * become {@code LinkedHashMap}s in document order, integers {@code Long} (or {@code BigInteger}
 * when they do not fit), other numbers {@code BigDecimal}. Error messages show input only through
 * {@link Untrusted#quote}: bounded, control characters replaced.
 */
public final class JsonReader {
  /** The default nesting limit. */
  public static final int MAX_DEPTH = 64;

  /** The longest number accepted, in characters (sign, digits, point, exponent). */
  public static final int MAX_NUMBER_LENGTH = 64;

  private JsonReader() {}

  public static Object parse(String text) throws JsonSyntaxException {
    return parse(text, MAX_DEPTH);
  }

  public static Object parse(String text, int maxDepth) throws JsonSyntaxException {
    Parser p = new Parser(text, maxDepth);
    p.skipWs();
    Object v = p.value(0);
    p.skipWs();
    if (p.pos != text.length()) {
      throw p.error("trailing characters");
    }
    return v;
  }

  private static final class Parser {
    private final int maxDepth;
    private final String s;
    private int pos;

    Parser(String s, int maxDepth) {
      this.s = s;
      this.maxDepth = maxDepth;
    }

    JsonSyntaxException error(String what) {
      return new JsonSyntaxException("malformed JSON at offset " + pos + ": " + what);
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

    Object value(int depth) throws JsonSyntaxException {
      if (depth > maxDepth) {
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
          throw error("unexpected character " + Untrusted.quote(c));
      }
    }

    private Object literal(String word, Object v) throws JsonSyntaxException {
      if (!s.startsWith(word, pos)) {
        throw error("expected " + word);
      }
      pos += word.length();
      return v;
    }

    private Object number() throws JsonSyntaxException {
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
        if (pos - start > MAX_NUMBER_LENGTH) {
          pos = start;
          throw error("a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
      }
      String n = s.substring(start, pos);
      try {
        if (integral) {
          BigInteger b = new BigInteger(n);
          return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return new BigDecimal(n);
      } catch (NumberFormatException e) {
        pos = start;
        throw error("bad number " + Untrusted.quote(n));
      }
    }

    private Map<String, Object> object(int depth) throws JsonSyntaxException {
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
          throw error("duplicate key " + Untrusted.quote(k));
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

    private List<Object> array(int depth) throws JsonSyntaxException {
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

    private void expect(char c) throws JsonSyntaxException {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error("expected '" + c + "'");
      }
      pos++;
    }

    private String string() throws JsonSyntaxException {
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
            String hex = s.substring(pos, pos + 4);
            if (!hex.chars().allMatch(h -> Character.digit(h, 16) >= 0)) {
              throw error("bad \\u escape");
            }
            b.append((char) Integer.parseInt(hex, 16));
            pos += 4;
            break;
          default:
            throw error("bad escape " + Untrusted.quote("\\" + e));
        }
      }
    }
  }
}
