package dev.trustkeys.registry;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * HTTP(S) to one server as Docker's and Notary's clients do it: TLS from {@link TlsSettings}; on a
 * 401 challenge, the registry token flow ({@code Bearer realm,service,scope}: a token fetched from
 * the realm with the registry's login, cached per scope for the life of this object) or Basic
 * credentials; every response body capped; every failure one line that names the server and says
 * what to do. Credentials and tokens appear in no message.
 */
public final class HttpTransport {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);
  private static final long TOTAL_TIMEOUT_SECONDS = 300;

  private final NotaryEndpoint endpoint;
  private final String what;
  private final Clock clock;
  private final RecordingTrustManager trust;
  private final HttpClient http;
  private final TokenCache tokens;
  private Challenge challenge;
  private Optional<Credentials> cachedLogin;

  /** {@code what} names the server in messages: "the Notary server". */
  public HttpTransport(NotaryEndpoint endpoint, String what, Clock clock) throws KeysException {
    this.endpoint = endpoint;
    this.what = what;
    this.clock = clock;
    this.trust = new RecordingTrustManager(endpoint.tls().trustManager());
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .sslContext(endpoint.tls().context(trust))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.tokens = new TokenCache(this, clock);
  }

  public NotaryEndpoint endpoint() {
    return endpoint;
  }

  /** One request to the server. */
  public record Request(
      String method,
      URI uri,
      String contentType,
      byte[] body,
      String scope,
      long limit,
      String what) {
    public static Request get(URI uri, String scope, long limit, String what) {
      return new Request("GET", uri, null, null, scope, limit, what);
    }
  }

  /** A response: its status, content type and (capped) body. */
  public record Response(int status, String contentType, byte[] body) {
    public boolean ok() {
      return status / 100 == 2;
    }
  }

  /**
   * Sends {@code r}, logging in when the server challenges; 401 and 403 become {@link
   * AuthenticationException}.
   */
  public Response exchange(Request r) throws KeysException {
    String auth = challenge == null ? null : authorization(challenge, r.scope(), false);
    Raw first = send(r, auth, endpoint.hostPort(), what);
    if (first.response.status() != 401) {
      return checked(first, r, auth != null);
    }
    Optional<Challenge> c = usable(first.challenges);
    if (c.isEmpty()) {
      throw new AuthenticationException(
          what
              + " "
              + endpoint.url()
              + " asks for a login keys cannot give ("
              + (first.challenges.isEmpty() ? "no challenge" : first.challenges.get(0).scheme())
              + ")",
          endpoint.url(),
          endpoint.registry(),
          AuthenticationException.Problem.NO_LOGIN,
          Remedy.of(Remedy.Kind.CHECK_SERVER));
    }
    boolean retried = auth != null && c.get().equals(challenge);
    challenge = c.get();
    if (retried) {
      tokens.forget(challenge, scopeFor(challenge, r.scope()));
    }
    auth = authorization(challenge, r.scope(), true);
    Raw second = send(r, auth, endpoint.hostPort(), what);
    return checked(second, r, true);
  }

  private Response checked(Raw raw, Request r, boolean authorized) throws KeysException {
    int status = raw.response.status();
    if (status == 401 || status == 403) {
      boolean haveLogin = login().isPresent();
      String error = usable(raw.challenges).flatMap(ch -> ch.param("error")).orElse("");
      if (!haveLogin) {
        throw new AuthenticationException(
            what
                + " "
                + endpoint.url()
                + " wants a login for "
                + registryName()
                + " to "
                + r.what()
                + ": run 'docker login "
                + registryName()
                + "' (or set NOTARY_AUTH)",
            endpoint.url(),
            endpoint.registry(),
            AuthenticationException.Problem.NO_LOGIN);
      }
      throw new AuthenticationException(
          what
              + " "
              + endpoint.url()
              + " denied "
              + r.what()
              + " to the login for "
              + registryName()
              + (error.isEmpty() ? "" : " (" + error.replace('_', ' ') + ")")
              + ": log in as a user"
              + " allowed to do that with 'docker login "
              + registryName()
              + "'",
          endpoint.url(),
          endpoint.registry(),
          AuthenticationException.Problem.DENIED);
    }
    if (status == 400
        && new String(raw.response.body(), StandardCharsets.UTF_8)
            .contains("Client sent an HTTP request to an HTTPS server")) {
      String https = "https" + endpoint.url().substring("http".length());
      throw new TlsException(
          what + " at " + endpoint.hostPort() + " speaks HTTPS",
          endpoint.hostPort(),
          TlsException.Problem.TLS_SERVER,
          Remedy.forServer(Remedy.Kind.USE_HTTPS, https),
          null);
    }
    return raw.response;
  }

  private static Optional<Challenge> usable(List<Challenge> cs) {
    for (Challenge c : cs) {
      if (c.scheme().equals("bearer") && c.param("realm").isPresent()) {
        return Optional.of(c);
      }
    }
    for (Challenge c : cs) {
      if (c.scheme().equals("basic")) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The scope a token is asked for: the server's own, when its challenge names one, else the
   * caller's.
   */
  static String scopeFor(Challenge c, String requested) {
    return c.param("scope").orElse(requested == null ? "" : requested);
  }

  private String authorization(Challenge c, String scope, boolean fresh) throws KeysException {
    if (c.scheme().equals("bearer")) {
      return "Bearer " + tokens.token(c, scopeFor(c, scope));
    }
    Optional<Credentials> login = login();
    if (login.isEmpty()) {
      return null;
    }
    refuseCleartext(endpoint.uri());
    return login.get().isIdentityToken() ? null : login.get().basicHeader();
  }

  private String registryName() {
    return endpoint.registry().isEmpty() ? endpoint.hostPort() : endpoint.registry();
  }

  /** The registry's login, looked up once. */
  Optional<Credentials> login() throws KeysException {
    if (cachedLogin == null) {
      cachedLogin = endpoint.credentials().lookup(endpoint.registry());
    }
    return cachedLogin;
  }

  /** Logins never travel in clear text, except to this machine. */
  void refuseCleartext(URI to) throws KeysException {
    if (to.getScheme().equals("http") && !isLoopback(to.getHost())) {
      throw new AuthenticationException(
          "refusing to send the login for "
              + registryName()
              + " to "
              + to
              + " in clear text: the server must use https://",
          endpoint.url(),
          endpoint.registry(),
          AuthenticationException.Problem.REFUSED);
    }
  }

  private static boolean isLoopback(String host) {
    return host != null
        && (host.equals("localhost")
            || host.startsWith("127.")
            || host.equals("[::1]")
            || host.equals("::1"));
  }

  record Raw(Response response, List<Challenge> challenges) {}

  /**
   * One round trip, no login logic: the body capped at the request's limit (error bodies at 64
   * KiB).
   */
  Raw send(Request r, String authorization, String hostPort, String serverWhat)
      throws KeysException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(r.uri())
            .timeout(HEADERS_TIMEOUT)
            .header("User-Agent", "keys")
            .method(
                r.method(),
                r.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(r.body()));
    if (r.contentType() != null) {
      b.header("Content-Type", r.contentType());
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    trust.clear();
    CompletableFuture<HttpResponse<byte[]>> f =
        http.sendAsync(b.build(), new CappedBody(r.limit(), Limits.ERROR));
    HttpResponse<byte[]> resp;
    try {
      resp = f.get(TOTAL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new ServerUnreachableException(
          serverWhat
              + " at "
              + hostPort
              + " did not finish answering "
              + r.what()
              + " within "
              + TOTAL_TIMEOUT_SECONDS
              + " s: try again, or check the server",
          r.uri().toString(),
          ServerUnreachableException.Reason.TIMEOUT,
          e);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new KeysException("interrupted while trying to " + r.what(), e);
    } catch (ExecutionException e) {
      throw failure(e.getCause(), r, hostPort, serverWhat);
    }
    String type = resp.headers().firstValue("Content-Type").orElse("");
    return new Raw(
        new Response(resp.statusCode(), type, resp.body()),
        Challenge.parse(resp.headers().allValues("WWW-Authenticate")));
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private KeysException failure(Throwable t, Request r, String hostPort, String serverWhat) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof CappedBody.TooLarge) {
        return new ResponseTooLargeException(r.what(), r.uri().toString(), r.limit());
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return TlsDiagnosis.diagnose(
            (SSLException) c, serverWhat, hostPort, endpoint.tls(), trust, clock.instant());
      }
    }
    String url = r.uri().getScheme() + "://" + hostPort;
    boolean retiring = endpoint.isDockerHub() && serverWhat.equals(what);
    String hub =
        retiring ? "; Docker Hub's Notary (notary.docker.io) is being retired (December 2026)" : "";
    Remedy ownServer = retiring ? Remedy.of(Remedy.Kind.USE_OWN_NOTARY_SERVER) : null;
    if (has(t, UnresolvedAddressException.class) || has(t, UnknownHostException.class)) {
      return new ServerUnreachableException(
          "cannot reach "
              + serverWhat
              + " at "
              + url
              + ": no host named "
              + r.uri().getHost()
              + " is known here (check the name in the URL, or DNS)"
              + hub,
          url,
          ServerUnreachableException.Reason.UNKNOWN_HOST,
          ownServer,
          t);
    }
    if (has(t, HttpConnectTimeoutException.class)) {
      return new ServerUnreachableException(
          "cannot reach "
              + serverWhat
              + " at "
              + url
              + ": no answer to the"
              + " connection within "
              + CONNECT_TIMEOUT.toSeconds()
              + " s (a firewall, or the wrong address?)"
              + hub,
          url,
          ServerUnreachableException.Reason.TIMEOUT,
          ownServer,
          t);
    }
    if (has(t, HttpTimeoutException.class)) {
      return new ServerUnreachableException(
          serverWhat
              + " at "
              + hostPort
              + " accepted the connection but did"
              + " not answer "
              + r.what()
              + " within "
              + HEADERS_TIMEOUT.toSeconds()
              + " s: try again, or check the"
              + " server"
              + hub,
          url,
          ServerUnreachableException.Reason.TIMEOUT,
          ownServer,
          t);
    }
    if (has(t, ConnectException.class)) {
      return new ServerUnreachableException(
          "cannot reach "
              + serverWhat
              + " at "
              + url
              + ": nothing listens on "
              + hostPort
              + " (is the server running, and is the port right?)"
              + hub,
          url,
          ServerUnreachableException.Reason.REFUSED,
          ownServer,
          t);
    }
    if (t instanceof IOException) {
      return new ServerUnreachableException(
          serverWhat
              + " at "
              + hostPort
              + " closed the connection while "
              + "answering "
              + r.what()
              + " ("
              + TlsDiagnosis.plain(t.getMessage())
              + "): check that "
              + url
              + " is the server's URL"
              + hub,
          url,
          ServerUnreachableException.Reason.CLOSED,
          ownServer,
          t);
    }
    return new ServerUnreachableException(
        "cannot reach "
            + serverWhat
            + " at "
            + url
            + ": "
            + TlsDiagnosis.plain(String.valueOf(t.getMessage()))
            + hub,
        url,
        ServerUnreachableException.Reason.OTHER,
        ownServer,
        t);
  }
}
