package dev.trustkeys.notary;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.TufKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, in every back end (YubiKeys and tokens first), enough distinct keys of a targets role to
 * meet its threshold, and no more: each key found may ask for a passphrase, a PIN or a touch.
 */
final class RoleSigners {
  private RoleSigners() {}

  /** Whether at least one of {@code keys} is held here (Docker's test for a role it may sign). */
  static boolean anyHere(Map<String, TufKey> keys, Keyring keyring) throws KeysException {
    for (TufKey k : keys.values()) {
      if (keyring.lookup(k.canonicalId()).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Signers for {@code threshold} distinct keys of the role, or a {@link
   * RoleKeysUnavailableException}.
   */
  static List<KeyedSigner> forThreshold(
      String gun, String role, Map<String, TufKey> keys, int threshold, Keyring keyring)
      throws KeysException {
    List<KeyedSigner> out = new ArrayList<>();
    Set<KeyId> seen = new HashSet<>();
    List<String> canonical = new ArrayList<>();
    try {
      for (Map.Entry<String, TufKey> e : keys.entrySet()) {
        KeyId id = e.getValue().canonicalId();
        canonical.add(id.hex());
        if (out.size() >= threshold || !seen.add(id)) {
          continue;
        }
        Optional<Keyring.Located> l = keyring.lookup(id);
        if (l.isPresent()) {
          out.add(new KeyedSigner(e.getKey(), l.get().signer()));
        }
      }
    } catch (KeysException | RuntimeException e) {
      RootSigners.closeAll(out);
      throw e;
    }
    if (threshold < 1 || out.size() < threshold) {
      RootSigners.closeAll(out);
      throw new RoleKeysUnavailableException(
          gun, role, canonical, threshold, out.size(), keyring.describeAll());
    }
    return out;
  }
}
