package dev.trustkeys.notary;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyNotFoundException;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every back end keys may live in, searched in order (put hardware first, as Notary puts the YubiKey first), plus
 * where new keys go: {@code preferredForRoot} for root keys (a token, if the user has one), {@code preferred} for
 * the others. This is the hook "find a root key in any back end, else create one in the preferred back end".
 */
public final class KeyStores {
  private final List<KeyBackend> searchOrder;
  private final KeyBackend preferredForRoot;
  private final KeyBackend preferred;

  /** A key and the back end that holds it. */
  public record Located(KeyBackend backend, KeyInfo info) {
    public Signer signer() throws KeysException {
      return backend.signer(info.id());
    }
  }

  public KeyStores(List<KeyBackend> searchOrder, KeyBackend preferredForRoot, KeyBackend preferred) {
    this.searchOrder = List.copyOf(searchOrder);
    this.preferredForRoot = preferredForRoot;
    this.preferred = preferred;
  }

  /** One back end for everything. */
  public static KeyStores single(KeyBackend backend) {
    return new KeyStores(List.of(backend), backend, backend);
  }

  public List<KeyBackend> backends() {
    return searchOrder;
  }

  /** Finds a key by canonical ID in any back end. */
  public Optional<Located> find(KeyId canonicalId) throws KeysException {
    for (KeyBackend b : searchOrder) {
      for (KeyInfo k : b.list().keys()) {
        if (k.id().equals(canonicalId)) {
          return Optional.of(new Located(b, k));
        }
      }
    }
    return Optional.empty();
  }

  public Signer signer(KeyId canonicalId, String what) throws KeysException {
    Located l = find(canonicalId).orElseThrow(() -> new KeyNotFoundException(canonicalId.hex(),
        what + " is in none of: " + describeAll()));
    return l.signer();
  }

  public String describeAll() {
    List<String> d = new ArrayList<>();
    searchOrder.forEach(b -> d.add(b.describe()));
    return String.join(", ", d);
  }

  /** All root keys, in search order. */
  public List<Located> rootKeys() throws KeysException {
    List<Located> out = new ArrayList<>();
    for (KeyBackend b : searchOrder) {
      for (KeyInfo k : b.list().keys()) {
        if (k.role().isRoot()) {
          out.add(new Located(b, k));
        }
      }
    }
    return out;
  }

  /**
   * The root key to use for a new repository: the one named, else the first root key of any back end, else a new
   * ECDSA P-256 key in the preferred root back end.
   */
  public Located findOrCreateRootKey(Optional<KeyId> wanted) throws KeysException {
    if (wanted.isPresent()) {
      Located l = find(wanted.get()).orElseThrow(() -> new KeyNotFoundException(wanted.get().hex(),
          "no root key with that ID in " + describeAll()));
      if (!l.info().role().isRoot()) {
        throw new dev.trustkeys.core.UsageException("key " + wanted.get().shortId() + " is a " + l.info().role()
            + " key, not a root key");
      }
      return l;
    }
    List<Located> roots = rootKeys();
    if (!roots.isEmpty()) {
      return roots.get(0);
    }
    return new Located(preferredForRoot, preferredForRoot.generate(new KeySpec(Role.ROOT, "", Algorithm.ECDSA_P256)));
  }

  /** A new key for a role, in the preferred back end (root keys in the preferred root back end). */
  public Located create(Role role, String gun) throws KeysException {
    KeyBackend b = role.isRoot() ? preferredForRoot : preferred;
    return new Located(b, b.generate(KeySpec.of(role, gun, Algorithm.ECDSA_P256)));
  }
}
