package dev.trustkeys.simulator.piv;

/** PIV algorithm identifiers a YubiKey 4 supports. */
public enum KeyType {
  RSA1024(0x06, 1024, 128),
  RSA2048(0x07, 2048, 256),
  ECCP256(0x11, 256, 32),
  ECCP384(0x14, 384, 48);

  public final int value;
  public final int bits;

  /** Length in bytes of the modulus (RSA) or of a field element / private scalar (EC). */
  public final int length;

  KeyType(int value, int bits, int length) {
    this.value = value;
    this.bits = bits;
    this.length = length;
  }

  /** Returns the key type, or null when the algorithm byte is not supported. */
  public static KeyType fromValue(int value) {
    for (KeyType t : values()) {
      if (t.value == (value & 0xFF)) {
        return t;
      }
    }
    return null;
  }

  public boolean isEc() {
    return this == ECCP256 || this == ECCP384;
  }

  /** JCA curve name for EC types. */
  public String curve() {
    return this == ECCP256 ? "secp256r1" : "secp384r1";
  }
}
