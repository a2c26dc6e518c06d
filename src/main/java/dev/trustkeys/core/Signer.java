package dev.trustkeys.core;

import java.security.PublicKey;

/**
 * A signing operation obtained from a back end, the same for file keys and token keys: it signs
 * bytes and returns a neutral {@link SignatureValue}, which a metadata dialect encodes as its files
 * want it. Close it to destroy any key material it holds.
 */
public interface Signer extends AutoCloseable {
  KeyInfo key();

  PublicKey publicKey();

  /** How this key signs. */
  SignatureAlgorithm algorithm();

  /** Signs {@code message} (the signer hashes it with SHA-256 where the algorithm needs it). */
  SignatureValue sign(byte[] message) throws KeysException;

  @Override
  void close();
}
