package dev.trustkeys.testing;

import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A SecretProvider that answers every request with one value and records what was asked. */
public final class FixedSecrets implements SecretProvider {
  private final String value;
  private final Secret.Origin origin;
  public final List<SecretRequest> requests = new ArrayList<>();

  public FixedSecrets(String value) {
    this(value, Secret.Origin.PROGRAM);
  }

  public FixedSecrets(String value, Secret.Origin origin) {
    this.value = value;
    this.origin = origin;
  }

  public static SecretProvider none() {
    return r -> Optional.empty();
  }

  @Override
  public Optional<Secret> obtain(SecretRequest request) {
    requests.add(request);
    return value == null
        ? Optional.empty()
        : Optional.of(Secret.adopt(value.toCharArray(), origin));
  }
}
