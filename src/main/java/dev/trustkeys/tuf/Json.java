package dev.trustkeys.tuf;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A small JSON parser and the canonical writer of {@code github.com/docker/go/canonical/json},
 * which Notary signs with: object keys sorted by their UTF-8 bytes, no whitespace, integers only
 * (no floats), and in strings only {@code "} and {@code \} escaped; every other character, control
 * characters included, is written as raw UTF-8.
 *
 * <p>Values are {@code Map<String,Object>}, {@code List<Object>}, {@code String}, {@code Long} (or
 * {@code BigInteger}), {@code Boolean} and {@code null}. The parser refuses decimals and exponents
 * (a {@link MetadataException}), as the canonical writer cannot write them.
 *
 * <p>Strings are Unicode or nothing: bytes that are not UTF-8 and lone UTF-16 surrogates ({@code
 * "\ud800"}) are refused on read, and the writer refuses a string holding a lone surrogate. Both
 * used to be replaced ({@code ?}, U+FFFD), so that two different documents could share one
 * canonical form, and so one signature.
 */
public final class Json {
  /** Orders keys as Go's {@code sort.Strings} does: by UTF-8 bytes. */
  public static final Comparator<String> KEY_ORDER =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

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
    } else if (v instanceof Long
        || v instanceof Integer
        || v instanceof BigInteger
        || v instanceof Short) {
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
    int bad = loneSurrogate(s);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "a string is not valid Unicode (a lone UTF-16 surrogate at index "
              + bad
              + "): canonical JSON cannot write it");
    }
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

  /** Parses a JSON text, which must be UTF-8; objects keep their order of appearance. */
  public static Object parse(byte[] text) throws MetadataException {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(text);
    try {
      return parse(utf8.decode(in).toString());
    } catch (CharacterCodingException e) {
      throw new MetadataException(
          "malformed JSON: the text is not valid UTF-8 (at byte " + in.position() + ")");
    }
  }

  public static Object parse(String text) throws MetadataException {
    Object v;
    try {
      v = dev.trustkeys.core.json.JsonReader.parse(text);
    } catch (dev.trustkeys.core.json.JsonSyntaxException e) {
      throw new MetadataException(e.getMessage());
    }
    requireWritable(v);
    return v;
  }

  /**
   * Refuses what the canonical writer cannot write the same way back: decimals (TUF metadata has
   * integers only; hostile input such as 8.5 or 1e999999999 must not reach the writer as an
   * unchecked error) and strings that are not Unicode.
   */
  private static void requireWritable(Object v) throws MetadataException {
    if (v instanceof BigDecimal) {
      throw new MetadataException(
          "malformed JSON: "
              + dev.trustkeys.core.Untrusted.quote(v.toString())
              + " is not an integer (metadata has integers only)");
    }
    if (v instanceof String) {
      requireUnicode((String) v);
    } else if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        requireUnicode((String) e.getKey());
        requireWritable(e.getValue());
      }
    } else if (v instanceof List) {
      for (Object x : (List<?>) v) {
        requireWritable(x);
      }
    }
  }

  private static void requireUnicode(String s) throws MetadataException {
    int bad = loneSurrogate(s);
    if (bad >= 0) {
      throw new MetadataException(
          "malformed JSON: the string '"
              + dev.trustkeys.core.Untrusted.shortened(s.substring(0, bad), 40)
              + "...' is not valid Unicode (a lone UTF-16 surrogate \\u"
              + Integer.toHexString(s.charAt(bad))
              + ")");
    }
  }

  /** The index of the first UTF-16 surrogate without its other half, or -1. */
  private static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
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

  /**
   * An integer within {@code min..max}; anything else (a number too large for a long, too) names
   * the field.
   */
  static long asLong(Object v, String what, long min, long max) throws MetadataException {
    if (!(v instanceof Long || v instanceof BigInteger || v instanceof Integer)) {
      throw new MetadataException(what + " must be an integer");
    }
    BigInteger n =
        v instanceof BigInteger ? (BigInteger) v : BigInteger.valueOf(((Number) v).longValue());
    if (n.compareTo(BigInteger.valueOf(min)) < 0) {
      throw new MetadataException(
          what + " must be at least " + min + ", not " + dev.trustkeys.core.Untrusted.quote(n));
    }
    if (n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new MetadataException(
          what + " must be at most " + max + ", not " + dev.trustkeys.core.Untrusted.quote(n));
    }
    return n.longValue();
  }

  /** A threshold: at least 1, and an {@code int} (a larger number is refused, never cut). */
  static int asThreshold(Object v, String what) throws MetadataException {
    return (int) asLong(v, what, 1, Integer.MAX_VALUE);
  }

  /** A metadata version: never negative (root's start at 1, which {@link Root} checks). */
  static long asVersion(Object v, String what) throws MetadataException {
    return asLong(v, what, 0, Long.MAX_VALUE);
  }

  /** A file length: never negative. */
  static long asLength(Object v, String what) throws MetadataException {
    return asLong(v, what, 0, Long.MAX_VALUE);
  }
}
