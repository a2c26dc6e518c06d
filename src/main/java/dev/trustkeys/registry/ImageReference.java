package dev.trustkeys.registry;

import dev.trustkeys.core.Untrusted;
import dev.trustkeys.core.UsageException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as {@code docker trust} takes it, {@code NAME[:TAG][@DIGEST]}, normalised as
 * Docker normalises it ({@code distribution/reference.ParseNormalizedNamed}): {@code app} is {@code
 * docker.io/library/app}, {@code me/app} is {@code docker.io/me/app}, {@code index.docker.io} is
 * Docker Hub, and a first component with a dot, a colon or {@code localhost} is a registry. The
 * normalised name is the repository's GUN on the Notary server.
 *
 * @param gun the normalised name, e.g. {@code docker.io/library/app}
 */
public record ImageReference(String gun, Optional<String> tag, Optional<String> digest) {
  private static final String ALNUM = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN =
      "(?:"
          + DOMAIN_COMPONENT
          + "(?:\\."
          + DOMAIN_COMPONENT
          + ")*"
          + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
  private static final Pattern NAME =
      Pattern.compile("(?:" + DOMAIN + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*" + ":[0-9a-fA-F]{32,}");
  private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");
  private static final int MAX_NAME = 255;

  public static ImageReference parse(String ref) throws UsageException {
    String rest = ref;
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(rest.substring(at + 1));
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest.get()).matches()) {
        throw invalid(ref, "invalid digest");
      }
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = Optional.of(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag.get()).matches()) {
        throw invalid(ref, "invalid tag " + Untrusted.quote(tag.get()));
      }
    }
    if (HEX64.matcher(rest).matches()) {
      throw invalid(ref, "cannot specify 64-byte hexadecimal strings");
    }
    String domain;
    String remainder;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? "" : rest.substring(0, slash);
    if (slash < 0
        || (first.indexOf('.') < 0
            && first.indexOf(':') < 0
            && !first.equals("localhost")
            && first.toLowerCase(Locale.ROOT).equals(first))) {
      domain = Registries.DOCKER_HUB;
      remainder = rest;
    } else {
      domain = first;
      remainder = rest.substring(slash + 1);
    }
    if (domain.equals("index.docker.io")) {
      domain = Registries.DOCKER_HUB;
    }
    if (domain.equals(Registries.DOCKER_HUB) && remainder.indexOf('/') < 0) {
      remainder = "library/" + remainder;
    }
    if (!remainder.toLowerCase(Locale.ROOT).equals(remainder)) {
      throw invalid(ref, "the repository name must be lowercase");
    }
    String gun = domain + "/" + remainder;
    if (!NAME.matcher(gun).matches()) {
      throw invalid(
          ref, "not NAME[:TAG] with a repository name of lowercase letters, digits and separators");
    }
    if (gun.length() > MAX_NAME) {
      throw invalid(ref, "repository name must not be more than " + MAX_NAME + " characters");
    }
    return new ImageReference(gun, tag, digest);
  }

  private static UsageException invalid(String ref, String why) {
    return new UsageException("invalid reference format " + Untrusted.quote(ref) + ": " + why);
  }
}
