package dev.trustkeys.core;

import java.util.List;
import java.util.Optional;

/**
 * One kind of back end (encrypted files, PKCS#11 tokens, YubiKeys) as the {@link Keyring} sees it:
 * it finds the back ends of its kind that are present, parses the URIs of its scheme, and makes a
 * back end for what a URI names. Adding a kind of back end is one provider (and the back end
 * passing {@code KeyBackendContract}).
 */
public interface BackendProvider {
  /** The URI scheme of its keys' locations and of the URIs it parses: file, pkcs11, yubikey. */
  String scheme();

  /** How its back ends keep keys: the keyring's search order and root choice follow it. */
  Custody custody();

  /**
   * The back ends of this kind present now (or remembered: a token that is absent is a back end
   * whose listing says so), in the order to search them. Cheap when there are none: nothing is
   * loaded that is not needed.
   */
  List<KeyBackend> discover() throws KeysException;

  /**
   * The back end a URI of this scheme names ({@code pkcs11:token=ci}), with the key when the URI
   * names one ({@code pkcs11:token=ci;object=...}). A URI this kind cannot parse is a {@link
   * UsageException}.
   */
  Address address(String uri) throws KeysException;

  /** What a URI names: a back end, and a key on it when the URI names one. */
  record Address(KeyBackend backend, Optional<KeyInfo> key) {}

  /**
   * Where a new root key goes among {@code present}, this kind's back ends that {@link #discover}
   * found: empty to leave the choice to the next kind. The default takes the only one, and none
   * when there are several.
   */
  default Optional<KeyBackend> rootHome(List<KeyBackend> present) throws KeysException {
    return present.size() == 1 ? Optional.of(present.get(0)) : Optional.empty();
  }
}
