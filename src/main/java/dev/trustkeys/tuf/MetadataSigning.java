package dev.trustkeys.tuf;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Signing metadata and counting valid signatures against a role's keys. */
public final class MetadataSigning {
  private MetadataSigning() {}

  private static final NotaryDialect DIALECT = NotaryDialect.INSTANCE;

  /** Signs the canonical form of {@code signed} with every signer. */
  public static Signed sign(Map<String, Object> signed, List<KeyedSigner> signers)
      throws KeysException {
    return new Signed(signed, List.of())
        .withSignatures(signatures(DIALECT.canonicalBytes(signed), signers));
  }

  /**
   * Each signer's signature of {@code message}, as the dialect writes it: its method name and the
   * bytes.
   */
  public static List<TufSignature> signatures(byte[] message, List<KeyedSigner> signers)
      throws KeysException {
    List<TufSignature> sigs = new ArrayList<>();
    for (KeyedSigner s : signers) {
      SignatureValue v = s.signer().sign(message);
      sigs.add(new TufSignature(s.metadataKeyId(), DIALECT.schemeName(v.algorithm()), v.value()));
    }
    return sigs;
  }

  /** Whether {@code sig} is a valid signature by {@code key} over {@code message}. */
  public static boolean verifies(TufKey key, TufSignature sig, byte[] message) {
    try {
      return NotaryDialect.algorithmOf(sig.method()).verify(key.publicKey(), message, sig.sig());
    } catch (MetadataException e) {
      return false;
    }
  }

  /**
   * The metadata IDs of {@code keys} that validly signed {@code doc}, one per public key: a key
   * listed twice (under two certificates, so two metadata IDs) counts once towards a threshold,
   * under the first ID it signed with.
   */
  public static List<String> validSigners(Signed doc, Map<String, TufKey> keys) {
    byte[] message = doc.canonicalSigned();
    List<String> valid = new ArrayList<>();
    Set<KeyId> counted = new HashSet<>();
    for (TufSignature s : doc.signatures()) {
      TufKey k = keys.get(s.keyId());
      if (k == null || valid.contains(s.keyId())) {
        continue;
      }
      KeyId publicKey;
      try {
        publicKey = k.canonicalId();
      } catch (MetadataException e) {
        continue;
      }
      if (!counted.contains(publicKey) && verifies(k, s, message)) {
        valid.add(s.keyId());
        counted.add(publicKey);
      }
    }
    return valid;
  }

  /**
   * How many different public keys {@code keyIds} name (the most signatures a threshold can count).
   */
  public static int distinctKeys(List<String> keyIds, Map<String, TufKey> keys) {
    Set<String> distinct = new HashSet<>();
    for (String id : keyIds) {
      KeyName n = KeyName.of(id, keys.get(id));
      distinct.add(n.id() != null ? n.id() : n.certificateId());
    }
    return distinct.size();
  }

  /**
   * Throws unless {@code doc} carries {@code role.threshold()} valid signatures from {@code role}'s
   * keys.
   */
  public static List<String> requireThreshold(
      String roleName, Signed doc, Map<String, TufKey> allKeys, RoleKeys role)
      throws ThresholdNotMetException {
    Map<String, TufKey> keys = new java.util.LinkedHashMap<>();
    for (String id : role.keyIds()) {
      if (allKeys.containsKey(id)) {
        keys.put(id, allKeys.get(id));
      }
    }
    List<String> valid = validSigners(doc, keys);
    if (valid.size() < role.threshold()) {
      throw new ThresholdNotMetException(roleName, role.threshold(), valid, keys);
    }
    return valid;
  }
}
