package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.metadata.MetadataFormatException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A key of a root, in any dialect, as a ceremony uses it: the ID the metadata lists it under, the
 * key object as written, the public key and the ID back ends file it under ({@link #handle()}, what
 * {@code keys list} shows), and how it is named to people. A key whose object cannot be decoded
 * (hostile or foreign metadata) still has an ID and a name; its other accessors throw.
 */
public interface RootKey {
  /** The custom key field holding a YubiKey's attestation of the key (TUF 1.0): see docs/tuf.md. */
  String ATTESTATION_FIELD = "x-keys-yubikey-attestation";

  /** The ID the metadata lists the key under. */
  String id();

  /** The key object as written. */
  Map<String, Object> json();

  /** The ID back ends know the key by (the canonical ID of its public key). */
  KeyId handle() throws MetadataFormatException;

  /**
   * The ID back ends hold {@code key} under: the keyring's naming rule, which is Notary's ID of the
   * plain key (the file back end's NotaryKeyNaming; NotaryDialectTest keeps the two in step).
   */
  static KeyId handleOf(java.security.PublicKey key) {
    return dev.trustkeys.tuf.TufKey.forPublicKey(key).id();
  }

  PublicKey publicKey() throws MetadataFormatException;

  /** The algorithm its signatures use. */
  SignatureAlgorithm algorithm() throws MetadataFormatException;

  /** {@code df0db5a (certificate 095ac07)}, {@code df0db5a (TUF key 095ac07)}: short, for lists. */
  String label();

  /** The same with the full key ID, a fingerprint to compare. */
  String fullLabel();

  /**
   * What else people should know when the key is added or removed: certificate, owner, hardware.
   */
  List<String> details();

  /** For {@code --json}. */
  Map<String, Object> toJson();

  /** The handle, or empty when the key object cannot be decoded. */
  default Optional<KeyId> handleIfReadable() {
    try {
      return Optional.of(handle());
    } catch (MetadataFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The YubiKey attestation recorded with the key (PEM: the key's attestation certificate, then the
   * device's).
   */
  default Optional<String> attestationPem() {
    Object v = json().get(ATTESTATION_FIELD);
    return v instanceof String ? Optional.of((String) v) : Optional.empty();
  }
}
