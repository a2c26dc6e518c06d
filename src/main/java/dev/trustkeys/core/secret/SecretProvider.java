package dev.trustkeys.core.secret;

import dev.trustkeys.core.KeysException;
import java.util.Optional;

/**
 * Supplies passphrases and PINs: from the environment, a file, or a terminal prompt. An empty
 * result means "this source has nothing for that request" (the next source in a chain is asked).
 */
@FunctionalInterface
public interface SecretProvider {
  Optional<Secret> obtain(SecretRequest request) throws KeysException;

  /**
   * Whether this source will answer {@code request} — it holds the answer, or has a person to ask —
   * checked without asking anyone, before a command that needs several secrets makes its first
   * change (so that it does not stop half-way for the want of the second). Throws what {@link
   * #obtain} would for an answer it refuses (a new passphrase that is too short). A source that
   * cannot tell says yes: the request is then refused when made.
   */
  default boolean canAnswer(SecretRequest request) throws KeysException {
    return true;
  }
}
