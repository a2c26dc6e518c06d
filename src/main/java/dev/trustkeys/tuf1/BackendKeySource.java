package dev.trustkeys.tuf1;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;
import dev.trustkeys.metadata.MetadataFormatException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of a {@link Keyring} (hardware first): a TUF 1.0 key is found by the ID the keyring's
 * naming rule gives its public key, the ID back ends hold keys under. Signers are opened once and
 * kept until close.
 */
public final class BackendKeySource implements KeySource {
  private final Keyring keyring;
  private final Map<KeyId, Signer> open = new HashMap<>();

  public BackendKeySource(Keyring keyring) {
    this.keyring = keyring;
  }

  @Override
  public Optional<Signer> signer(Tuf1Key key) throws KeysException {
    KeyId handle = handle(key);
    if (handle == null) {
      return Optional.empty();
    }
    Signer s = open.get(handle);
    if (s != null) {
      return Optional.of(s);
    }
    Optional<Keyring.Located> l = keyring.lookup(handle);
    return l.isPresent() ? Optional.of(open(l.get())) : Optional.empty();
  }

  /** Opens (once) the signer of a key the keyring found, e.g. to read a new key's public key. */
  public Signer open(Keyring.Located key) throws KeysException {
    Signer s = open.get(key.key().id());
    if (s == null) {
      s = key.signer();
      open.put(key.key().id(), s);
    }
    return s;
  }

  @Override
  public Optional<String> location(Tuf1Key key) throws KeysException {
    KeyId handle = handle(key);
    if (handle != null) {
      Optional<Keyring.Located> l = keyring.lookup(handle);
      if (l.isPresent()) {
        return Optional.of(l.get().key().location().display());
      }
    }
    return Optional.empty();
  }

  /** The ID back ends know the key by (the keyring's naming rule over its public key). */
  private KeyId handle(Tuf1Key key) {
    try {
      return keyring.naming().idOf(key.publicKey());
    } catch (MetadataFormatException | IllegalArgumentException e) {
      return null; // a key type keys cannot hold is held nowhere here
    }
  }

  @Override
  public void close() {
    for (Signer s : open.values()) {
      s.close();
    }
    open.clear();
  }
}
