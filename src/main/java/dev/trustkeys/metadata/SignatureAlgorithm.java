package dev.trustkeys.metadata;

import dev.trustkeys.core.Signatures;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The signature algorithms a back end produces, named independently of any dialect. The bytes of a
 * {@link SignatureValue} are in the form the back ends' {@link dev.trustkeys.core.Signer} returns them: ECDSA as
 * fixed-width r||s (IEEE P1363), RSA-PSS and Ed25519 as their standard encodings.
 */
public enum SignatureAlgorithm {
  /** ECDSA on P-256 over SHA-256; value r||s, 64 bytes. */
  ECDSA_P256_SHA256("ecdsa", "SHA256withECDSAinP1363Format"),
  /** RSASSA-PSS, SHA-256, MGF1-SHA-256, salt of 32 bytes. */
  RSA_PSS_SHA256("rsapss", "RSASSA-PSS"),
  /** Ed25519 (pure). */
  ED25519("ed25519", "Ed25519");

  private final String signerMethod;
  private final String jcaName;

  SignatureAlgorithm(String signerMethod, String jcaName) {
    this.signerMethod = signerMethod;
    this.jcaName = jcaName;
  }

  /** The algorithm of a {@link dev.trustkeys.core.Signer#method()}: ecdsa, rsapss or ed25519. */
  public static SignatureAlgorithm ofSignerMethod(String method) throws MetadataFormatException {
    for (SignatureAlgorithm a : values()) {
      if (a.signerMethod.equals(method)) {
        return a;
      }
    }
    throw new MetadataFormatException("unknown signing method '" + method + "'");
  }

  /** Whether {@code value} is a valid signature of {@code message} by {@code key} (false for any failure). */
  boolean verify(PublicKey key, byte[] message, byte[] value) {
    try {
      Signature v = Signature.getInstance(jcaName);
      if (this == RSA_PSS_SHA256) {
        v.setParameter(Signatures.pssParameters());
      }
      v.initVerify(key);
      v.update(message);
      return v.verify(value);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
