package dev.trustkeys.notary;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.tuf.Json;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.TufKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API of {@code notary-server} (v2 trust API): {@code GET /v2/<gun>/_trust/tuf/<role>.json},
 * {@code .../<N>.root.json}, {@code GET|POST .../<role>.key} for server-managed keys, the multipart
 * {@code POST .../} that publishes several files atomically, and {@code DELETE .../}.
 */
public final class NotaryServer {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final String base;
  private final HttpClient http;

  public NotaryServer(String url, HttpClient http) throws UsageException {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (!u.startsWith("http://") && !u.startsWith("https://")) {
      throw new UsageException("server URL must start with http:// or https://, not '" + url + "'");
    }
    this.base = u;
    this.http = http;
  }

  public static NotaryServer connect(String url) throws UsageException {
    return new NotaryServer(url, HttpClient.newBuilder().connectTimeout(TIMEOUT).build());
  }

  public String url() {
    return base;
  }

  private URI uri(String gun, String rest) {
    return URI.create(base + "/v2/" + gun + "/_trust/tuf/" + rest);
  }

  /** The public key of a server-managed role (timestamp, or snapshot); the server creates it on first request. */
  public TufKey serverKey(String gun, String role) throws KeysException {
    return parseKey(send(HttpRequest.newBuilder(uri(gun, role + ".key")).GET(), "fetch the " + role + " key of " + gun));
  }

  /** Asks the server to make a new key for a server-managed role; it is used once a root naming it is published. */
  public TufKey rotateServerKey(String gun, String role) throws KeysException {
    return parseKey(send(HttpRequest.newBuilder(uri(gun, role + ".key")).POST(HttpRequest.BodyPublishers.noBody()),
        "rotate the server's " + role + " key of " + gun));
  }

  private static TufKey parseKey(byte[] body) throws MetadataException {
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

  /** A metadata file: {@code root.json}, {@code 3.root.json}, {@code targets/releases.json}; empty if absent. */
  public Optional<byte[]> fetch(String gun, String file) throws KeysException {
    try {
      return Optional.of(send(HttpRequest.newBuilder(uri(gun, file)).GET(), "fetch " + file + " of " + gun));
    } catch (ServerException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Publishes files atomically, as Notary's client does: one multipart form, part "files", filename = role. */
  public void publish(String gun, Map<String, byte[]> filesByRole) throws KeysException {
    byte[] rnd = new byte[16];
    new SecureRandom().nextBytes(rnd);
    String boundary = HexFormat.of().formatHex(rnd);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> f : filesByRole.entrySet()) {
      body.writeBytes(("--" + boundary + "\r\n"
          + "Content-Disposition: form-data; name=\"files\"; filename=\"" + f.getKey() + "\"\r\n"
          + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(f.getValue());
      body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    send(HttpRequest.newBuilder(uri(gun, ""))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
        "publish " + String.join(", ", List.copyOf(filesByRole.keySet())) + " of " + gun);
  }

  /** Deletes all of the repository's metadata on the server. */
  public void delete(String gun) throws KeysException {
    send(HttpRequest.newBuilder(uri(gun, "")).DELETE(), "delete " + gun + " on the server");
  }

  private byte[] send(HttpRequest.Builder req, String what) throws KeysException {
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ServerUnreachableException(base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeysException("interrupted while trying to " + what, e);
    }
    if (resp.statusCode() / 100 == 2) {
      return resp.body();
    }
    String code = "";
    String detail = "";
    try {
      Object errors = Json.parseObject(resp.body()).get("errors");
      if (errors instanceof List && !((List<?>) errors).isEmpty() && ((List<?>) errors).get(0) instanceof Map) {
        Map<?, ?> e = (Map<?, ?>) ((List<?>) errors).get(0);
        code = String.valueOf(e.get("code"));
        detail = String.valueOf(e.get("message"));
        Object d = e.get("detail");
        if (d != null && !(d instanceof Map && ((Map<?, ?>) d).isEmpty())) {
          detail += " " + Json.canonicalString(d);
        }
      }
    } catch (MetadataException | IllegalArgumentException e) {
      detail = new String(resp.body(), StandardCharsets.UTF_8).strip().replace('\n', ' ');
      if (detail.length() > 200) {
        detail = detail.substring(0, 200);
      }
    }
    throw new ServerException("cannot " + what, resp.statusCode(), code, detail);
  }
}
