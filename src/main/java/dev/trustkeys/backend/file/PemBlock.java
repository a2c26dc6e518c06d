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
    List<PemBlock> out = new ArrayList<>();
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    int i = 0;
    while (i < lines.length) {
      String line = lines[i].trim();
      if (line.startsWith("-----BEGIN ") && line.endsWith("-----") && line.length() > 16) {
        String type = line.substring(11, line.length() - 5);
        i++;
        Map<String, String> headers = new TreeMap<>();
        StringBuilder b64 = new StringBuilder();
        boolean inHeaders = true;
        boolean ended = false;
        for (; i < lines.length; i++) {
          String l = lines[i].trim();
          if (l.equals("-----END " + type + "-----")) {
            ended = true;
            i++;
            break;
          }
          if (inHeaders && l.contains(":")) {
            int c = l.indexOf(':');
            headers.put(l.substring(0, c).trim(), l.substring(c + 1).trim());
            continue;
          }
          inHeaders = false;
          b64.append(l);
        }
        if (!ended) {
          throw new PemException("PEM block " + type + " has no END line (truncated file?)");
        }
        try {
          out.add(new PemBlock(type, headers, Base64.getDecoder().decode(b64.toString())));
        } catch (IllegalArgumentException e) {
          throw new PemException("PEM block " + type + " has invalid base64");
        }
        if (out.size() > MAX_BLOCKS) {
          throw new PemException("too many PEM blocks");
        }
      } else {
        i++;
      }
    }
    return out;
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
