package dev.trustkeys.tuf;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
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
    Object v;
    try {
      v = dev.trustkeys.core.json.JsonReader.parse(text);
    } catch (dev.trustkeys.core.json.JsonSyntaxException e) {
      throw new MetadataException(e.getMessage());
    }
    requireIntegers(v, 0);
    return v;
  }

  /**
   * TUF metadata has integers only, and the canonical writer cannot write anything else: refusing decimals here
   * keeps hostile input (8.5, 1e999999999) from reaching it as an unchecked error.
   */
  private static void requireIntegers(Object v, int depth) throws MetadataException {
    if (v instanceof BigDecimal) {
      String n = v.toString();
      throw new MetadataException("malformed JSON: " + dev.trustkeys.core.Untrusted.quote(n) + " is not an integer (metadata has integers only)");
    }
    if (v instanceof Map) {
      for (Object x : ((Map<?, ?>) v).values()) {
        requireIntegers(x, depth + 1);
      }
    } else if (v instanceof List) {
      for (Object x : (List<?>) v) {
        requireIntegers(x, depth + 1);
      }
    }
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

}
