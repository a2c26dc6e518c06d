package dev.trustkeys.backend.file;

import dev.trustkeys.core.secret.Secret;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/**
 * Passphrase encryption of private keys exactly as Notary does it: PKCS#8 {@code
 * EncryptedPrivateKeyInfo} with PBES2, PBKDF2-HMAC-SHA1 (PRF not encoded, no key length), 8-byte
 * salt, AES-256-CBC with a 16-byte IV. Notary writes 2048 iterations and reads any count; {@code
 * keys} writes {@link #DEFAULT_ITERATIONS}. Also decrypts RFC 1423 ({@code Proc-Type: 4,ENCRYPTED})
 * legacy PEM as Go's {@code x509.DecryptPEMBlock} does.
 */
public final class KeyEncryption {
  /**
   * PBKDF2 iterations for files {@code keys} writes (OWASP's 2023 figure for PBKDF2-HMAC-SHA1 is
   * 1,300,000; for SHA-256 600,000).
   */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /**
   * The fewest iterations {@code keys} ever writes: Notary's own count (tests use it to make keys
   * quickly).
   */
  public static final int MIN_ITERATIONS = 2048;

  /** The most iterations accepted when reading (about a minute of work): more is hostile input. */
  static final int MAX_ITERATIONS = 50_000_000;

  private static final int SALT_LEN = 8;
  private static final int IV_LEN = 16;
  private static final int KEY_LEN = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyEncryption() {}

  /** Encrypts an unencrypted PKCS#8 blob. */
  public static byte[] encrypt(byte[] pkcs8, Secret passphrase, int iterations) {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "at least " + MIN_ITERATIONS + " PBKDF2 iterations, not " + iterations);
    }
    byte[] salt = new byte[SALT_LEN];
    byte[] iv = new byte[IV_LEN];
    RANDOM.nextBytes(salt);
    RANDOM.nextBytes(iv);
    byte[] key = pbkdf2(passphrase, salt, iterations);
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      byte[] ct = c.doFinal(pkcs8);
      ASN1Encodable kdf =
          new DERSequence(
              new ASN1Encodable[] {
                PKCSObjectIdentifiers.id_PBKDF2,
                new DERSequence(
                    new ASN1Encodable[] {new DEROctetString(salt), new ASN1Integer(iterations)})
              });
      ASN1Encodable enc =
          new DERSequence(
              new ASN1Encodable[] {NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv)});
      ASN1Encodable alg =
          new DERSequence(
              new ASN1Encodable[] {
                PKCSObjectIdentifiers.id_PBES2, new DERSequence(new ASN1Encodable[] {kdf, enc})
              });
      return new DERSequence(new ASN1Encodable[] {alg, new DEROctetString(ct)}).getEncoded();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("AES-256-CBC is missing from this JDK", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Decrypts an {@code EncryptedPrivateKeyInfo}. Returns the PKCS#8 plaintext (caller zeroes it).
   *
   * @throws BadPassphraseException when the passphrase is wrong (the padding or the plaintext is
   *     not valid)
   * @throws KeyCodec.InvalidKeyDataException when the structure is not Notary's PBES2 dialect
   */
  static byte[] decrypt(byte[] encryptedPkcs8, Secret passphrase)
      throws BadPassphraseException, KeyCodec.InvalidKeyDataException {
    Params p = parse(encryptedPkcs8);
    byte[] key = pbkdf2(passphrase, p.salt, p.iterations);
    try {
      Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(p.iv));
      return c.doFinal(p.ciphertext);
    } catch (BadPaddingException e) {
      throw new BadPassphraseException();
    } catch (GeneralSecurityException e) {
      throw new KeyCodec.InvalidKeyDataException("encrypted key is damaged: " + e.getMessage());
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** RFC 1423 decryption (only AES-256-CBC/AES-128-CBC/AES-192-CBC/DES-EDE3-CBC as Go supports). */
  static byte[] decryptLegacy(PemBlock block, Secret passphrase)
      throws BadPassphraseException, KeyCodec.InvalidKeyDataException {
    String dek = block.header("DEK-Info");
    if (dek == null || !dek.contains(",")) {
      throw new KeyCodec.InvalidKeyDataException("legacy encrypted key has no DEK-Info header");
    }
    String cipherName = dek.substring(0, dek.indexOf(',')).trim();
    byte[] iv;
    try {
      iv = HexFormat.of().parseHex(dek.substring(dek.indexOf(',') + 1).trim().toLowerCase());
    } catch (IllegalArgumentException e) {
      throw new KeyCodec.InvalidKeyDataException(
          "legacy encrypted key has a malformed DEK-Info header");
    }
    int keyLen;
    String jce;
    switch (cipherName) {
      case "AES-256-CBC":
        keyLen = 32;
        jce = "AES";
        break;
      case "AES-192-CBC":
        keyLen = 24;
        jce = "AES";
        break;
      case "AES-128-CBC":
        keyLen = 16;
        jce = "AES";
        break;
      case "DES-EDE3-CBC":
        keyLen = 24;
        jce = "DESede";
        break;
      default:
        throw new KeyCodec.InvalidKeyDataException("unsupported legacy cipher " + cipherName);
    }
    if (iv.length < 8) {
      throw new KeyCodec.InvalidKeyDataException("legacy encrypted key has a short IV");
    }
    byte[] key = evpBytesToKey(passphrase, Arrays.copyOf(iv, 8), keyLen);
    try {
      Cipher c = Cipher.getInstance(jce + "/CBC/PKCS5Padding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, jce), new IvParameterSpec(iv));
      return c.doFinal(block.bytes());
    } catch (BadPaddingException e) {
      throw new BadPassphraseException();
    } catch (GeneralSecurityException e) {
      throw new KeyCodec.InvalidKeyDataException(
          "legacy encrypted key is damaged: " + e.getMessage());
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] evpBytesToKey(Secret passphrase, byte[] salt, int keyLen) {
    byte[] pw = passphrase.utf8();
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] out = new byte[keyLen];
      byte[] prev = new byte[0];
      int off = 0;
      while (off < keyLen) {
        md5.update(prev);
        md5.update(pw);
        md5.update(salt);
        prev = md5.digest();
        int n = Math.min(prev.length, keyLen - off);
        System.arraycopy(prev, 0, out, off, n);
        off += n;
      }
      Arrays.fill(prev, (byte) 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is missing from this JDK", e);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  private static byte[] pbkdf2(Secret passphrase, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(passphrase.chars(), salt, iterations, KEY_LEN * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA1 is missing from this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }

  private static Params parse(byte[] der) throws KeyCodec.InvalidKeyDataException {
    try {
      ASN1Sequence epki = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
      ASN1Sequence alg = ASN1Sequence.getInstance(epki.getObjectAt(0));
      if (!ASN1ObjectIdentifier.getInstance(alg.getObjectAt(0))
          .equals(PKCSObjectIdentifiers.id_PBES2)) {
        throw new KeyCodec.InvalidKeyDataException("encrypted key does not use PBES2");
      }
      ASN1Sequence pbes2 = ASN1Sequence.getInstance(alg.getObjectAt(1));
      ASN1Sequence kdf = ASN1Sequence.getInstance(pbes2.getObjectAt(0));
      if (!ASN1ObjectIdentifier.getInstance(kdf.getObjectAt(0))
          .equals(PKCSObjectIdentifiers.id_PBKDF2)) {
        throw new KeyCodec.InvalidKeyDataException("encrypted key does not use PBKDF2");
      }
      ASN1Sequence kdfParams = ASN1Sequence.getInstance(kdf.getObjectAt(1));
      byte[] salt = ASN1OctetString.getInstance(kdfParams.getObjectAt(0)).getOctets();
      long iterations = ASN1Integer.getInstance(kdfParams.getObjectAt(1)).longValueExact();
      for (int i = 2; i < kdfParams.size(); i++) {
        if (kdfParams.getObjectAt(i) instanceof ASN1Sequence) {
          // An explicit PRF. Notary only reads HMAC-SHA1 (the default); accept it only when it says
          // so.
          ASN1Sequence prf = ASN1Sequence.getInstance(kdfParams.getObjectAt(i));
          if (!ASN1ObjectIdentifier.getInstance(prf.getObjectAt(0))
              .equals(PKCSObjectIdentifiers.id_hmacWithSHA1)) {
            throw new KeyCodec.InvalidKeyDataException(
                "encrypted key uses a PBKDF2 PRF other than HMAC-SHA1");
          }
        }
      }
      if (iterations < 1 || iterations > MAX_ITERATIONS) {
        throw new KeyCodec.InvalidKeyDataException(
            "encrypted key asks for " + iterations + " PBKDF2 iterations");
      }
      ASN1Sequence enc = ASN1Sequence.getInstance(pbes2.getObjectAt(1));
      if (!ASN1ObjectIdentifier.getInstance(enc.getObjectAt(0))
          .equals(NISTObjectIdentifiers.id_aes256_CBC)) {
        throw new KeyCodec.InvalidKeyDataException("encrypted key does not use AES-256-CBC");
      }
      byte[] iv = ASN1OctetString.getInstance(enc.getObjectAt(1)).getOctets();
      if (iv.length != IV_LEN) {
        throw new KeyCodec.InvalidKeyDataException(
            "encrypted key has an IV of " + iv.length + " bytes");
      }
      byte[] ct = ASN1OctetString.getInstance(epki.getObjectAt(1)).getOctets();
      return new Params(salt, (int) iterations, iv, ct);
    } catch (IOException | RuntimeException e) {
      throw new KeyCodec.InvalidKeyDataException("not an encrypted PKCS#8 key");
    }
  }

  private static final class Params {
    final byte[] salt;
    final int iterations;
    final byte[] iv;
    final byte[] ciphertext;

    Params(byte[] salt, int iterations, byte[] iv, byte[] ciphertext) {
      this.salt = salt;
      this.iterations = iterations;
      this.iv = iv;
      this.ciphertext = ciphertext;
    }
  }

  /** The passphrase does not decrypt the key. */
  static final class BadPassphraseException extends Exception {
    private static final long serialVersionUID = 1L;

    BadPassphraseException() {
      super("wrong passphrase");
    }
  }
}
