package dev.trustkeys.tuf;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PEM text exactly as Go's {@code pem.Encode} writes it: 64-character lines, a final newline. */
public final class Pem {
  private Pem() {}

  public static String encode(String type, byte[] der) {
    StringBuilder b = new StringBuilder("-----BEGIN ").append(type).append("-----\n");
    String body = Base64.getEncoder().encodeToString(der);
    for (int i = 0; i < body.length(); i += 64) {
      b.append(body, i, Math.min(body.length(), i + 64)).append('\n');
    }
    return b.append("-----END ").append(type).append("-----\n").toString();
  }

  public static String certificate(X509Certificate cert) {
    try {
      return encode("CERTIFICATE", cert.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }
}
