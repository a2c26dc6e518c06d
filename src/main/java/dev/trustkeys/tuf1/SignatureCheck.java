package dev.trustkeys.tuf1;

import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.metadata.MetadataFormatException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of a role's keys signed a file, as a TUF 1.0 client counts them: each listed key ID counts
 * once, for a signature over the canonical {@code signed} that verifies with that key; {@code ""}
 * placeholders and signatures by keys outside the role do not count.
 *
 * @param signed key IDs of the role with a valid signature, in the role's order
 * @param invalid key IDs of the role whose signature does not verify
 * @param pending key IDs of the role with a {@code ""} placeholder or no entry
 * @param threshold how many are needed
 */
public record SignatureCheck(
    List<String> signed, List<String> invalid, List<String> pending, int threshold) {
  public boolean met() {
    return signed.size() >= threshold;
  }

  /** Checks {@code md} against {@code role}, whose keys are in {@code keys}. */
  public static SignatureCheck of(Metadata md, Map<String, Tuf1Key> keys, RoleKeys role)
      throws MetadataFormatException {
    byte[] message = md.signedBytes();
    List<String> signed = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>(role.keyIds());
    for (String id : ids) {
      Tuf1Key key = keys.get(id);
      boolean any = false;
      boolean valid = false;
      for (Metadata.Signature s : md.signatures()) {
        if (!s.keyId().equals(id) || s.isPlaceholder()) {
          continue;
        }
        any = true;
        valid |= key != null && verifies(key, s.sig(), message);
      }
      if (valid) {
        signed.add(id);
      } else if (any) {
        invalid.add(id);
      } else {
        pending.add(id);
      }
    }
    return new SignatureCheck(signed, invalid, pending, role.threshold());
  }

  static boolean verifies(Tuf1Key key, String sig, byte[] message) {
    try {
      SignatureValue v = Tuf1Dialect.INSTANCE.decodeSignature(key.algorithm(), sig);
      return v.verify(key.publicKey(), message);
    } catch (MetadataFormatException e) {
      return false;
    }
  }

  /** "2 of 3 needed signatures (valid: 1a2b3c4, 5d6e7f8)" for messages. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(signed.size())
        .append(" valid signature")
        .append(signed.size() == 1 ? "" : "s")
        .append(" of the ")
        .append(threshold)
        .append(" needed");
    if (!invalid.isEmpty()) {
      sb.append("; invalid: ").append(shortIds(invalid));
    }
    return sb.toString();
  }

  static String shortIds(List<String> ids) {
    List<String> s = new ArrayList<>();
    for (String id : ids) {
      s.add(id.length() > 7 ? id.substring(0, 7) : id);
    }
    return String.join(", ", s);
  }
}
