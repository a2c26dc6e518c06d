package dev.trustkeys.core;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** TUF views of public keys: key type, the bytes that go into {@code keyval.public}, and the canonical key ID. */
public final class PublicKeys {
  private PublicKeys() {}

  /** ecdsa, rsa or ed25519. */
  public static String tufKeyType(PublicKey key) {
    if (key instanceof ECPublicKey) {
      return "ecdsa";
    }
    if (key instanceof RSAPublicKey) {
      return "rsa";
    }
    if (isEd25519(key)) {
      return "ed25519";
    }
    throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm());
  }

  /** SPKI DER for ecdsa/rsa; the raw 32-byte point for ed25519. */
  public static byte[] tufPublicBytes(PublicKey key) {
    byte[] spki = key.getEncoded();
    if (isEd25519(key)) {
      return SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getOctets();
    }
    return spki;
  }

  /** The Ed25519 public key whose raw 32-byte encoding (RFC 8032) is {@code raw}, as TUF and Notary store it. */
  public static PublicKey ed25519(byte[] raw) throws GeneralSecurityException {
    try {
      byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw)
          .getEncoded();
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot encode an Ed25519 public key", e);
    }
  }

  public static KeyId canonicalId(PublicKey key) {
    return KeyId.compute(tufKeyType(key), tufPublicBytes(key));
  }

  /** The algorithm of a public key, as far as {@code keys} supports it. */
  public static Algorithm algorithmOf(PublicKey key) throws KeysException {
    if (key instanceof ECPublicKey) {
      int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
      if (bits == 256) {
        return Algorithm.ECDSA_P256;
      }
      throw new KeysException("unsupported EC curve of " + bits + " bits: only P-256 is used by Notary/TUF");
    }
    if (key instanceof RSAPublicKey) {
      int bits = ((RSAPublicKey) key).getModulus().bitLength();
      return bits > 2048 ? Algorithm.RSA_4096 : Algorithm.RSA_2048;
    }
    if (isEd25519(key)) {
      return Algorithm.ED25519;
    }
    throw new KeysException("unsupported key algorithm " + key.getAlgorithm());
  }

  private static boolean isEd25519(PublicKey key) {
    String a = key.getAlgorithm();
    return "Ed25519".equalsIgnoreCase(a) || "EdDSA".equalsIgnoreCase(a);
  }
}
