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

/** Public keys: their algorithm, and Ed25519 keys to and from their raw 32-byte form. */
public final class PublicKeys {
  private PublicKeys() {}

  /** The raw 32-byte encoding (RFC 8032) of an Ed25519 public key, as TUF and Notary write it. */
  public static byte[] rawEd25519(PublicKey key) {
    if (!isEd25519(key)) {
      throw new IllegalArgumentException("not an Ed25519 key: " + key.getAlgorithm());
    }
    return SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getOctets();
  }

  /**
   * The Ed25519 public key whose raw 32-byte encoding (RFC 8032) is {@code raw}, as TUF and Notary
   * store it.
   */
  public static PublicKey ed25519(byte[] raw) throws GeneralSecurityException {
    try {
      byte[] spki =
          new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw)
              .getEncoded();
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot encode an Ed25519 public key", e);
    }
  }

  /** The algorithm of a public key, as far as {@code keys} supports it. */
  public static Algorithm algorithmOf(PublicKey key) throws KeysException {
    if (key instanceof ECPublicKey) {
      int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
      if (bits == 256) {
        return Algorithm.ECDSA_P256;
      }
      throw new KeysException(
          "unsupported EC curve of " + bits + " bits: only P-256 is used by Notary/TUF");
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

  /** Whether {@code key} is an Ed25519 key (the JDK names them Ed25519 or EdDSA). */
  public static boolean isEd25519(PublicKey key) {
    String a = key.getAlgorithm();
    return "Ed25519".equalsIgnoreCase(a) || "EdDSA".equalsIgnoreCase(a);
  }
}
