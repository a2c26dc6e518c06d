package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.Signer;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;

/**
 * Signs with a key that stays on the token. ECDSA P-256: SHA256withECDSA on the token, in TUF's raw
 * r||s form (IEEE P1363, as SunPKCS11 gives it). RSA: RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32)
 * on the token; if the token lacks CKM_RSA_PKCS_PSS, BouncyCastle does the PSS encoding ({@link
 * TokenRawRsa}) and only the raw RSA operation runs on the token.
 */
final class Pkcs11Signer implements Signer {
  private final KeyInfo key;
  private final PublicKey publicKey;
  private final PrivateKey privateKey;
  private final TokenSession session;

  Pkcs11Signer(KeyInfo key, PublicKey publicKey, PrivateKey privateKey, TokenSession session) {
    this.key = key;
    this.publicKey = publicKey;
    this.privateKey = privateKey;
    this.session = session;
  }

  @Override
  public KeyInfo key() {
    return key;
  }

  @Override
  public PublicKey publicKey() {
    return publicKey;
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return publicKey instanceof ECPublicKey
        ? SignatureAlgorithm.ECDSA_P256_SHA256
        : SignatureAlgorithm.RSA_PSS_SHA256;
  }

  @Override
  public SignatureValue sign(byte[] message) throws KeysException {
    try {
      if (publicKey instanceof ECPublicKey) {
        Signature s = SignatureAlgorithm.ECDSA_P256_SHA256.newSignature(session.provider());
        s.initSign(privateKey);
        s.update(message);
        return new SignatureValue(SignatureAlgorithm.ECDSA_P256_SHA256, s.sign());
      }
      return new SignatureValue(SignatureAlgorithm.RSA_PSS_SHA256, signPss(message));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw Pkcs11Module.absentOrFailed(
          session.token(), "signing with " + key.label(), Pkcs11Module.ckrOf(e), e);
    }
  }

  private byte[] signPss(byte[] message) throws GeneralSecurityException {
    Signature s;
    try {
      s = SignatureAlgorithm.RSA_PSS_SHA256.newSignature(session.provider());
    } catch (NoSuchAlgorithmException | java.security.InvalidAlgorithmParameterException e) {
      Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding", session.provider());
      raw.init(Cipher.ENCRYPT_MODE, privateKey);
      return TokenRawRsa.signPss(raw, (RSAPublicKey) publicKey, message);
    }
    s.initSign(privateKey);
    s.update(message);
    return s.sign();
  }

  @Override
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return "Pkcs11Signer[" + key.label() + " on " + session.token().describe() + "]";
  }
}
