package dev.trustkeys.backend.file;

/**
 * Reads the outer DER framing of an {@code EncryptedPrivateKeyInfo} without an ASN.1 library, so
 * that listing keys loads no cryptography: the ciphertext length tells the key's algorithm without
 * decrypting it.
 */
final class DerFraming {
  private DerFraming() {}

  /**
   * The number of ciphertext bytes, to tell the algorithm of an encrypted key without decrypting
   * it.
   */
  static int ciphertextLength(byte[] encryptedPkcs8) throws KeyCodec.InvalidKeyDataException {
    // A minimal DER walk (no ASN.1 library on the listing path): SEQUENCE { SEQUENCE alg, OCTET
    // STRING ct }.
    int[] pos = {0};
    expectTag(encryptedPkcs8, pos, 0x30);
    readLength(encryptedPkcs8, pos);
    expectTag(encryptedPkcs8, pos, 0x30);
    int algLength = readLength(encryptedPkcs8, pos);
    pos[0] += algLength;
    expectTag(encryptedPkcs8, pos, 0x04);
    return readLength(encryptedPkcs8, pos);
  }

  private static void expectTag(byte[] der, int[] pos, int tag)
      throws KeyCodec.InvalidKeyDataException {
    if (pos[0] >= der.length || (der[pos[0]] & 0xff) != tag) {
      throw new KeyCodec.InvalidKeyDataException("not an encrypted PKCS#8 key");
    }
    pos[0]++;
  }

  private static int readLength(byte[] der, int[] pos) throws KeyCodec.InvalidKeyDataException {
    if (pos[0] >= der.length) {
      throw new KeyCodec.InvalidKeyDataException("not an encrypted PKCS#8 key");
    }
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int n = first & 0x7f;
    if (n < 1 || n > 3 || pos[0] + n > der.length) {
      throw new KeyCodec.InvalidKeyDataException("not an encrypted PKCS#8 key");
    }
    int len = 0;
    for (int i = 0; i < n; i++) {
      len = (len << 8) | (der[pos[0]++] & 0xff);
    }
    return len;
  }
}
