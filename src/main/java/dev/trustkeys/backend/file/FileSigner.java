package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.Signer;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** Signs with a decrypted file key; closing it drops the key material. */
final class FileSigner implements Signer {
  private final KeyInfo info;
  private final KeyMaterial material;

  FileSigner(KeyInfo info, KeyMaterial material) {
    this.info = info;
    this.material = material;
  }

  @Override
  public KeyInfo key() {
    return info;
  }

  @Override
  public PublicKey publicKey() {
    return material.publicKey();
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.of(material.algorithm());
  }

  @Override
  public SignatureValue sign(byte[] message) throws KeysException {
    return sign(material, message);
  }

  static SignatureValue sign(KeyMaterial material, byte[] message) throws KeysException {
    SignatureAlgorithm alg = SignatureAlgorithm.of(material.algorithm());
    try {
      Signature s = alg.newSignature(null);
      s.initSign(material.privateKey());
      s.update(message);
      return new SignatureValue(alg, s.sign());
    } catch (GeneralSecurityException e) {
      throw new KeysException("signing failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    material.destroy();
  }

  @Override
  public String toString() {
    return "FileSigner[" + info.label() + "]";
  }
}
