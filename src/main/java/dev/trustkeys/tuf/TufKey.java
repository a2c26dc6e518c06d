package dev.trustkeys.tuf;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.PublicKeys;
import dev.trustkeys.core.io.Pem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A public key as TUF metadata carries it: a key type and the bytes of {@code keyval.public}.
 * Notary's key types are {@code ecdsa}, {@code rsa}, {@code ed25519} (public bytes: SPKI DER, or
 * the raw 32 bytes for ed25519) and {@code ecdsa-x509}, {@code rsa-x509} (public bytes: the PEM
 * text of a certificate or chain, leaf first).
 *
 * <p>Two IDs, both by {@link NotaryDialect}'s rule: {@link #id()} is the ID metadata uses (for
 * certificates, a hash over the PEM: the "x509 ID"); {@link #canonicalId()} is the ID of the plain
 * key, the one key files, tokens and listings use.
 */
public final class TufKey {
  private final String keyType;
  private final byte[] publicValue;
  private final KeyId id;

  private TufKey(String keyType, byte[] publicValue) {
    this.keyType = keyType;
    this.publicValue = publicValue.clone();
    this.id = NotaryDialect.keyId(keyType, publicValue);
  }

  public static TufKey of(String keyType, byte[] publicValue) {
    return new TufKey(keyType, publicValue);
  }

  /** A plain key: ecdsa, rsa or ed25519. */
  public static TufKey forPublicKey(PublicKey key) {
    return new TufKey(NotaryDialect.keyType(key), NotaryDialect.publicValue(key));
  }

  /** A certificate key ({@code ecdsa-x509} / {@code rsa-x509}) holding the PEM of {@code cert}. */
  public static TufKey forCertificate(X509Certificate cert) {
    String type = NotaryDialect.keyType(cert.getPublicKey());
    if (type.equals("ed25519")) {
      throw new IllegalArgumentException("Notary has no ed25519 certificate keys");
    }
    return new TufKey(type + "-x509", Pem.certificate(cert).getBytes(StandardCharsets.US_ASCII));
  }

  public String keyType() {
    return keyType;
  }

  public byte[] publicValue() {
    return publicValue.clone();
  }

  /** The ID in metadata: for certificate keys the x509 ID. */
  public KeyId id() {
    return id;
  }

  public boolean isCertificate() {
    return keyType.endsWith("-x509");
  }

  /**
   * The ID of the plain key: the ID metadata would give it without a certificate, which is the ID
   * key files, tokens and {@code keys list} use (the file back end names keys by the same rule).
   */
  public KeyId canonicalId() throws MetadataException {
    return isCertificate() ? forPublicKey(publicKey()).id() : id;
  }

  /** The certificates of an x509 key, leaf first; empty for plain keys. */
  public List<X509Certificate> certificates() throws MetadataException {
    if (!isCertificate()) {
      return List.of();
    }
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (var c : cf.generateCertificates(new ByteArrayInputStream(publicValue))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new MetadataException(
            "key " + id.shortId() + " of type " + keyType + " holds no certificate");
      }
      return out;
    } catch (CertificateException e) {
      throw new MetadataException(
          "key " + id.shortId() + " holds an unreadable certificate: " + e.getMessage(), e);
    }
  }

  public Optional<X509Certificate> leafCertificate() throws MetadataException {
    List<X509Certificate> c = certificates();
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
  }

  /** The public key (for certificate keys, the leaf's). */
  public PublicKey publicKey() throws MetadataException {
    if (isCertificate()) {
      return certificates().get(0).getPublicKey();
    }
    try {
      switch (keyType) {
        case "ecdsa":
          return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(publicValue));
        case "rsa":
          return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicValue));
        case "ed25519":
          return PublicKeys.ed25519(publicValue);
        default:
          throw new MetadataException(
              "unsupported key type "
                  + dev.trustkeys.core.Untrusted.quote(keyType)
                  + " for key "
                  + id.shortId());
      }
    } catch (GeneralSecurityException e) {
      throw new MetadataException("key " + id.shortId() + " is not a valid " + keyType + " key", e);
    }
  }

  Map<String, Object> toJson() {
    Map<String, Object> keyval = new LinkedHashMap<>();
    keyval.put("private", null);
    keyval.put("public", Base64.getEncoder().encodeToString(publicValue));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keytype", keyType);
    m.put("keyval", keyval);
    return m;
  }

  static TufKey fromJson(Object json, String what) throws MetadataException {
    Map<String, Object> m = Json.asMap(json, what);
    String type = Json.asString(m.get("keytype"), what + ".keytype");
    Map<String, Object> keyval = Json.asMap(m.get("keyval"), what + ".keyval");
    try {
      return new TufKey(
          type,
          Base64.getDecoder().decode(Json.asString(keyval.get("public"), what + ".keyval.public")));
    } catch (IllegalArgumentException e) {
      throw new MetadataException(what + ".keyval.public is not base64");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TufKey && ((TufKey) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return keyType + " key " + id;
  }
}
