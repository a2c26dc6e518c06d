package dev.trustkeys.core;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The signature algorithms back ends produce, named independently of any metadata dialect (Notary
 * calls them {@code ecdsa}, {@code rsapss}, {@code eddsa}; TUF 1.0 {@code ecdsa-sha2-nistp256},
 * {@code rsassa-pss-sha256}, {@code ed25519}: the dialects name them). A {@link SignatureValue}
 * holds the bytes in one form per algorithm: ECDSA as fixed-width r||s (IEEE P1363), RSA-PSS and
 * Ed25519 as their standard encodings.
 */
public enum SignatureAlgorithm {
  /** ECDSA on P-256 over SHA-256; value r||s, 64 bytes. */
  ECDSA_P256_SHA256(Signatures.ECDSA_P1363),
  /** RSASSA-PSS, SHA-256, MGF1-SHA-256, salt of 32 bytes. */
  RSA_PSS_SHA256("RSASSA-PSS"),
  /** Ed25519 (pure). */
  ED25519("Ed25519");

  private final String jcaName;

  SignatureAlgorithm(String jcaName) {
    this.jcaName = jcaName;
  }

  /** The algorithm keys of {@code algorithm} sign with. */
  public static SignatureAlgorithm of(Algorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P256:
        return ECDSA_P256_SHA256;
      case ED25519:
        return ED25519;
      default:
        return RSA_PSS_SHA256;
    }
  }

  /**
   * A JCA signature object for this algorithm, from {@code provider} (a token's) or the default
   * providers (null), with the PSS parameters set: the one place they are chosen.
   */
  public Signature newSignature(java.security.Provider provider) throws GeneralSecurityException {
    Signature s =
        provider == null
            ? Signature.getInstance(jcaName)
            : Signature.getInstance(jcaName, provider);
    if (this == RSA_PSS_SHA256) {
      s.setParameter(Signatures.pssParameters());
    }
    return s;
  }

  /**
   * Whether {@code value} is a valid signature of {@code message} by {@code key}; false for any
   * failure.
   */
  public boolean verify(PublicKey key, byte[] message, byte[] value) {
    if (this == ECDSA_P256_SHA256 && value.length != 64) {
      return false;
    }
    try {
      Signature v = newSignature(null);
      v.initVerify(key);
      v.update(message);
      return v.verify(value);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
