package dev.trustkeys.registry;

import dev.trustkeys.core.UsageException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A Notary server as one repository uses it, resolved once (by {@link EndpointResolver}) and passed
 * down: its URL and where that came from, the registry whose logins apply, the TLS settings, and
 * where logins come from.
 */
public final class NotaryEndpoint {
  /**
   * Docker Hub's Notary, the default for docker.io repositories; Docker retires it in December
   * 2026.
   */
  public static final String DOCKER_HUB_NOTARY = "https://notary.docker.io";

  private final URI url;
  private final String origin;
  private final String registry;
  private final TlsSettings tls;
  private final CredentialSource credentials;

  private NotaryEndpoint(
      URI url, String origin, String registry, TlsSettings tls, CredentialSource credentials) {
    this.url = url;
    this.origin = origin;
    this.registry = registry;
    this.tls = tls;
    this.credentials = credentials;
  }

  /**
   * @param url {@code http(s)://host[:port][/path]}
   * @param origin where the URL came from, for messages ("DOCKER_CONTENT_TRUST_SERVER", a config
   *     file, "the default for docker.io"), or "" when the person named it themselves
   * @param registry the registry whose logins apply ({@code docker.io}, {@code 127.0.0.1:5000})
   */
  public static NotaryEndpoint of(
      String url, String origin, String registry, TlsSettings tls, CredentialSource credentials)
      throws UsageException {
    return new NotaryEndpoint(parse(url, origin), origin, registry, tls, credentials);
  }

  /**
   * A server with no TLS settings of its own and no logins: the system's CAs, anonymous requests.
   */
  public static NotaryEndpoint anonymous(String url) throws UsageException {
    return of(url, "", "", TlsSettings.system(), CredentialSource.none());
  }

  static URI parse(String url, String origin) throws UsageException {
    String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (!u.startsWith("http://") && !u.startsWith("https://")) {
      throw new UsageException(
          "the Notary server URL must start with https:// (or http://), not '"
              + url
              + "'"
              + (origin.isEmpty() ? "" : " (from " + origin + ")"));
    }
    try {
      URI uri = new URI(u);
      if (uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        throw new URISyntaxException(u, "not a plain http(s)://host[:port][/path] URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UsageException(
          "'"
              + url
              + "' is not a server URL like https://notary.example.com:4443"
              + (origin.isEmpty() ? "" : " (from " + origin + ")"));
    }
  }

  /** The base URL, without a trailing slash. */
  public String url() {
    return url.toString();
  }

  public URI uri() {
    return url;
  }

  public String origin() {
    return origin;
  }

  public String registry() {
    return registry;
  }

  public TlsSettings tls() {
    return tls;
  }

  public CredentialSource credentials() {
    return credentials;
  }

  public boolean isHttps() {
    return url.getScheme().equals("https");
  }

  /**
   * {@code host:port} as written in the URL (Docker's directory name under {@code tls/}), or just
   * the host.
   */
  public String hostPort() {
    return url.getRawAuthority();
  }

  /** Docker Hub's Notary service, which Docker retires. */
  public boolean isDockerHub() {
    return url.getHost().equalsIgnoreCase("notary.docker.io");
  }

  @Override
  public String toString() {
    return url
        + " (from "
        + (origin.isEmpty() ? "the command line" : origin)
        + ", registry "
        + registry
        + ", "
        + tls
        + ")";
  }
}
