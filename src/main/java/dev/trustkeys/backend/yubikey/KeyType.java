package dev.trustkeys.backend.yubikey;

/**
 * PIV key algorithms of a YubiKey 4. Only ECCP256 is used for TUF keys (Notary's YubiKey store is
 * P-256 only).
 */
public enum KeyType {
  RSA1024(0x06),
  RSA2048(0x07),
  ECCP256(0x11),
  ECCP384(0x14);

  public final int value;

  KeyType(int value) {
    this.value = value;
  }

  public static KeyType fromValue(int value) {
    for (KeyType t : values()) {
      if (t.value == value) {
        return t;
      }
    }
    throw new IllegalArgumentException("not a PIV key type: " + value);
  }
}
