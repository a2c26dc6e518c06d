package dev.trustkeys.core;

import java.security.PublicKey;

/**
 * How a keyring names keys: the {@link KeyId} a public key is listed, looked up and filed under. A
 * keyring has one rule for all its back ends, so that one key has one ID wherever it lives (a
 * YubiKey slot and its backup file, a token and a file). {@code keys} uses the file back end's
 * rule, which is Notary's (files are named by it).
 */
@FunctionalInterface
public interface KeyNaming {
  /**
   * The ID of {@code key}; an algorithm the rule cannot name is an {@link
   * IllegalArgumentException}.
   */
  KeyId idOf(PublicKey key);
}
