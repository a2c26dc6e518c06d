package dev.trustkeys.tuf1;

import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;
import dev.trustkeys.metadata.MetadataFormatException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of a list of back ends (hardware first, as the command line orders them): a TUF 1.0 key is found by the
 * canonical ID of its public key, the ID back ends file keys under. Signers are opened once and kept until close.
 */
public final class BackendKeySource implements KeySource {
  private final List<KeyBackend> backends;
  private final Map<KeyId, Signer> open = new HashMap<>();

  public BackendKeySource(List<KeyBackend> backends) {
    this.backends = List.copyOf(backends);
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
    for (KeyBackend b : backends) {
      if (b.lookup(handle).isPresent()) {
        s = b.signer(handle);
        open.put(handle, s);
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Opens (once) the signer of key {@code id} of back end {@code backend}, e.g. to read a new key's public key. */
  public Signer open(KeyBackend backend, KeyId id) throws KeysException {
    Signer s = open.get(id);
    if (s == null) {
      s = backend.signer(id);
      open.put(id, s);
    }
    return s;
  }

  @Override
  public Optional<String> location(Tuf1Key key) throws KeysException {
    KeyId handle = handle(key);
    if (handle != null) {
      for (KeyBackend b : backends) {
        Optional<KeyInfo> k = b.lookup(handle);
        if (k.isPresent()) {
          return Optional.of(k.get().location().display());
        }
      }
    }
    return Optional.empty();
  }

  private static KeyId handle(Tuf1Key key) {
    try {
      return key.handle();
    } catch (MetadataFormatException e) {
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
