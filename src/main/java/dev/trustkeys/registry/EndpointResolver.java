package dev.trustkeys.registry;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.json.JsonReader;
import dev.trustkeys.core.json.JsonSyntaxException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves the Notary server of a repository as Docker and Notary do, once, into a {@link
 * NotaryEndpoint}.
 *
 * <p>The URL: {@code --server}, else {@code DOCKER_CONTENT_TRUST_SERVER} (https only, as Docker
 * requires), else {@code remote_server.url} of Notary's {@code ~/.notary/config.json}, else the
 * registry's default as Docker derives it ({@code https://notary.docker.io} for Docker Hub, {@code
 * https://REGISTRY} otherwise).
 *
 * <p>TLS: {@code --tlscacert} (trusted alone, as Notary does) or, when the server is the one
 * Notary's config names, its {@code root_ca}; besides, Docker's per-server directories {@code
 * $DOCKER_CONFIG/tls/<host:port>/} and {@code /etc/docker/certs.d/<host:port>/} add their {@code
 * *.crt} CAs to the system's, and their {@code *.cert} / {@code *.key} pair is the client
 * certificate unless {@code --tlscert}/{@code --tlskey} or Notary's {@code tls_client_cert}/{@code
 * tls_client_key} name one. Notary's relative paths are taken from its config's directory.
 *
 * <p>Logins for the GUN's registry: {@code NOTARY_AUTH}, else Docker's ({@link DockerCredentials}).
 */
public final class EndpointResolver {
  private final Map<String, String> env;
  private final Path home;
  private final Path systemCertsDir;

  /** {@code systemCertsDir} is {@code /etc/docker/certs.d} outside tests. */
  public EndpointResolver(Map<String, String> env, Path home, Path systemCertsDir) {
    this.env = Map.copyOf(env);
    this.home = home;
    this.systemCertsDir = systemCertsDir;
  }

  public EndpointResolver(Map<String, String> env, Path home) {
    this(env, home, Path.of("/etc/docker/certs.d"));
  }

  /** Docker's configuration directory: {@code $DOCKER_CONFIG}, else {@code ~/.docker}. */
  public Path dockerConfigDir() {
    String d = env.get("DOCKER_CONFIG");
    return d != null && !d.isBlank() ? Path.of(d) : home.resolve(".docker");
  }

  /** Notary's client configuration file, {@code ~/.notary/config.json}. */
  public Path notaryConfigFile() {
    return home.resolve(".notary").resolve("config.json");
  }

  public NotaryEndpoint resolve(String gun, ServerOptions opts) throws KeysException {
    String registry = Registries.of(gun);
    Map<?, ?> notary = remoteServer(notaryConfigFile());
    String url;
    String origin;
    String trustServer = env.get("DOCKER_CONTENT_TRUST_SERVER");
    if (opts.server() != null && !opts.server().isBlank()) {
      url = opts.server();
      origin = "";
    } else if (trustServer != null && !trustServer.isBlank()) {
      if (!trustServer.startsWith("https://")) {
        throw new UsageException(
            "DOCKER_CONTENT_TRUST_SERVER must be an https:// URL, as Docker requires, not '"
                + trustServer
                + "'",
            Remedy.of(Remedy.Kind.FIX_VARIABLE_OR_NAME_SERVER));
      }
      url = trustServer;
      origin = "DOCKER_CONTENT_TRUST_SERVER";
    } else if (notary.get("url") instanceof String && !((String) notary.get("url")).isBlank()) {
      url = (String) notary.get("url");
      origin = notaryConfigFile().toString();
    } else {
      url = Registries.defaultNotaryServer(registry);
      origin = "the default for " + registry;
    }
    java.net.URI uri = NotaryEndpoint.parse(url, origin);
    boolean notaryServer =
        notary.get("url") instanceof String
            && sameServer(
                NotaryEndpoint.parse((String) notary.get("url"), notaryConfigFile().toString()),
                uri);
    Path notaryDir = notaryConfigFile().getParent();
    String hostPort = uri.getRawAuthority();

    List<Path> cas = new ArrayList<>();
    boolean onlyThese = false;
    Path cert = opts.clientCert();
    Path key = opts.clientKey();
    if (opts.caFile() != null) {
      cas.add(opts.caFile().toAbsolutePath());
      onlyThese = true;
    } else if (notaryServer && notary.get("root_ca") instanceof String) {
      cas.add(notaryDir.resolve((String) notary.get("root_ca")));
      onlyThese = true;
    }
    if (cert == null && key == null && notaryServer) {
      cert =
          notary.get("tls_client_cert") instanceof String
              ? notaryDir.resolve((String) notary.get("tls_client_cert"))
              : null;
      key =
          notary.get("tls_client_key") instanceof String
              ? notaryDir.resolve((String) notary.get("tls_client_key"))
              : null;
    }
    Path dockerDir = dockerConfigDir().resolve("tls").resolve(hostPort);
    for (Path dir : List.of(dockerDir, systemCertsDir.resolve(hostPort))) {
      CertsDirectory d = CertsDirectory.read(dir);
      if (!onlyThese) {
        cas.addAll(d.cas);
      }
      if (cert == null && key == null && d.cert != null) {
        cert = d.cert;
        key = d.key;
      }
    }
    TlsSettings tls = TlsSettings.of(cas, onlyThese, cert, key, dockerDir.resolve("ca.crt"));

    CredentialSource logins =
        CredentialSource.firstOf(
            List.of(
                new NotaryAuth(env),
                new DockerCredentials(dockerConfigDir().resolve("config.json"), env)));
    return NotaryEndpoint.of(uri.toString(), origin, registry, tls, logins);
  }

  private static boolean sameServer(java.net.URI a, java.net.URI b) {
    return a.getScheme().equals(b.getScheme())
        && a.getRawAuthority().equalsIgnoreCase(b.getRawAuthority());
  }

  /** Notary's {@code remote_server} object, or an empty map when there is no config file. */
  private static Map<?, ?> remoteServer(Path file) throws KeysException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new KeysException(
          "cannot read Notary's configuration " + file + ": " + e.getMessage(), e);
    }
    try {
      Object o = JsonReader.parse(text);
      Object rs = o instanceof Map ? ((Map<?, ?>) o).get("remote_server") : null;
      return rs instanceof Map ? (Map<?, ?>) rs : Map.of();
    } catch (JsonSyntaxException e) {
      throw new KeysException(
          "Notary's configuration "
              + file
              + " is not valid JSON ("
              + e.getMessage()
              + "): fix"
              + " it",
          ExitCode.USAGE);
    }
  }

  /**
   * A Docker certificate directory: {@code *.crt} CAs, and a {@code *.cert}/{@code *.key} client
   * pair.
   */
  private static final class CertsDirectory {
    final List<Path> cas = new ArrayList<>();
    Path cert;
    Path key;

    static CertsDirectory read(Path dir) throws KeysException {
      CertsDirectory d = new CertsDirectory();
      if (!Files.isDirectory(dir)) {
        return d;
      }
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
        s.forEach(files::add);
      } catch (IOException e) {
        throw new KeysException(
            "cannot read the certificate directory " + dir + ": " + e.getMessage(), e);
      }
      files.sort(null);
      for (Path f : files) {
        String n = f.getFileName().toString();
        if (n.endsWith(".crt")) {
          d.cas.add(f);
        } else if (n.endsWith(".cert") && d.cert == null) {
          Path k = dir.resolve(n.substring(0, n.length() - ".cert".length()) + ".key");
          if (!Files.exists(k)) {
            throw new UsageException(
                "missing key "
                    + k.getFileName()
                    + " for the client certificate "
                    + f
                    + " (CA certificates must end in .crt)");
          }
          d.cert = f;
          d.key = k;
        } else if (n.endsWith(".key")) {
          Path c = dir.resolve(n.substring(0, n.length() - ".key".length()) + ".cert");
          if (!Files.exists(c)) {
            throw new UsageException(
                "missing client certificate " + c.getFileName() + " for the key " + f);
          }
        }
      }
      return d;
    }
  }
}
