package dev.trustkeys.registry;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.json.JsonReader;
import dev.trustkeys.core.json.JsonSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Logins as the Docker CLI finds them for a registry: {@code DOCKER_AUTH_CONFIG} (a JSON {@code
 * auths} map in the environment), then {@code config.json}'s {@code credHelpers} entry for the
 * registry, else its {@code credsStore}, through {@code docker-credential-NAME get}, else its
 * {@code auths} entry ({@code auth} = base64 of user:password, or {@code identitytoken}). Docker
 * Hub's logins are kept under {@code https://index.docker.io/v1/}; an {@code auths} key written as
 * a URL ({@code https://host:port}) matches its host, as Docker's file store does.
 */
public final class DockerCredentials implements CredentialSource {
  /** The key Docker keeps Docker Hub's login under. */
  public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

  private final Path configFile;
  private final Map<String, String> env;

  /**
   * {@code configFile} is {@code $DOCKER_CONFIG/config.json} (or {@code ~/.docker/config.json}).
   */
  public DockerCredentials(Path configFile, Map<String, String> env) {
    this.configFile = configFile;
    this.env = Map.copyOf(env);
  }

  /**
   * The key a registry's login is stored under: its host[:port], or Docker Hub's historical URL.
   */
  public static String authKey(String registry) {
    return registry.equals("docker.io") || registry.equals("index.docker.io")
        ? DOCKER_HUB_KEY
        : registry;
  }

  @Override
  public Optional<Credentials> lookup(String registry) throws KeysException {
    String key = authKey(registry);
    String envConfig = env.get("DOCKER_AUTH_CONFIG");
    if (envConfig != null && !envConfig.isBlank()) {
      Optional<Credentials> c =
          fromAuths(
              object(parse(envConfig, "DOCKER_AUTH_CONFIG")).get("auths"),
              key,
              "DOCKER_AUTH_CONFIG");
      if (c.isPresent()) {
        return c;
      }
    }
    Map<?, ?> config = readConfig();
    if (config.isEmpty()) {
      return Optional.empty();
    }
    String helper = null;
    if (config.get("credHelpers") instanceof Map
        && ((Map<?, ?>) config.get("credHelpers")).get(key) instanceof String) {
      helper = (String) ((Map<?, ?>) config.get("credHelpers")).get(key);
    } else if (config.get("credsStore") instanceof String) {
      helper = (String) config.get("credsStore");
    }
    if (helper != null && !helper.isEmpty()) {
      return new CredentialHelper(helper, env).get(key);
    }
    return fromAuths(config.get("auths"), key, configFile.toString());
  }

  private Map<?, ?> readConfig() throws KeysException {
    String text;
    try {
      text = Files.readString(configFile);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new KeysException("cannot read " + configFile + ": " + e.getMessage(), e);
    }
    return object(parse(text, configFile.toString()));
  }

  private static Object parse(String text, String where) throws KeysException {
    try {
      return JsonReader.parse(text);
    } catch (JsonSyntaxException e) {
      throw new KeysException(
          where + " is not valid JSON (" + e.getMessage() + "): fix or remove it", ExitCode.USAGE);
    }
  }

  private static Map<?, ?> object(Object o) {
    return o instanceof Map ? (Map<?, ?>) o : Map.of();
  }

  private static Optional<Credentials> fromAuths(Object auths, String key, String origin)
      throws KeysException {
    if (!(auths instanceof Map)) {
      return Optional.empty();
    }
    Map<?, ?> all = (Map<?, ?>) auths;
    Object entry = all.get(key);
    if (entry == null) {
      for (Map.Entry<?, ?> e : all.entrySet()) {
        if (e.getKey() instanceof String && hostOf((String) e.getKey()).equals(key)) {
          entry = e.getValue();
          break;
        }
      }
    }
    if (!(entry instanceof Map)) {
      return Optional.empty();
    }
    Map<?, ?> m = (Map<?, ?>) entry;
    String user = "";
    char[] password = null;
    if (m.get("auth") instanceof String && !((String) m.get("auth")).isEmpty()) {
      UserPassword up =
          UserPassword.decode(
              (String) m.get("auth"), "the auth entry for " + key + " in " + origin);
      user = up.user();
      password = up.password();
    } else if (m.get("username") instanceof String && m.get("password") instanceof String) {
      user = (String) m.get("username");
      password = ((String) m.get("password")).toCharArray();
    }
    if (m.get("identitytoken") instanceof String && !((String) m.get("identitytoken")).isEmpty()) {
      if (password != null) {
        java.util.Arrays.fill(password, '\0');
      }
      return Optional.of(
          Credentials.identityToken(user, ((String) m.get("identitytoken")).toCharArray(), origin));
    }
    return password == null
        ? Optional.empty()
        : Optional.of(Credentials.password(user, password, origin));
  }

  /**
   * Docker's ConvertToHostname: {@code https://host:port/v1/} → {@code host:port}; {@code host/x} →
   * {@code host}.
   */
  static String hostOf(String maybeUrl) {
    String s = maybeUrl;
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int slash = s.indexOf('/');
    return slash >= 0 ? s.substring(0, slash) : s;
  }
}
