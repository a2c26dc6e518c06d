package dev.trustkeys.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server or proxy answering with old data, for tests: serves fixed metadata files at
 * notary-server's paths ({@code GET /v2/<gun>/_trust/tuf/<file>}) on 127.0.0.1, on a free port;
 * anything else is a 404. Not a Notary server: the files it serves are whatever the test captured
 * from the real one earlier.
 */
public final class StaleNotaryServer implements AutoCloseable {
  private final HttpServer http;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  private StaleNotaryServer(HttpServer http) {
    this.http = http;
  }

  public static StaleNotaryServer start() throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    StaleNotaryServer s = new StaleNotaryServer(http);
    http.createContext(
        "/",
        exchange -> {
          byte[] body =
              "GET".equals(exchange.getRequestMethod())
                  ? s.files.get(exchange.getRequestURI().getPath())
                  : null;
          if (body == null) {
            body =
                "{\"errors\":[{\"code\":\"METADATA_NOT_FOUND\",\"message\":\"not found\"}]}"
                    .getBytes();
            exchange.sendResponseHeaders(404, body.length);
          } else {
            exchange.sendResponseHeaders(200, body.length);
          }
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    http.start();
    return s;
  }

  /**
   * Serves {@code bytes} as {@code file} ({@code root.json}, {@code 2.root.json}, ...) of {@code
   * gun}.
   */
  public StaleNotaryServer serve(String gun, String file, byte[] bytes) {
    files.put("/v2/" + gun + "/_trust/tuf/" + file, bytes.clone());
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
