package dev.trustkeys.registry;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.json.JsonReader;
import dev.trustkeys.core.json.JsonSyntaxException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bearer tokens from the registry's token server, as Docker's client asks for them: {@code GET
 * realm?service=S& scope=SCOPE&account=USER} with the login as Basic credentials (anonymous without
 * one), or, for an identity token, {@code POST realm} with {@code grant_type=refresh_token}. Each
 * token is kept for its scope until it expires (at least 60 s, as Docker does), for the life of the
 * transport.
 */
final class TokenCache {
  private static final long MIN_LIFETIME_SECONDS = 60;
  private final HttpTransport transport;
  private final Clock clock;
  private final Map<String, Token> cache = new HashMap<>();

  private record Token(String value, Instant expires) {
    @Override
    public String toString() {
      return "Token[expires " + expires + "]";
    }
  }

  TokenCache(HttpTransport transport, Clock clock) {
    this.transport = transport;
    this.clock = clock;
  }

  private static String key(Challenge c, String scope) {
    return c.param("realm").orElse("") + "\n" + c.param("service").orElse("") + "\n" + scope;
  }

  void forget(Challenge c, String scope) {
    cache.remove(key(c, scope));
  }

  String token(Challenge c, String scope) throws KeysException {
    String k = key(c, scope);
    Token t = cache.get(k);
    if (t != null && clock.instant().isBefore(t.expires())) {
      return t.value();
    }
    t = fetch(c, scope);
    cache.put(k, t);
    return t.value();
  }

  private Token fetch(Challenge c, String scope) throws KeysException {
    NotaryEndpoint ep = transport.endpoint();
    URI realm;
    try {
      realm = URI.create(c.param("realm").orElseThrow());
      if (realm.getHost() == null
          || !(realm.getScheme().equals("https") || realm.getScheme().equals("http"))) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
    } catch (IllegalArgumentException e) {
      throw new KeysException(
          "the Notary server "
              + ep.url()
              + " names a token server that is no http(s) URL ("
              + c.param("realm").orElse("")
              + "): check the server's auth settings");
    }
    String service = c.param("service").orElse("");
    Optional<Credentials> login = transport.login();
    String hostPort = realm.getRawAuthority();
    String what = "a token for " + (scope.isEmpty() ? "the server" : scope);
    HttpTransport.Request req;
    String auth = null;
    if (login.isPresent() && login.get().isIdentityToken()) {
      transport.refuseCleartext(realm);
      StringBuilder form =
          new StringBuilder("grant_type=refresh_token&client_id=keys&service=")
              .append(enc(service));
      if (!scope.isEmpty()) {
        form.append("&scope=").append(enc(scope));
      }
      form.append("&refresh_token=");
      byte[] head = form.toString().getBytes(StandardCharsets.UTF_8);
      byte[] secret = enc(new String(login.get().secret())).getBytes(StandardCharsets.UTF_8);
      byte[] body = new byte[head.length + secret.length];
      System.arraycopy(head, 0, body, 0, head.length);
      System.arraycopy(secret, 0, body, head.length, secret.length);
      java.util.Arrays.fill(secret, (byte) 0);
      req =
          new HttpTransport.Request(
              "POST", realm, "application/x-www-form-urlencoded", body, null, Limits.TOKEN, what);
    } else {
      StringBuilder q = new StringBuilder();
      if (!service.isEmpty()) {
        q.append("service=").append(enc(service));
      }
      if (!scope.isEmpty()) {
        q.append(q.length() == 0 ? "" : "&").append("scope=").append(enc(scope));
      }
      if (login.isPresent()) {
        transport.refuseCleartext(realm);
        q.append(q.length() == 0 ? "" : "&").append("account=").append(enc(login.get().username()));
        auth = login.get().basicHeader();
      }
      String base = realm.toString();
      req =
          HttpTransport.Request.get(
              URI.create(base + (q.length() == 0 ? "" : (base.contains("?") ? "&" : "?") + q)),
              null,
              Limits.TOKEN,
              what);
    }
    HttpTransport.Response r = transport.send(req, auth, hostPort, "the token server").response();
    String registry = ep.registry().isEmpty() ? ep.hostPort() : ep.registry();
    if (r.status() == 401 || r.status() == 403) {
      if (login.isEmpty()) {
        throw new AuthenticationException(
            "the token server "
                + hostPort
                + " wants a login for "
                + registry
                + ": run 'docker login "
                + registry
                + "' (or set NOTARY_AUTH)",
            ep.url(),
            ep.registry(),
            AuthenticationException.Problem.NO_LOGIN);
      }
      throw new AuthenticationException(
          "the token server "
              + hostPort
              + " refused the login for "
              + registry
              + " (from "
              + login.get().origin()
              + "): run 'docker login "
              + registry
              + "' with the right user and"
              + " password",
          ep.url(),
          ep.registry(),
          AuthenticationException.Problem.REFUSED);
    }
    if (!r.ok()) {
      throw new KeysException(
          "the token server "
              + hostPort
              + " answered "
              + r.status()
              + " when asked for "
              + what
              + ": check the server's auth settings");
    }
    return parse(r.body(), hostPort);
  }

  private Token parse(byte[] body, String hostPort) throws KeysException {
    Object json;
    try {
      json = JsonReader.parse(new String(body, StandardCharsets.UTF_8));
    } catch (JsonSyntaxException e) {
      throw new KeysException(
          "the token server "
              + hostPort
              + " did not answer with a token (no JSON): check the"
              + " server's auth settings");
    }
    Map<?, ?> m = json instanceof Map ? (Map<?, ?>) json : Map.of();
    Object v =
        m.get("access_token") instanceof String && !((String) m.get("access_token")).isEmpty()
            ? m.get("access_token")
            : m.get("token");
    if (!(v instanceof String) || ((String) v).isEmpty()) {
      throw new KeysException(
          "the token server "
              + hostPort
              + " answered without a token: check the server's auth"
              + " settings");
    }
    long lifetime =
        m.get("expires_in") instanceof Number ? ((Number) m.get("expires_in")).longValue() : 0;
    Instant issued = clock.instant();
    if (m.get("issued_at") instanceof String) {
      try {
        issued = Instant.parse((String) m.get("issued_at"));
      } catch (DateTimeParseException e) {
        // Docker ignores an unreadable issue time too: the token counts as issued now
      }
    }
    Instant expires = issued.plusSeconds(Math.max(lifetime, MIN_LIFETIME_SECONDS));
    return new Token((String) v, expires);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
