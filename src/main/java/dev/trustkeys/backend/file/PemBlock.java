package dev.trustkeys.backend.file;

import dev.trustkeys.core.io.Pem;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One PEM block with RFC 1421 headers, read and written the way Go's {@code encoding/pem} does
 * (Notary writes its key files with it): {@code Proc-Type} first, the other headers sorted, a blank
 * line, base64 in 64-column lines.
 */
public final class PemBlock {
  private static final int LINE = 64;
  private static final int MAX_BLOCKS = 64;
  private static final String[] NO_PAIRS = {};

  private final String type;

  /**
   * A parsed block's headers as read, name and value in turn; a name given twice counts with its
   * last value (as Go's decoder keeps it). `keys list` only asks a key file for two headers: they
   * are looked up here, and the sorted map is built only for what needs it (writing, copying).
   */
  private final String[] pairs;

  private final int pairCount;

  /**
   * The headers sorted: given to the public constructor, or built from {@link #pairs} when first
   * asked for (racy but safe: every thread builds the same immutable map).
   */
  private volatile Map<String, String> headers;

  private final byte[] bytes;

  public PemBlock(String type, Map<String, String> headers, byte[] bytes) {
    this.type = type;
    this.headers = Collections.unmodifiableMap(new TreeMap<>(headers));
    this.pairs = NO_PAIRS;
    this.pairCount = 0;
    this.bytes = bytes.clone();
  }

  /**
   * For the parser: takes ownership of {@code bytes} and of the first {@code pairCount} header
   * pairs in {@code pairs}, without copying.
   */
  private PemBlock(String type, byte[] bytes, String[] pairs, int pairCount) {
    this.type = type;
    this.pairs = pairs;
    this.pairCount = pairCount;
    this.bytes = bytes;
  }

  public String type() {
    return type;
  }

  /** The headers, sorted by name. */
  public Map<String, String> headers() {
    Map<String, String> h = headers;
    if (h == null) {
      TreeMap<String, String> sorted = new TreeMap<>();
      for (int i = 0; i < pairCount; i++) {
        sorted.put(pairs[2 * i], pairs[2 * i + 1]);
      }
      h = Collections.unmodifiableMap(sorted);
      headers = h;
    }
    return h;
  }

  /** The value of header {@code name}, or null. */
  public String header(String name) {
    Map<String, String> h = headers;
    if (h != null) {
      return h.get(name);
    }
    for (int i = pairCount - 1; i >= 0; i--) {
      if (pairs[2 * i].equals(name)) {
        return pairs[2 * i + 1];
      }
    }
    return null;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The decoded bytes themselves, not a copy, for readers in this package that do not keep or
   * change them.
   */
  byte[] bytesUnshared() {
    return bytes;
  }

  public PemBlock withHeader(String name, String value) {
    Map<String, String> h = new TreeMap<>(headers());
    if (value == null || value.isEmpty()) {
      h.remove(name);
    } else {
      h.put(name, value);
    }
    return new PemBlock(type, h, bytes);
  }

  public boolean isLegacyEncrypted() {
    String p = header("Proc-Type");
    return p != null && p.contains("ENCRYPTED");
  }

  /** Encodes as Go's pem.Encode does (the headers are kept sorted, as it writes them). */
  public String encode() {
    return Pem.encode(type, headers(), bytes);
  }

  public byte[] encodeBytes() {
    return encode().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Parses every PEM block in {@code text}, skipping text between blocks (as Go does). Blocks whose
   * base64 is broken make the whole parse fail.
   */
  public static List<PemBlock> parseAll(String text) throws PemException {
    return parseAll(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  /**
   * The same over bytes, as read from a file; {@code charset} decodes the type and the headers. One
   * pass by index over the bytes (no split, no regex, no per-line strings): `keys list` parses
   * every key file at start-up, mostly in the interpreter. Lines are trimmed as String.trim does
   * (bytes up to 0x20), which also drops the '\r' of CRLF.
   */
  static List<PemBlock> parseAll(byte[] text, Charset charset) throws PemException {
    List<PemBlock> out = new ArrayList<>();
    int n = text.length;
    int pos = 0;
    while (pos <= n) {
      int eol = eol(text, pos);
      int s = trimStart(text, pos, eol);
      int e = trimEnd(text, s, eol);
      pos = eol + 1;
      if (e - s > 16 && startsWith(text, s, BEGIN) && startsWith(text, e - 5, DASHES)) {
        int typeStart = s + BEGIN.length;
        int typeEnd = e - 5;
        String type = new String(text, typeStart, typeEnd - typeStart, charset);
        String[] pairs = new String[4];
        int pairCount = 0;
        byte[] b64 = new byte[Math.min(n, 8192)];
        int b64Length = 0;
        boolean inHeaders = true;
        boolean ended = false;
        while (pos <= n) {
          int eol2 = eol(text, pos);
          int s2 = trimStart(text, pos, eol2);
          int e2 = trimEnd(text, s2, eol2);
          pos = eol2 + 1;
          if (isEndLine(text, s2, e2, typeStart, typeEnd)) {
            ended = true;
            break;
          }
          if (inHeaders) {
            int c = indexOf(text, s2, e2, (byte) ':');
            if (c >= 0) {
              // trimmed as bytes (as String.trim would trim the decoded text): one string each
              int nameEnd = trimEnd(text, s2, c);
              int valueStart = trimStart(text, c + 1, e2);
              if (2 * pairCount + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
              }
              pairs[2 * pairCount] = new String(text, s2, nameEnd - s2, charset);
              pairs[2 * pairCount + 1] = new String(text, valueStart, e2 - valueStart, charset);
              pairCount++;
              continue;
            }
          }
          inHeaders = false;
          if (b64Length + (e2 - s2) > b64.length) {
            b64 = Arrays.copyOf(b64, Math.max(b64.length * 2, b64Length + (e2 - s2)));
          }
          System.arraycopy(text, s2, b64, b64Length, e2 - s2);
          b64Length += e2 - s2;
        }
        if (!ended) {
          throw new PemException("PEM block " + type + " has no END line (truncated file?)");
        }
        try {
          out.add(
              new PemBlock(
                  type,
                  Base64.getDecoder().decode(Arrays.copyOf(b64, b64Length)),
                  pairs,
                  pairCount));
        } catch (IllegalArgumentException ex) {
          throw new PemException("PEM block " + type + " has invalid base64");
        }
        if (out.size() > MAX_BLOCKS) {
          throw new PemException("too many PEM blocks");
        }
      }
    }
    return out;
  }

  private static final byte[] BEGIN = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "-----END ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);

  /** Whether text[s, e) is "-----END " + text[typeStart, typeEnd) + "-----". */
  private static boolean isEndLine(byte[] text, int s, int e, int typeStart, int typeEnd) {
    int typeLength = typeEnd - typeStart;
    if (e - s != END.length + typeLength + DASHES.length || !startsWith(text, s, END)) {
      return false;
    }
    for (int i = 0; i < typeLength; i++) {
      if (text[s + END.length + i] != text[typeStart + i]) {
        return false;
      }
    }
    return startsWith(text, e - DASHES.length, DASHES);
  }

  private static boolean startsWith(byte[] text, int at, byte[] prefix) {
    if (at < 0 || at + prefix.length > text.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (text[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] text, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (text[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int eol(byte[] text, int from) {
    int i = from;
    while (i < text.length && text[i] != '\n') {
      i++;
    }
    return i;
  }

  private static int trimStart(byte[] text, int from, int to) {
    while (from < to && (text[from] & 0xff) <= ' ') {
      from++;
    }
    return from;
  }

  private static int trimEnd(byte[] text, int from, int to) {
    while (to > from && (text[to - 1] & 0xff) <= ' ') {
      to--;
    }
    return to;
  }

  @Override
  public String toString() {
    return "PemBlock[" + type + ", headers=" + headers().keySet() + "]";
  }

  /** The text is not usable PEM. */
  public static final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    public PemException(String message) {
      super(message);
    }
  }
}
