package dev.trustkeys.registry;

/** How Docker names the registry of a repository (distribution/reference's domain split). */
public final class Registries {
  /** Docker Hub. */
  public static final String DOCKER_HUB = "docker.io";

  private Registries() {}

  /**
   * The registry of a GUN: its first component when that looks like a host ({@code .} or {@code :}
   * in it, or {@code localhost}), else Docker Hub; {@code index.docker.io} is Docker Hub too.
   */
  public static String of(String gun) {
    int slash = gun.indexOf('/');
    if (slash < 0) {
      return DOCKER_HUB;
    }
    String first = gun.substring(0, slash);
    boolean host =
        first.indexOf('.') >= 0
            || first.indexOf(':') >= 0
            || first.equals("localhost")
            || !first.equals(first.toLowerCase(java.util.Locale.ROOT));
    if (!host) {
      return DOCKER_HUB;
    }
    return first.equals("index.docker.io") ? DOCKER_HUB : first;
  }

  /** The Notary server Docker uses for a registry when none is configured. */
  public static String defaultNotaryServer(String registry) {
    return registry.equals(DOCKER_HUB) ? NotaryEndpoint.DOCKER_HUB_NOTARY : "https://" + registry;
  }
}
