package dev.trustkeys.tuf1;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.Signer;
import dev.trustkeys.metadata.MetadataFormatException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signs metadata with the keys of a role that are held here, checking each signature before it is
 * kept.
 */
final class RoleSigning {
  private RoleSigning() {}

  /**
   * Replaces the signatures of {@code md} with those of the role's keys held in {@code source}.
   * With {@code placeholders}, keys not held here get a {@code ""} entry (as tuf-on-ci writes for
   * offline signers); with {@code requireThreshold}, fewer than the threshold is a {@link
   * ThresholdNotMetException}.
   *
   * @return the key IDs that signed
   */
  static List<String> signAll(
      Metadata md,
      String role,
      Map<String, Tuf1Key> keys,
      RoleKeys roleKeys,
      KeySource source,
      boolean placeholders,
      boolean requireThreshold)
      throws KeysException {
    md.clearSignatures();
    byte[] message = md.signedBytes();
    List<String> signed = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String id : new LinkedHashSet<>(roleKeys.keyIds())) {
      Tuf1Key key = keys.get(id);
      Optional<Signer> s = key == null ? Optional.empty() : source.signer(key);
      if (s.isPresent()) {
        md.putSignature(id, sign(s.get(), key, message));
        signed.add(id);
      } else {
        missing.add(id);
        if (placeholders) {
          md.putSignatureText(id, "");
        }
      }
    }
    if (requireThreshold && signed.size() < roleKeys.threshold()) {
      throw new ThresholdNotMetException(role, roleKeys.threshold(), signed.size(), missing);
    }
    return signed;
  }

  /**
   * One signature by {@code key}, verified against the key as the metadata lists it before it is
   * returned.
   */
  static SignatureValue sign(Signer signer, Tuf1Key key, byte[] message) throws KeysException {
    SignatureValue v = signer.sign(message);
    if (v.algorithm() != key.algorithm()) {
      throw new MetadataFormatException(
          "key "
              + key.id().substring(0, 7)
              + " is listed with scheme "
              + key.scheme()
              + ", but its back end signs with "
              + v.algorithm());
    }
    if (!v.verify(key.publicKey(), message)) {
      throw new KeysException(
          "the signature of "
              + signer.key().label()
              + " does not verify with key "
              + key.id().substring(0, 7)
              + " as the metadata lists it: nothing was written");
    }
    return v;
  }
}
