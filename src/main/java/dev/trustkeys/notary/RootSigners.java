package dev.trustkeys.notary;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signer;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.RoleKeys;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.TufKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds enough of a root's keys in the local back ends to meet its threshold. */
final class RootSigners {
  private RootSigners() {}

  /**
   * Signers for {@code root}'s root role (at most its threshold, one per public key: a key listed
   * under two certificates counts once), or a one-line explanation of what is missing.
   */
  static List<KeyedSigner> forThreshold(String gun, Root root, Keyring keyring)
      throws KeysException {
    RoleKeys role = root.role("root");
    List<KeyedSigner> out = new ArrayList<>();
    Set<KeyId> used = new HashSet<>();
    for (String id : role.keyIds()) {
      if (out.size() == role.threshold()) {
        break;
      }
      TufKey k = root.keys().get(id);
      Optional<Keyring.Located> l = keyring.lookup(k.canonicalId());
      if (l.isPresent() && used.add(k.canonicalId())) {
        out.add(new KeyedSigner(id, l.get().signer()));
      }
    }
    if (out.size() < role.threshold()) {
      closeAll(out);
      throw new RootKeyUnavailableException(
          gun, root.keysOf("root"), role.threshold(), out.size(), keyring.describeAll());
    }
    return out;
  }

  static void closeAll(List<KeyedSigner> signers) {
    for (KeyedSigner s : signers) {
      Signer sg = s.signer();
      sg.close();
    }
  }
}
