package dev.trustkeys.tuf;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of {@code signatures}: the metadata key ID (for root certificates, the x509 ID), the
 * method ({@code ecdsa} raw r||s, {@code rsapss}, {@code eddsa}) and the signature bytes.
 */
public record TufSignature(String keyId, String method, byte[] sig) {
  public TufSignature {
    sig = sig.clone();
  }

  @Override
  public byte[] sig() {
    return sig.clone();
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keyid", keyId);
    m.put("method", method);
    m.put("sig", Base64.getEncoder().encodeToString(sig));
    return m;
  }

  static TufSignature fromJson(Object json) throws MetadataException {
    Map<String, Object> m = Json.asMap(json, "signature");
    try {
      return new TufSignature(
          Json.asString(m.get("keyid"), "signature.keyid"),
          Json.asString(m.get("method"), "signature.method"),
          Base64.getDecoder().decode(Json.asString(m.get("sig"), "signature.sig")));
    } catch (IllegalArgumentException e) {
      throw new MetadataException("signature.sig is not base64");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TufSignature
        && ((TufSignature) o).keyId.equals(keyId)
        && ((TufSignature) o).method.equals(method)
        && java.util.Arrays.equals(((TufSignature) o).sig, sig);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode();
  }

  @Override
  public String toString() {
    return "TufSignature[" + keyId + ", " + method + "]";
  }
}
