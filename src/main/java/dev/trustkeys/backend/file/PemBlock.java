package dev.trustkeys.backend.file;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One PEM block with RFC 1421 headers, read and written the way Go's {@code encoding/pem} does (Notary writes its
 * key files with it): {@code Proc-Type} first, the other headers sorted, a blank line, base64 in 64-column lines.
 */
public final class PemBlock {
  private static final int LINE = 64;
  private static final int MAX_BLOCKS = 64;

  private final String type;
  private final Map<String, String> headers;
  private final byte[] bytes;

  public PemBlock(String type, Map<String, String> headers, byte[] bytes) {
    this.type = type;
    this.headers = Collections.unmodifiableMap(new TreeMap<>(headers));
    this.bytes = bytes.clone();
  }

  /** For the parser: takes ownership of {@code bytes} and of the sorted {@code headers}, without copying. */
  private PemBlock(String type, byte[] bytes, Map<String, String> sortedHeaders) {
    this.type = type;
    this.headers = Collections.unmodifiableMap(sortedHeaders);
    this.bytes = bytes;
  }

  public String type() {
    return type;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public String header(String name) {
    return headers.get(name);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public PemBlock withHeader(String name, String value) {
    Map<String, String> h = new TreeMap<>(headers);
    if (value == null || value.isEmpty()) {
      h.remove(name);
    } else {
      h.put(name, value);
    }
    return new PemBlock(type, h, bytes);
  }

  public boolean isLegacyEncrypted() {
    String p = headers.get("Proc-Type");
    return p != null && p.contains("ENCRYPTED");
  }

  /** Encodes as Go's pem.Encode does. */
  public String encode() {
    StringBuilder sb = new StringBuilder();
    sb.append("-----BEGIN ").append(type).append("-----\n");
    if (!headers.isEmpty()) {
      String proc = headers.get("Proc-Type");
      if (proc != null) {
        sb.append("Proc-Type: ").append(proc).append('\n');
      }
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (!e.getKey().equals("Proc-Type")) {
          sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
      }
      sb.append('\n');
    }
    String b64 = Base64.getEncoder().encodeToString(bytes);
    for (int i = 0; i < b64.length(); i += LINE) {
      sb.append(b64, i, Math.min(b64.length(), i + LINE)).append('\n');
    }
    sb.append("-----END ").append(type).append("-----\n");
    return sb.toString();
  }

  public byte[] encodeBytes() {
    return encode().getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Parses every PEM block in {@code text}, skipping text between blocks (as Go does). Blocks whose base64 is
   * broken make the whole parse fail.
   */
  public static List<PemBlock> parseAll(String text) throws PemException {
    // One pass over the text by index, without split/replace/regex: `keys list` parses every key file at
    // start-up, in the interpreter. Lines are trimmed (as String.trim does), which also drops the '\r' of CRLF.
    List<PemBlock> out = new ArrayList<>();
    int n = text.length();
    int pos = 0;
    while (pos <= n) {
      int eol = eol(text, pos);
      int s = trimStart(text, pos, eol);
      int e = trimEnd(text, s, eol);
      pos = eol + 1;
      if (e - s > 16 && text.startsWith("-----BEGIN ", s) && text.startsWith("-----", e - 5)) {
        String type = text.substring(s + 11, e - 5);
        String endLine = "-----END " + type + "-----";
        Map<String, String> headers = new TreeMap<>();
        StringBuilder b64 = new StringBuilder(512);
        boolean inHeaders = true;
        boolean ended = false;
        while (pos <= n) {
          int eol2 = eol(text, pos);
          int s2 = trimStart(text, pos, eol2);
          int e2 = trimEnd(text, s2, eol2);
          pos = eol2 + 1;
          if (e2 - s2 == endLine.length() && text.startsWith(endLine, s2)) {
            ended = true;
            break;
          }
          if (inHeaders) {
            int c = text.indexOf(':', s2);
            if (c >= 0 && c < e2) {
              headers.put(text.substring(s2, c).trim(), text.substring(c + 1, e2).trim());
              continue;
            }
          }
          inHeaders = false;
          b64.append(text, s2, e2);
        }
        if (!ended) {
          throw new PemException("PEM block " + type + " has no END line (truncated file?)");
        }
        try {
          out.add(new PemBlock(type, Base64.getDecoder().decode(b64.toString()), headers));
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

  private static int eol(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  private static int trimStart(String text, int from, int to) {
    while (from < to && text.charAt(from) <= ' ') {
      from++;
    }
    return from;
  }

  private static int trimEnd(String text, int from, int to) {
    while (to > from && text.charAt(to - 1) <= ' ') {
      to--;
    }
    return to;
  }

  @Override
  public String toString() {
    return "PemBlock[" + type + ", headers=" + headers.keySet() + "]";
  }

  /** The text is not usable PEM. */
  public static final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    public PemException(String message) {
      super(message);
    }
  }
}
