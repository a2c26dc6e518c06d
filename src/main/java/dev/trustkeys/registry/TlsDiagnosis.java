package dev.trustkeys.registry;

import dev.trustkeys.core.Remedy;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Turns a failed TLS handshake into one line that names the host, the cause and the fix. */
final class TlsDiagnosis {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private TlsDiagnosis() {}

  static TlsException diagnose(
      SSLException e,
      String what,
      String hostPort,
      TlsSettings tls,
      RecordingTrustManager trust,
      Instant now) {
    X509Certificate[] chain = trust.refusedChain();
    String server = what + " " + hostPort;
    if (chain != null && chain.length > 0) {
      for (X509Certificate c : chain) {
        if (c.getNotAfter().toInstant().isBefore(now)) {
          return new TlsException(
              "cannot trust "
                  + server
                  + ": its certificate"
                  + (c == chain[0] ? "" : " chain")
                  + " expired on "
                  + DAY.format(c.getNotAfter().toInstant())
                  + " ("
                  + subject(c)
                  + "): renew the"
                  + " server's certificate",
              hostPort,
              TlsException.Problem.EXPIRED,
              e);
        }
        if (c.getNotBefore().toInstant().isAfter(now)) {
          return new TlsException(
              "cannot trust "
                  + server
                  + ": its certificate is valid only from "
                  + DAY.format(c.getNotBefore().toInstant())
                  + " ("
                  + subject(c)
                  + "): check this machine's clock",
              hostPort,
              TlsException.Problem.EXPIRED,
              e);
        }
      }
      String authType =
          chain[0].getPublicKey().getAlgorithm().equals("EC") ? "ECDHE_ECDSA" : "ECDHE_RSA";
      if (trust.trustedIgnoringName(chain, authType)) {
        List<String> names = names(chain[0]);
        String host = hostOnly(hostPort);
        return new TlsException(
            "cannot trust "
                + server
                + ": its certificate is for "
                + (names.isEmpty() ? subject(chain[0]) : String.join(", ", names))
                + ", not for "
                + host
                + ": use a server URL with one of those names, or a certificate that names "
                + host,
            hostPort,
            TlsException.Problem.NAME_MISMATCH,
            e);
      }
      X509Certificate top = chain[chain.length - 1];
      return new TlsException(
          "cannot trust "
              + server
              + ": its certificate is issued by '"
              + top.getIssuerX500Principal().getName()
              + "', a CA keys does not trust",
          hostPort,
          TlsException.Problem.UNKNOWN_CA,
          Remedy.forPath(Remedy.Kind.TRUST_THE_CA, tls.dockerCaFile().orElse(null)),
          e);
    }
    String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (m.contains("unrecognized ssl message") || m.contains("plaintext connection")) {
      return new TlsException(
          server
              + " answers in plain HTTP, not HTTPS: use an http:// server URL (unencrypted),"
              + " or turn on TLS on the server",
          hostPort,
          TlsException.Problem.PLAIN_HTTP_SERVER,
          e);
    }
    if (m.contains("bad_certificate")
        || m.contains("certificate_required")
        || m.contains("unknown_ca")
        || m.contains("certificate_unknown")
        || m.contains("access_denied")) {
      return new TlsException(
          server
              + " "
              + (tls.clientCertificate().isPresent()
                  ? "refused the client certificate " + tls.clientCertificate().get()
                  : "wants a client certificate"),
          hostPort,
          TlsException.Problem.CLIENT_CERTIFICATE,
          Remedy.forPath(
              tls.clientCertificate().isPresent()
                  ? Remedy.Kind.REPLACE_CLIENT_CERTIFICATE
                  : Remedy.Kind.GIVE_CLIENT_CERTIFICATE,
              tls.dockerCaFile().orElse(null)),
          e);
    }
    return new TlsException(
        "cannot set up TLS with "
            + server
            + ": "
            + plain(e.getMessage())
            + "; check that it speaks HTTPS on that port",
        hostPort,
        TlsException.Problem.OTHER,
        e);
  }

  private static String subject(X509Certificate c) {
    return c.getSubjectX500Principal().getName();
  }

  private static List<String> names(X509Certificate c) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> alt = c.getSubjectAlternativeNames();
      if (alt != null) {
        for (List<?> n : alt) {
          Object type = n.get(0);
          if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
            out.add(String.valueOf(n.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no names to show: the subject is shown instead
    }
    return out;
  }

  static String hostOnly(String hostPort) {
    if (hostPort.startsWith("[")) {
      return hostPort.substring(0, hostPort.indexOf(']') + 1);
    }
    int colon = hostPort.lastIndexOf(':');
    return colon > 0 && hostPort.indexOf(':') == colon ? hostPort.substring(0, colon) : hostPort;
  }

  /** A JSSE message without Java's class names ("javax.net.ssl.SSLHandshakeException: ..."). */
  static String plain(String message) {
    if (message == null) {
      return "the handshake failed";
    }
    String s = message;
    int colon;
    while ((colon = s.indexOf(": ")) > 0
        && s.substring(0, colon).matches("[a-z]+(\\.[a-zA-Z0-9_$]+)+")) {
      s = s.substring(colon + 2);
    }
    return s;
  }
}
