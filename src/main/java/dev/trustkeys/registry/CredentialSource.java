package dev.trustkeys.registry;

import dev.trustkeys.core.KeysException;
import java.util.List;
import java.util.Optional;

/**
 * Where logins come from, looked up by the registry they are for ({@code docker.io}, {@code
 * 127.0.0.1:5000}).
 */
public interface CredentialSource {
  /** The login for {@code registry}, or empty when this source has none. */
  Optional<Credentials> lookup(String registry) throws KeysException;

  /** No logins at all: every server is asked anonymously. */
  static CredentialSource none() {
    return registry -> Optional.empty();
  }

  /** The first source that has a login for the registry wins. */
  static CredentialSource firstOf(List<CredentialSource> sources) {
    List<CredentialSource> copy = List.copyOf(sources);
    return registry -> {
      for (CredentialSource s : copy) {
        Optional<Credentials> c = s.lookup(registry);
        if (c.isPresent()) {
          return c;
        }
      }
      return Optional.empty();
    };
  }
}
