package dev.trustkeys.core;

import java.security.PublicKey;

/**
 * A signing operation obtained from a back end, the same for file keys and token keys. Signatures are in the
 * form TUF/Notary metadata carries: ECDSA as raw r||s (method {@code ecdsa}), RSA-PSS with SHA-256 (method
 * {@code rsapss}), Ed25519 (method {@code ed25519}). Close it to destroy any key material it holds.
 */
public interface Signer extends AutoCloseable {
  KeyInfo key();

  PublicKey publicKey();

  /** The TUF signature method: ecdsa, rsapss or ed25519. */
  String method();

  /** Signs {@code message} (the signer hashes it with SHA-256 where the method needs it). */
  byte[] sign(byte[] message) throws KeysException;

  @Override
  void close();
}
