package dev.trustkeys.core.io;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;

/**
 * The one PEM writer: text exactly as Go's {@code pem.Encode} writes it (Notary's and Docker's
 * files are written with it): {@code Proc-Type} first, the other headers in the order given
 * (callers that need Go's order pass them sorted), a blank line after headers, base64 in
 * 64-character lines, a final newline.
 */
public final class Pem {
  private static final int LINE = 64;

  private Pem() {}

  /** A block without headers. */
  public static String encode(String type, byte[] der) {
    return encode(type, Map.of(), der);
  }

  /** A block with RFC 1421 headers. */
  public static String encode(String type, Map<String, String> headers, byte[] der) {
    StringBuilder b = new StringBuilder("-----BEGIN ").append(type).append("-----\n");
    if (!headers.isEmpty()) {
      String proc = headers.get("Proc-Type");
      if (proc != null) {
        b.append("Proc-Type: ").append(proc).append('\n');
      }
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (!e.getKey().equals("Proc-Type")) {
          b.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
      }
      b.append('\n');
    }
    String body = Base64.getEncoder().encodeToString(der);
    for (int i = 0; i < body.length(); i += LINE) {
      b.append(body, i, Math.min(body.length(), i + LINE)).append('\n');
    }
    return b.append("-----END ").append(type).append("-----\n").toString();
  }

  /** A {@code CERTIFICATE} block. */
  public static String certificate(X509Certificate cert) {
    try {
      return encode("CERTIFICATE", cert.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }
}
