package dev.trustkeys.registry;

import dev.trustkeys.core.KeysException;
import java.util.Map;
import java.util.Optional;

/**
 * Notary's {@code NOTARY_AUTH}: base64 of {@code user:password}, used for every server (the
 * password's surrounding white space is dropped, as Notary does).
 */
public final class NotaryAuth implements CredentialSource {
  private final String value;

  public NotaryAuth(Map<String, String> env) {
    this.value = env.get("NOTARY_AUTH");
  }

  @Override
  public Optional<Credentials> lookup(String registry) throws KeysException {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    UserPassword up = UserPassword.decode(value, "NOTARY_AUTH");
    char[] pw = up.password();
    int from = 0;
    int to = pw.length;
    while (from < to && Character.isWhitespace(pw[from])) {
      from++;
    }
    while (to > from && Character.isWhitespace(pw[to - 1])) {
      to--;
    }
    char[] trimmed = java.util.Arrays.copyOfRange(pw, from, to);
    java.util.Arrays.fill(pw, '\0');
    return Optional.of(Credentials.password(up.user(), trimmed, "NOTARY_AUTH"));
  }
}
