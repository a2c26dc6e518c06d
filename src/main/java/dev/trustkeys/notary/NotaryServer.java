package dev.trustkeys.notary;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.registry.HttpTransport;
import dev.trustkeys.registry.Limits;
import dev.trustkeys.registry.NotaryEndpoint;
import dev.trustkeys.tuf.Json;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.TufKey;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API of {@code notary-server} (v2 trust API): {@code GET
 * /v2/<gun>/_trust/tuf/<role>.json}, {@code .../<N>.root.json}, {@code GET|POST .../<role>.key} for
 * server-managed keys, the multipart {@code POST .../} that publishes several files atomically, and
 * {@code DELETE .../}. TLS, logins and response limits come from the {@link HttpTransport}; each
 * request asks for the access Notary's routes need ({@code pull}, {@code push,pull}, or {@code *}).
 */
public final class NotaryServer {
  private static final String WHAT = "the Notary server";
  private final HttpTransport http;
  private final String base;

  public NotaryServer(HttpTransport http) {
    this.http = http;
    this.base = http.endpoint().url();
  }

  public static NotaryServer connect(NotaryEndpoint endpoint) throws KeysException {
    return new NotaryServer(new HttpTransport(endpoint, WHAT, Clock.systemUTC()));
  }

  /** A server with the system's CAs and no login (tests, and plain local servers). */
  public static NotaryServer connect(String url) throws KeysException {
    return connect(NotaryEndpoint.anonymous(url));
  }

  public String url() {
    return base;
  }

  public NotaryEndpoint endpoint() {
    return http.endpoint();
  }

  private URI uri(String gun, String rest) throws UsageException {
    try {
      return URI.create(base + "/v2/" + gun + "/_trust/tuf/" + rest);
    } catch (IllegalArgumentException e) {
      throw new UsageException("'" + gun + "' cannot be a repository name (GUN) in a URL");
    }
  }

  private static String scope(String gun, String actions) {
    return "repository:" + gun + ":" + actions;
  }

  /**
   * The public key of a server-managed role (timestamp, or snapshot); the server creates it on
   * first request.
   */
  public TufKey serverKey(String gun, String role) throws KeysException {
    return parseKey(
        send(
            "GET",
            uri(gun, role + ".key"),
            null,
            null,
            scope(gun, "push,pull"),
            Limits.KEY,
            "fetch the " + role + " key of " + gun));
  }

  /**
   * Asks the server to make a new key for a server-managed role; it is used once a root naming it
   * is published.
   */
  public TufKey rotateServerKey(String gun, String role) throws KeysException {
    return parseKey(
        send(
            "POST",
            uri(gun, role + ".key"),
            null,
            new byte[0],
            scope(gun, "*"),
            Limits.KEY,
            "rotate the server's " + role + " key of " + gun));
  }

  private TufKey parseKey(byte[] body) throws MetadataException {
    Map<String, Object> m = Json.parseObject(body);
    Object kv = m.get("keyval");
    if (!(m.get("keytype") instanceof String) || !(kv instanceof Map)) {
      throw new MetadataException("the server sent a malformed key");
    }
    Object pub = ((Map<?, ?>) kv).get("public");
    if (!(pub instanceof String)) {
      throw new MetadataException("the server sent a key without a public part");
    }
    return TufKey.of((String) m.get("keytype"), Base64.getDecoder().decode((String) pub));
  }

  /**
   * A metadata file: {@code root.json}, {@code 3.root.json}, {@code targets/releases.json}; empty
   * if absent. Capped as Notary's client caps it when the length is not known: 1 MiB for
   * timestamp.json, 100 MiB otherwise.
   */
  public Optional<byte[]> fetch(String gun, String file) throws KeysException {
    return fetch(gun, file, file.equals("timestamp.json") ? Limits.TIMESTAMP : Limits.METADATA);
  }

  /**
   * A metadata file of at most {@code maxBytes} (its length from snapshot or timestamp metadata);
   * empty if absent.
   */
  public Optional<byte[]> fetch(String gun, String file, long maxBytes) throws KeysException {
    HttpTransport.Response r =
        http.exchange(
            HttpTransport.Request.get(
                uri(gun, file), scope(gun, "pull"), maxBytes, "fetch " + file + " of " + gun));
    if (r.status() == 404 && notaryError(r).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(body(r, "fetch " + file + " of " + gun));
  }

  /**
   * Publishes files atomically, as Notary's client does: one multipart form, part "files", filename
   * = role.
   */
  public void publish(String gun, Map<String, byte[]> filesByRole) throws KeysException {
    byte[] rnd = new byte[16];
    new SecureRandom().nextBytes(rnd);
    String boundary = HexFormat.of().formatHex(rnd);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> f : filesByRole.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\n"
                  + "Content-Disposition: form-data; name=\"files\"; filename=\""
                  + f.getKey()
                  + "\"\r\n"
                  + "Content-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(f.getValue());
      body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    send(
        "POST",
        uri(gun, ""),
        "multipart/form-data; boundary=" + boundary,
        body.toByteArray(),
        scope(gun, "push,pull"),
        Limits.KEY,
        "publish " + String.join(", ", List.copyOf(filesByRole.keySet())) + " of " + gun);
  }

  /** Deletes all of the repository's metadata on the server. */
  public void delete(String gun) throws KeysException {
    send(
        "DELETE",
        uri(gun, ""),
        null,
        null,
        scope(gun, "*"),
        Limits.KEY,
        "delete " + gun + " on the server");
  }

  private byte[] send(
      String method, URI uri, String type, byte[] body, String scope, long limit, String what)
      throws KeysException {
    return body(
        http.exchange(new HttpTransport.Request(method, uri, type, body, scope, limit, what)),
        what);
  }

  /** The body of a successful answer; an error answer becomes a {@link ServerException}. */
  private byte[] body(HttpTransport.Response r, String what) throws KeysException {
    if (r.ok()) {
      if (!r.contentType().isEmpty() && r.contentType().startsWith("text/html")) {
        throw notNotary(r, what);
      }
      return r.body();
    }
    Optional<Map<?, ?>> e = notaryError(r);
    if (e.isEmpty()) {
      throw notNotary(r, what);
    }
    String code = String.valueOf(e.get().get("code"));
    String detail = String.valueOf(e.get().get("message"));
    Object d = e.get().get("detail");
    if (d != null && !(d instanceof Map && ((Map<?, ?>) d).isEmpty())) {
      detail += " " + Json.canonicalString(d);
    }
    throw new ServerException("cannot " + what, r.status(), code, detail);
  }

  private NotNotaryServerException notNotary(HttpTransport.Response r, String what) {
    return new NotNotaryServerException(base, what, r.status(), r.contentType());
  }

  /**
   * Notary's JSON error, {@code {"errors":[{"code":..., "message":..., "detail":...}]}}, if that is
   * what came.
   */
  private static Optional<Map<?, ?>> notaryError(HttpTransport.Response r) {
    try {
      Object errors = Json.parseObject(r.body()).get("errors");
      if (errors instanceof List
          && !((List<?>) errors).isEmpty()
          && ((List<?>) errors).get(0) instanceof Map
          && ((Map<?, ?>) ((List<?>) errors).get(0)).get("code") instanceof String) {
        return Optional.of((Map<?, ?>) ((List<?>) errors).get(0));
      }
    } catch (MetadataException | IllegalArgumentException e) {
      // not Notary's error format
    }
    return Optional.empty();
  }
}
