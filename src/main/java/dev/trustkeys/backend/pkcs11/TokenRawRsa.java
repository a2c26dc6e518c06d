package dev.trustkeys.backend.pkcs11;

import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * RSASSA-PSS for tokens that can do raw RSA (CKM_RSA_X_509) but not CKM_RSA_PKCS_PSS:
 * BouncyCastle's {@link PSSSigner} does the EMSA-PSS encoding (SHA-256, MGF1-SHA-256, 32-byte salt,
 * as {@code rsapss} in TUF), and only the raw private-key operation, {@code RSA/ECB/NoPadding},
 * runs on the token.
 */
final class TokenRawRsa implements AsymmetricBlockCipher {
  private static final int SALT_BYTES = 32;
  private final Cipher raw;
  private final int modulusBytes;

  /**
   * {@code raw}: {@code RSA/ECB/NoPadding}, initialised for {@code ENCRYPT_MODE} with the token's
   * private key.
   */
  private TokenRawRsa(Cipher raw, int modulusBytes) {
    this.raw = raw;
    this.modulusBytes = modulusBytes;
  }

  /**
   * Signs {@code message} with RSASSA-PSS, the private key being the one {@code raw} was
   * initialised with and {@code publicKey} its public half. A failure of the token is thrown as it
   * came (its CKR code stays readable).
   */
  static byte[] signPss(Cipher raw, RSAPublicKey publicKey, byte[] message)
      throws GeneralSecurityException {
    int k = (publicKey.getModulus().bitLength() + 7) / 8;
    PSSSigner pss = new PSSSigner(new TokenRawRsa(raw, k), new SHA256Digest(), SALT_BYTES);
    // PSSSigner takes the encoded length from these parameters; the private operation is the
    // token's.
    pss.init(
        true, new RSAKeyParameters(false, publicKey.getModulus(), publicKey.getPublicExponent()));
    pss.update(message, 0, message.length);
    try {
      return pss.generateSignature();
    } catch (CryptoException e) {
      if (e.getCause() instanceof GeneralSecurityException) {
        throw (GeneralSecurityException) e.getCause();
      }
      throw new GeneralSecurityException("RSASSA-PSS encoding failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void init(boolean forEncryption, CipherParameters param) {
    // the key is the token's, fixed when the Cipher was initialised
  }

  @Override
  public int getInputBlockSize() {
    return modulusBytes;
  }

  @Override
  public int getOutputBlockSize() {
    return modulusBytes;
  }

  @Override
  public byte[] processBlock(byte[] in, int inOff, int len) throws InvalidCipherTextException {
    try {
      return raw.doFinal(in, inOff, len);
    } catch (GeneralSecurityException e) {
      throw new InvalidCipherTextException(
          "the token's raw RSA operation failed: " + e.getMessage(), e);
    }
  }
}
