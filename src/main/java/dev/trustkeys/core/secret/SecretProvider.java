package dev.trustkeys.core.secret;

import dev.trustkeys.core.KeysException;
import java.util.Optional;

/**
 * Supplies passphrases and PINs: from the environment, a file, or a terminal prompt. An empty result means "this
 * source has nothing for that request" (the next source in a chain is asked).
 */
@FunctionalInterface
public interface SecretProvider {
  Optional<Secret> obtain(SecretRequest request) throws KeysException;
}
