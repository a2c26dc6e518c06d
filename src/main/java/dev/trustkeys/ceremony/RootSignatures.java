package dev.trustkeys.ceremony;

import dev.trustkeys.core.SignatureValue;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Counting signatures towards a threshold, the same way in every dialect. */
final class RootSignatures {
  private RootSignatures() {}

  /**
   * The metadata IDs of {@code keys} that validly signed {@code message}, one per public key: a key
   * listed twice (under two certificates, or two key objects, so two metadata IDs) counts once
   * towards a threshold, under the first ID it signed with. Placeholders and signatures that do not
   * verify count for nothing.
   */
  static List<String> validSigners(
      CeremonyDialect dialect,
      List<Map<String, Object>> signatures,
      Map<String, RootKey> keys,
      byte[] message) {
    List<String> valid = new ArrayList<>();
    Set<String> counted = new HashSet<>();
    for (Map<String, Object> s : signatures) {
      Object id = s.get("keyid");
      RootKey k = id instanceof String ? keys.get(id) : null;
      if (k == null || valid.contains(id)) {
        continue;
      }
      String publicKey = k.handleIfReadable().map(h -> h.hex()).orElse(null);
      if (publicKey != null && !counted.contains(publicKey) && verifies(dialect, s, k, message)) {
        valid.add((String) id);
        counted.add(publicKey);
      }
    }
    return valid;
  }

  /** Whether signature entry {@code s} is {@code key}'s valid signature of {@code message}. */
  static boolean verifies(
      CeremonyDialect dialect, Map<String, Object> s, RootKey key, byte[] message) {
    SignatureValue v = dialect.signatureOf(s, key);
    if (v == null) {
      return false;
    }
    try {
      PublicKey pk = key.publicKey();
      return v.algorithm() == key.algorithm() && v.verify(pk, message);
    } catch (dev.trustkeys.metadata.MetadataFormatException e) {
      return false;
    }
  }
}
