package dev.trustkeys.core.secret;

import dev.trustkeys.core.KeysException;
import java.util.List;
import java.util.Optional;

/** Asks each provider in turn; the first that has an answer wins. */
public final class ChainedSecrets implements SecretProvider {
  private final List<SecretProvider> providers;

  public ChainedSecrets(List<SecretProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  @Override
  public Optional<Secret> obtain(SecretRequest request) throws KeysException {
    for (SecretProvider p : providers) {
      Optional<Secret> s = p.obtain(request);
      if (s.isPresent()) {
        return s;
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean canAnswer(SecretRequest request) throws KeysException {
    for (SecretProvider p : providers) {
      if (p.canAnswer(request)) {
        return true;
      }
    }
    return false;
  }
}
