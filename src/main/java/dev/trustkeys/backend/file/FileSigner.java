package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Signatures;
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
  public String method() {
    return methodFor(material);
  }

  static String methodFor(KeyMaterial m) {
    switch (m.algorithm()) {
      case ECDSA_P256:
        return "ecdsa";
      case ED25519:
        return "ed25519";
      default:
        return "rsapss";
    }
  }

  @Override
  public byte[] sign(byte[] message) throws KeysException {
    return sign(material, message);
  }

  static byte[] sign(KeyMaterial material, byte[] message) throws KeysException {
    try {
      switch (material.algorithm()) {
        case ECDSA_P256:
          {
            Signature s = Signature.getInstance(Signatures.ECDSA_P1363);
            s.initSign(material.privateKey());
            s.update(message);
            return s.sign();
          }
        case ED25519:
          {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(material.privateKey());
            s.update(message);
            return s.sign();
          }
        default:
          {
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(Signatures.pssParameters());
            s.initSign(material.privateKey());
            s.update(message);
            return s.sign();
          }
      }
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
