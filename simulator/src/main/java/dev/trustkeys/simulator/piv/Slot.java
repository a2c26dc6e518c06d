package dev.trustkeys.simulator.piv;

/** PIV key slots of a YubiKey 4 and the data objects holding their certificates. */
public enum Slot {
  AUTHENTICATION(0x9A, 0x5FC105),
  SIGNATURE(0x9C, 0x5FC10A),
  KEY_MANAGEMENT(0x9D, 0x5FC10B),
  CARD_AUTH(0x9E, 0x5FC101),
  RETIRED1(0x82, 0x5FC10D),
  RETIRED2(0x83, 0x5FC10E),
  RETIRED3(0x84, 0x5FC10F),
  RETIRED4(0x85, 0x5FC110),
  RETIRED5(0x86, 0x5FC111),
  RETIRED6(0x87, 0x5FC112),
  RETIRED7(0x88, 0x5FC113),
  RETIRED8(0x89, 0x5FC114),
  RETIRED9(0x8A, 0x5FC115),
  RETIRED10(0x8B, 0x5FC116),
  RETIRED11(0x8C, 0x5FC117),
  RETIRED12(0x8D, 0x5FC118),
  RETIRED13(0x8E, 0x5FC119),
  RETIRED14(0x8F, 0x5FC11A),
  RETIRED15(0x90, 0x5FC11B),
  RETIRED16(0x91, 0x5FC11C),
  RETIRED17(0x92, 0x5FC11D),
  RETIRED18(0x93, 0x5FC11E),
  RETIRED19(0x94, 0x5FC11F),
  RETIRED20(0x95, 0x5FC120),
  ATTESTATION(0xF9, 0x5FFF01);

  public final int value;
  public final int objectId;

  Slot(int value, int objectId) {
    this.value = value;
    this.objectId = objectId;
  }

  /** Returns the slot with this P2 value, or null when the byte names no key slot. */
  public static Slot fromValue(int value) {
    for (Slot s : values()) {
      if (s.value == (value & 0xFF)) {
        return s;
      }
    }
    return null;
  }

  /** The PIN policy a YubiKey applies when GENERATE or IMPORT names none. */
  public PinPolicy defaultPinPolicy() {
    switch (this) {
      case SIGNATURE:
        return PinPolicy.ALWAYS;
      case CARD_AUTH:
        return PinPolicy.NEVER;
      default:
        return PinPolicy.ONCE;
    }
  }

  public String hex() {
    return String.format("%02x", value);
  }
}
