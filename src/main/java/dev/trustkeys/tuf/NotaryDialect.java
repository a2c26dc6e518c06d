package dev.trustkeys.tuf;

import dev.trustkeys.metadata.MetadataDialect;
import dev.trustkeys.metadata.MetadataFormatException;
import dev.trustkeys.metadata.SignatureAlgorithm;
import dev.trustkeys.metadata.SignatureValue;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Notary's TUF behind the dialect seam: Go canonical JSON, key IDs over {@code {"keytype","keyval":{"private":null,
 * "public"}}}, public keys as base64 (x509 root keys as PEM certificates), signatures in base64 with the method on
 * the signature ({@code ecdsa} as r||s, {@code rsapss}, {@code eddsa}). A thin adapter over {@link TufKey} and
 * {@link Json}, which remain what Notary's own code paths use.
 */
public final class NotaryDialect implements MetadataDialect {
  public static final NotaryDialect INSTANCE = new NotaryDialect();

  private NotaryDialect() {}

  @Override
  public String name() {
    return "Notary";
  }

  @Override
  public byte[] canonicalBytes(Object signed) throws MetadataFormatException {
    try {
      return Json.canonical(signed);
    } catch (IllegalArgumentException e) {
      throw new MetadataFormatException(e.getMessage(), e);
    }
  }

  @Override
  public String keyId(Map<String, Object> keyObject) throws MetadataFormatException {
    return key(keyObject).id().hex();
  }

  @Override
  public Map<String, Object> encodePublicKey(PublicKey key, Map<String, Object> customFields) {
    Map<String, Object> m = new LinkedHashMap<>(TufKey.forPublicKey(key).toJson());
    m.putAll(customFields);
    return m;
  }

  @Override
  public PublicKey decodePublicKey(Map<String, Object> keyObject) throws MetadataFormatException {
    try {
      return key(keyObject).publicKey();
    } catch (MetadataException e) {
      throw new MetadataFormatException(e.getMessage(), e);
    }
  }

  @Override
  public SignatureAlgorithm signatureAlgorithm(Map<String, Object> keyObject, Map<String, Object> signatureEntry)
      throws MetadataFormatException {
    Object method = signatureEntry.get("method");
    if (method != null) {
      switch (String.valueOf(method)) {
        case "ecdsa":
          return SignatureAlgorithm.ECDSA_P256_SHA256;
        case "rsapss":
          return SignatureAlgorithm.RSA_PSS_SHA256;
        case "eddsa":
        case "ed25519":
          return SignatureAlgorithm.ED25519;
        default:
          throw new MetadataFormatException("unknown signature method "
              + dev.trustkeys.core.Untrusted.quote(String.valueOf(method)));
      }
    }
    String type = key(keyObject).keyType();
    if (type.startsWith("ecdsa")) {
      return SignatureAlgorithm.ECDSA_P256_SHA256;
    }
    if (type.startsWith("rsa")) {
      return SignatureAlgorithm.RSA_PSS_SHA256;
    }
    if (type.equals("ed25519")) {
      return SignatureAlgorithm.ED25519;
    }
    throw new MetadataFormatException("unsupported key type " + dev.trustkeys.core.Untrusted.quote(type));
  }

  @Override
  public String schemeName(SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P256_SHA256:
        return "ecdsa";
      case RSA_PSS_SHA256:
        return "rsapss";
      default:
        return "eddsa";
    }
  }

  @Override
  public String encodeSignature(SignatureValue value) {
    return Base64.getEncoder().encodeToString(value.value());
  }

  @Override
  public SignatureValue decodeSignature(SignatureAlgorithm algorithm, String encoded)
      throws MetadataFormatException {
    try {
      return new SignatureValue(algorithm, Base64.getDecoder().decode(encoded));
    } catch (IllegalArgumentException e) {
      throw new MetadataFormatException("a signature is not base64");
    }
  }

  /** The key object read as Notary reads it. */
  public static TufKey key(Map<String, Object> keyObject) throws MetadataFormatException {
    try {
      return TufKey.fromJson(keyObject, "key");
    } catch (MetadataException e) {
      throw new MetadataFormatException(e.getMessage(), e);
    }
  }

  /** The key object Notary writes for {@code key}. */
  public static Map<String, Object> keyObject(TufKey key) {
    return key.toJson();
  }
}
