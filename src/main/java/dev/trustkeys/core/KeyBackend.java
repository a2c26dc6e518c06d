package dev.trustkeys.core;

/**
 * A place keys live: the encrypted files of a trust directory, a PKCS#11 token, a YubiKey. Secrets
 * it needs (passphrases, PINs) come from the {@link dev.trustkeys.core.secret.SecretProvider} it
 * was built with.
 */
public interface KeyBackend {
  /** A short name for messages: "trust directory /home/me/.docker/trust", "token SoftHSM-test". */
  String describe();

  /** Lists the keys without decrypting anything. */
  KeyListing list() throws KeysException;

  /**
   * The key with exactly this ID, if this back end holds it. The default looks through {@link
   * #list()}; a back end whose listing costs device round trips (a YubiKey) looks only as far as it
   * must.
   */
  default java.util.Optional<KeyInfo> lookup(KeyId id) throws KeysException {
    for (KeyInfo k : list().keys()) {
      if (k.id().equals(id)) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Whether making a key here asks for a new passphrase (an encrypted file, or a device's backup
   * file): a command that makes several keys checks, before the first, that each can have one.
   */
  default boolean newKeysNeedPassphrase() {
    return false;
  }

  /** Creates a key and returns its description. */
  KeyInfo generate(KeySpec spec) throws KeysException;

  /** A signing operation for the key; may ask for a passphrase or PIN. */
  Signer signer(KeyId id) throws KeysException;

  /** Deletes the key (and on tokens, its certificate objects). */
  void remove(KeyId id) throws KeysException;
}
