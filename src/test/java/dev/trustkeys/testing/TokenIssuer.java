package dev.trustkeys.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The test suite's own registry token server (Docker's token protocol), on 127.0.0.1: {@code GET
 * /token?service=S &scope=repository:NAME:ACTIONS&account=U} with Basic credentials, or {@code POST
 * /token} with {@code grant_type=refresh_token}/{@code password}. It answers a JWT signed ES256
 * with an {@code x5c} chain whose CA {@code notary-server} is given as {@code rootcertbundle},
 * granting the requested actions a user may have; anonymous requests get a token with no access;
 * wrong credentials get 401. It records every request (without secrets) so tests can count them.
 */
public final class TokenIssuer implements AutoCloseable {
  public static final String ISSUER = "keys-test-token-issuer";
  public static final String SERVICE = "keys-test-notary";

  private final HttpServer server;
  private final TestCa.Issued signing;
  private final Path rootBundle;
  private final boolean https;
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, String> identityTokens = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> allowed = new ConcurrentHashMap<>();
  private final List<String> log = new CopyOnWriteArrayList<>();

  private TokenIssuer(HttpServer server, TestCa.Issued signing, Path rootBundle, boolean https) {
    this.server = server;
    this.signing = signing;
    this.rootBundle = rootBundle;
    this.https = https;
  }

  /**
   * Starts an issuer on a free port. With {@code tlsCa} it serves HTTPS with a certificate for
   * 127.0.0.1 from that CA, else plain HTTP. Its token-signing CA is written to {@code
   * dir/token-ca.crt}.
   */
  public static TokenIssuer start(Path dir, TestCa tlsCa)
      throws IOException, GeneralSecurityException {
    TestCa tokenCa = TestCa.create("keys test token CA");
    Path bundle = tokenCa.writeCertificate(dir.resolve("token-ca.crt"));
    TestCa.Issued signing = tokenCa.peer("keys test token signer");
    InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    HttpServer s;
    if (tlsCa != null) {
      HttpsServer hs = HttpsServer.create(addr, 0);
      hs.setHttpsConfigurator(
          new HttpsConfigurator(
              tlsCa.serverContext(tlsCa.server("token issuer", "127.0.0.1", "localhost"), false)));
      s = hs;
    } else {
      s = HttpServer.create(addr, 0);
    }
    TokenIssuer t = new TokenIssuer(s, signing, bundle, tlsCa != null);
    s.createContext("/token", t::handle);
    s.start();
    return t;
  }

  /** A user and the actions it may have on every repository (pull, push, *). */
  public TokenIssuer user(String name, String password, String... actions) {
    passwords.put(name, password);
    allowed.put(name, Set.of(actions));
    return this;
  }

  /** An identity (refresh) token that logs in as {@code user}. */
  public TokenIssuer identityToken(String user, String token) {
    identityTokens.put(token, user);
    return this;
  }

  public String realm() {
    return (https ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The CA bundle {@code notary-server} verifies tokens with. */
  public Path rootCertBundle() {
    return rootBundle;
  }

  /** One line per request: "GET account=alice scope=repository:x:pull -> 200" (never a secret). */
  public List<String> requests() {
    return List.copyOf(log);
  }

  private void handle(HttpExchange x) throws IOException {
    try {
      Map<String, List<String>> q = new java.util.HashMap<>(query(x.getRequestURI().getRawQuery()));
      String user = null;
      boolean triedLogin = false;
      if (x.getRequestMethod().equals("POST")) {
        q.putAll(query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        String grant = first(q, "grant_type");
        if ("refresh_token".equals(grant)) {
          triedLogin = true;
          user = identityTokens.get(first(q, "refresh_token"));
        } else if ("password".equals(grant)) {
          triedLogin = true;
          String u = first(q, "username");
          user =
              u != null
                      && first(q, "password") != null
                      && first(q, "password").equals(passwords.get(u))
                  ? u
                  : null;
        }
      }
      String auth = x.getRequestHeaders().getFirst("Authorization");
      if (auth != null && auth.startsWith("Basic ")) {
        triedLogin = true;
        String up =
            new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
        int colon = up.indexOf(':');
        String u = colon > 0 ? up.substring(0, colon) : "";
        user = colon > 0 && up.substring(colon + 1).equals(passwords.get(u)) ? u : null;
      }
      String scopes = String.join(" ", q.getOrDefault("scope", List.of()));
      if (triedLogin && user == null) {
        log.add(
            x.getRequestMethod()
                + " account="
                + first(q, "account")
                + " scope="
                + scopes
                + " -> 401");
        x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"keys-test\"");
        reply(
            x,
            401,
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
        return;
      }
      List<String> access = new ArrayList<>();
      for (String scope : scopes.split(" ")) {
        String[] p = scope.split(":");
        if (p.length < 3 || !p[0].equals("repository")) {
          continue;
        }
        String name = scope.substring(p[0].length() + 1, scope.lastIndexOf(':'));
        List<String> granted = new ArrayList<>();
        for (String a : p[p.length - 1].split(",")) {
          if (user != null && (allowed.get(user).contains(a) || allowed.get(user).contains("*"))) {
            granted.add(a);
          }
        }
        access.add(
            "{\"type\":\"repository\",\"name\":\""
                + name
                + "\",\"actions\":["
                + String.join(",", granted.stream().map(a -> "\"" + a + "\"").toList())
                + "]}");
      }
      String jwt = jwt(user == null ? "" : user, access);
      log.add(
          x.getRequestMethod()
              + " account="
              + (user == null ? "" : user)
              + " scope="
              + scopes
              + " -> 200");
      reply(
          x,
          200,
          "{\"token\":\""
              + jwt
              + "\",\"access_token\":\""
              + jwt
              + "\",\"expires_in\":300,\"issued_at\":\""
              + Instant.now()
              + "\"}");
    } catch (GeneralSecurityException | RuntimeException e) {
      reply(
          x,
          500,
          "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\""
              + e.getClass().getSimpleName()
              + "\"}]}");
    }
  }

  private String jwt(String subject, List<String> access) throws GeneralSecurityException {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"x5c\":[\""
            + Base64.getEncoder().encodeToString(TestCa.der(signing.certificate()))
            + "\"]}";
    long now = Instant.now().getEpochSecond();
    String claims =
        "{\"iss\":\""
            + ISSUER
            + "\",\"sub\":\""
            + subject
            + "\",\"aud\":\""
            + SERVICE
            + "\",\"exp\":"
            + (now + 300)
            + ",\"nbf\":"
            + (now - 10)
            + ",\"iat\":"
            + now
            + ",\"jti\":\""
            + UUID.randomUUID()
            + "\",\"access\":["
            + String.join(",", access)
            + "]}";
    String signed =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
    s.initSign(signing.key().getPrivate());
    s.update(signed.getBytes(StandardCharsets.US_ASCII));
    return signed + "." + b64.encodeToString(s.sign());
  }

  private static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new java.util.HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, n -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String first(Map<String, List<String>> q, String k) {
    List<String> v = q.get(k);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static void reply(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
    x.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
