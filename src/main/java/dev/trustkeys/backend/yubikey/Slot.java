package dev.trustkeys.backend.yubikey;

import java.util.HexFormat;
import java.util.List;

/** PIV key slots, with the CKA_ID ykcs11 2.x gives them (9a=1, 9c=2, 9d=3, 9e=4, f9=0x19). */
public enum Slot {
  AUTHENTICATION(0x9a, 0x5fc105, 1),
  SIGNATURE(0x9c, 0x5fc10a, 2),
  KEY_MANAGEMENT(0x9d, 0x5fc10b, 3),
  CARD_AUTH(0x9e, 0x5fc101, 4),
  ATTESTATION(0xf9, 0x5fff01, 0x19);

  /**
   * Where TUF keys go and are looked for, in order: the slots Notary uses with ykcs11 2.x (9c, 9a,
   * 9d; its fourth choice maps to no slot there). Reading only these keeps {@code keys list} at 10
   * APDUs for one key.
   */
  public static final List<Slot> ROOT_KEY_ORDER =
      List.of(SIGNATURE, AUTHENTICATION, KEY_MANAGEMENT);

  public final int value;
  public final int objectId;
  public final int pkcs11Id;

  Slot(int value, int objectId, int pkcs11Id) {
    this.value = value;
    this.objectId = objectId;
    this.pkcs11Id = pkcs11Id;
  }

  public static Slot fromValue(int value) {
    for (Slot s : values()) {
      if (s.value == value) {
        return s;
      }
    }
    throw new IllegalArgumentException("not a PIV slot: " + Integer.toHexString(value));
  }

  /** Parses "9c" (or "0x9c"). */
  public static Slot parse(String hex) {
    String h = hex.toLowerCase(java.util.Locale.ROOT).replaceFirst("^0x", "");
    try {
      return fromValue(HexFormat.fromHexDigits(h));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + hex + "' is not a PIV slot: use 9a, 9c, 9d, 9e or f9", e);
    }
  }

  /** "9c". */
  public String hex() {
    return String.format("%02x", value);
  }
}
