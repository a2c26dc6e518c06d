package dev.trustkeys.build;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * For the CDS training run only ({@link CdsTraining}): an HTTPS server on 127.0.0.1 that answers
 * like a Notary server holding no repository ({@code /v2/} 200, everything else 404), with a
 * self-signed P-256 certificate for 127.0.0.1 written as the private CA {@code keys --tlscacert}
 * takes. Not a stand-in for Notary in any test: it only makes the client side load its classes.
 */
final class NoRepositoryServer {
  private final HttpsServer server;
  private final Path caFile;

  private NoRepositoryServer(HttpsServer server, Path caFile) {
    this.server = server;
    this.caFile = caFile;
  }

  /** Starts the server; its CA certificate goes to {@code dir/training-ca.pem}. */
  static NoRepositoryServer start(Path dir) throws IOException {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = g.generateKeyPair();
      X500Name name = new X500Name("CN=keys CDS training");
      Instant now = Instant.now();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.ONE,
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(Duration.ofHours(1))),
              name,
              pair.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      Path ca = dir.resolve("training-ca.pem");
      Files.writeString(
          ca,
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
              + "\n-----END CERTIFICATE-----\n",
          StandardCharsets.US_ASCII);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] none = new char[0];
      ks.setKeyEntry("server", pair.getPrivate(), none, new X509Certificate[] {cert});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, none);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      HttpsServer server =
          HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      server.createContext("/", NoRepositoryServer::answer);
      server.start();
      return new NoRepositoryServer(server, ca);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot make the training server's certificate", e);
    }
  }

  private static void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    boolean base = exchange.getRequestURI().getPath().equals("/v2/");
    byte[] body =
        (base
                ? "{}"
                : "{\"errors\":[{\"code\":\"METADATA_NOT_FOUND\","
                    + "\"message\":\"You have requested metadata that does not exist.\"}]}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(base ? 200 : 404, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  Path caFile() {
    return caFile;
  }

  void stop() {
    server.stop(0);
  }
}
