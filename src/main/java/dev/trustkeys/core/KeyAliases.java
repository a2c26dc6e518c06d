package dev.trustkeys.core;

import java.util.Optional;

/**
 * Other names a key goes by, for a {@link Keyring} to try when no key ID matches: Notary's
 * root.json names root keys by their certificate's ID, {@code keys list} by the key's, and either
 * names the key.
 */
@FunctionalInterface
public interface KeyAliases {
  /**
   * The key {@code prefix} (lower-case hex, 7 or more digits) is an alias of, when exactly one is.
   */
  Optional<KeyId> resolve(String prefix) throws KeysException;

  /** No other names. */
  static KeyAliases none() {
    return prefix -> Optional.empty();
  }
}
