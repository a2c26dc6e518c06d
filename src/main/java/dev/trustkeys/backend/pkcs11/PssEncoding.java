package dev.trustkeys.backend.pkcs11;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * EMSA-PSS encoding (RFC 8017 §9.1.1) with SHA-256, MGF1-SHA-256 and a 32-byte salt, for tokens that can do raw
 * RSA but not CKM_RSA_PKCS_PSS. The result is left-padded to the modulus length, ready for a raw RSA operation.
 */
final class PssEncoding {
  private static final int H_LEN = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PssEncoding() {}

  static byte[] encode(byte[] message, int modulusBits) {
    return encode(message, modulusBits, randomSalt());
  }

  static byte[] encode(byte[] message, int modulusBits, byte[] salt) {
    int emBits = modulusBits - 1;
    int emLen = (emBits + 7) / 8;
    int k = (modulusBits + 7) / 8;
    if (emLen < H_LEN + salt.length + 2) {
      throw new IllegalArgumentException("modulus too short for PSS with SHA-256");
    }
    byte[] mHash = sha256(message);
    byte[] mPrime = new byte[8 + H_LEN + salt.length];
    System.arraycopy(mHash, 0, mPrime, 8, H_LEN);
    System.arraycopy(salt, 0, mPrime, 8 + H_LEN, salt.length);
    byte[] h = sha256(mPrime);
    int dbLen = emLen - H_LEN - 1;
    byte[] db = new byte[dbLen];
    db[dbLen - salt.length - 1] = 0x01;
    System.arraycopy(salt, 0, db, dbLen - salt.length, salt.length);
    byte[] mask = mgf1(h, dbLen);
    for (int i = 0; i < dbLen; i++) {
      db[i] ^= mask[i];
    }
    db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
    byte[] out = new byte[k];
    int off = k - emLen;
    System.arraycopy(db, 0, out, off, dbLen);
    System.arraycopy(h, 0, out, off + dbLen, H_LEN);
    out[k - 1] = (byte) 0xbc;
    return out;
  }

  private static byte[] mgf1(byte[] seed, int length) {
    byte[] out = new byte[length];
    int pos = 0;
    for (int counter = 0; pos < length; counter++) {
      byte[] in = new byte[seed.length + 4];
      System.arraycopy(seed, 0, in, 0, seed.length);
      in[seed.length] = (byte) (counter >>> 24);
      in[seed.length + 1] = (byte) (counter >>> 16);
      in[seed.length + 2] = (byte) (counter >>> 8);
      in[seed.length + 3] = (byte) counter;
      byte[] d = sha256(in);
      int n = Math.min(d.length, length - pos);
      System.arraycopy(d, 0, out, pos, n);
      pos += n;
    }
    return out;
  }

  private static byte[] randomSalt() {
    byte[] s = new byte[H_LEN];
    RANDOM.nextBytes(s);
    return s;
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
