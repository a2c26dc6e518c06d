package dev.trustkeys.tuf;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.PublicKeys;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.metadata.MetadataDialect;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Notary's TUF, as {@code notary} and Docker read and write it. Canonical form: Go's canonical JSON
 * ({@link Json}). Key objects: {@code {"keytype":T,"keyval":{"private":null,"public":base64}}} with
 * T {@code ecdsa}, {@code rsa}, {@code ed25519} (SPKI DER, or the raw 32 bytes) or {@code
 * ecdsa-x509}, {@code rsa-x509} (the PEM of a certificate, root keys); the key ID is the SHA-256 of
 * the canonical form of exactly that object. Signatures: base64, ECDSA as r||s, the method on the
 * signature ({@code ecdsa}, {@code rsapss}, {@code eddsa}; {@code ed25519} is read too). {@code
 * _type}: Root, Targets, Snapshot, Timestamp. Files: {@code {"signed":...,"signatures":[...]}} in
 * that order, canonical inside, no whitespace.
 */
public final class NotaryDialect implements MetadataDialect {
  public static final NotaryDialect INSTANCE = new NotaryDialect();

  private static final String ECDSA = "ecdsa";
  private static final String RSA_PSS = "rsapss";
  private static final String EDDSA = "eddsa";

  private NotaryDialect() {}

  @Override
  public String name() {
    return "Notary";
  }

  @Override
  public Map<String, Object> decodeFile(byte[] file) throws MetadataException {
    Map<String, Object> doc = Json.parseObject(file);
    Json.asMap(doc.get("signed"), "signed");
    if (doc.get("signatures") != null) {
      for (Object o : Json.asList(doc.get("signatures"), "signatures")) {
        Json.asMap(o, "signature");
      }
    }
    return doc;
  }

  @Override
  public byte[] encodeFile(Map<String, Object> envelope) throws MetadataException {
    Object sigs = envelope.get("signatures");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("{\"signed\":".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(canonicalBytes(envelope.get("signed")));
    out.writeBytes(",\"signatures\":".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(canonicalBytes(sigs == null ? List.of() : sigs));
    out.write('}');
    return out.toByteArray();
  }

  @Override
  public String typeName(String role) {
    return role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1);
  }

  @Override
  public byte[] canonicalBytes(Object signed) throws MetadataException {
    try {
      return Json.canonical(signed);
    } catch (IllegalArgumentException e) {
      throw new MetadataException(
          "cannot write the metadata as canonical JSON: " + e.getMessage(), e);
    }
  }

  /** Notary's rule over the two fields it hashes: {@code keytype} and {@code keyval.public}. */
  @Override
  public String keyId(Map<String, Object> keyObject) throws MetadataException {
    String type = Json.asString(keyObject.get("keytype"), "key.keytype");
    String pub =
        Json.asString(
            Json.asMap(keyObject.get("keyval"), "key.keyval").get("public"), "key.keyval.public");
    return keyIdOf(type, pub);
  }

  /**
   * The key ID of a key of {@code keyType} whose {@code keyval.public} holds {@code publicValue}.
   */
  static KeyId keyId(String keyType, byte[] publicValue) {
    try {
      return KeyId.of(keyIdOf(keyType, Base64.getEncoder().encodeToString(publicValue)));
    } catch (UsageException e) {
      throw new IllegalStateException("a SHA-256 in hex is a key ID", e);
    }
  }

  private static String keyIdOf(String keyType, String publicBase64) {
    Map<String, Object> keyval = new LinkedHashMap<>();
    keyval.put("private", null);
    keyval.put("public", publicBase64);
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("keytype", keyType);
    key.put("keyval", keyval);
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Json.canonical(key)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * A plain key object ({@code ecdsa}, {@code rsa}, {@code ed25519}); Notary's key objects have no
   * custom fields.
   */
  @Override
  public Map<String, Object> encodePublicKey(PublicKey key, Map<String, Object> customFields)
      throws MetadataException {
    if (!customFields.isEmpty()) {
      throw new MetadataException(
          "Notary's key objects have no custom fields (" + customFields.keySet() + ")");
    }
    try {
      return TufKey.forPublicKey(key).toJson();
    } catch (IllegalArgumentException e) {
      throw new MetadataException(e.getMessage(), e);
    }
  }

  @Override
  public PublicKey decodePublicKey(Map<String, Object> keyObject) throws MetadataException {
    return TufKey.fromJson(keyObject, "key").publicKey();
  }

  /**
   * By the signature's {@code method}; without one (asking how a key signs), by the key's type:
   * ecdsa and ecdsa-x509 keys sign with ECDSA, rsa and rsa-x509 with RSA-PSS, ed25519 with Ed25519.
   */
  @Override
  public SignatureAlgorithm signatureAlgorithm(
      Map<String, Object> keyObject, Map<String, Object> signatureEntry) throws MetadataException {
    if (signatureEntry.get("method") != null) {
      return algorithmOf(Json.asString(signatureEntry.get("method"), "signature.method"));
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
    throw new MetadataException("unsupported key type " + dev.trustkeys.core.Untrusted.quote(type));
  }

  /** The key object read as Notary reads it. */
  public static TufKey key(Map<String, Object> keyObject) throws MetadataException {
    return TufKey.fromJson(keyObject, "key");
  }

  /** The key object Notary writes for {@code key}. */
  public static Map<String, Object> keyObject(TufKey key) {
    return key.toJson();
  }

  /** The algorithm of a Notary signature method: ecdsa, rsapss, eddsa (or ed25519). */
  static SignatureAlgorithm algorithmOf(String method) throws MetadataException {
    switch (method) {
      case ECDSA:
        return SignatureAlgorithm.ECDSA_P256_SHA256;
      case RSA_PSS:
        return SignatureAlgorithm.RSA_PSS_SHA256;
      case EDDSA:
      case "ed25519":
        return SignatureAlgorithm.ED25519;
      default:
        throw new MetadataException(
            "unsupported signature method " + dev.trustkeys.core.Untrusted.quote(method));
    }
  }

  /** Notary's method names: Ed25519 signatures are {@code eddsa}. */
  @Override
  public String schemeName(SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P256_SHA256:
        return ECDSA;
      case RSA_PSS_SHA256:
        return RSA_PSS;
      default:
        return EDDSA;
    }
  }

  /** Base64 of the neutral bytes: Notary's ECDSA signatures are r||s as back ends return them. */
  @Override
  public String encodeSignature(SignatureValue value) {
    return Base64.getEncoder().encodeToString(value.value());
  }

  @Override
  public SignatureValue decodeSignature(SignatureAlgorithm algorithm, String encoded)
      throws MetadataException {
    try {
      return new SignatureValue(algorithm, Base64.getDecoder().decode(encoded));
    } catch (IllegalArgumentException e) {
      throw new MetadataException("signature.sig is not base64");
    }
  }

  /** Notary's key type of a plain key: ecdsa, rsa or ed25519. */
  static String keyType(PublicKey key) {
    if (key instanceof ECPublicKey) {
      return ECDSA;
    }
    if (key instanceof RSAPublicKey) {
      return "rsa";
    }
    if (PublicKeys.isEd25519(key)) {
      return "ed25519";
    }
    throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm());
  }

  /**
   * What {@code keyval.public} holds for a plain key: SPKI DER for ecdsa/rsa, the raw 32 bytes for
   * ed25519.
   */
  static byte[] publicValue(PublicKey key) {
    return PublicKeys.isEd25519(key) ? PublicKeys.rawEd25519(key) : key.getEncoded();
  }
}
