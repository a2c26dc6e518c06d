package dev.trustkeys.simulator.piv;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a YubiKey 4 remembers across power cycles: PIN, PUK, management key, keys and data
 * objects.
 */
public final class CardState {
  public static final String DEFAULT_PIN = "123456";
  public static final String DEFAULT_PUK = "12345678";
  public static final byte[] DEFAULT_MGMT_KEY = {
    1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8
  };

  final int serial;
  Reference pin = new Reference(Reference.pad(DEFAULT_PIN), 3, 3);
  Reference puk = new Reference(Reference.pad(DEFAULT_PUK), 3, 3);
  byte[] managementKey = DEFAULT_MGMT_KEY.clone();
  boolean managementKeyRequiresTouch;
  final Map<Slot, SlotKey> keys = new EnumMap<>(Slot.class);
  final Map<Integer, byte[]> objects = new TreeMap<>();

  /** The simulator's attestation root CA (stands in for the Yubico PIV root CA). */
  AttestationAuthority authority;

  CardState(int serial) {
    this.serial = serial;
  }

  /**
   * A factory-fresh card with a new attestation key (F9) and certificate chaining to a new
   * simulator root CA.
   */
  public static CardState factoryNew(int serial) {
    CardState s = new CardState(serial);
    s.authority = AttestationAuthority.create(serial);
    s.keys.put(Slot.ATTESTATION, s.authority.deviceKey());
    s.objects.put(Slot.ATTESTATION.objectId, CertObject.wrap(s.authority.deviceCertificateDer()));
    return s;
  }

  /**
   * Back to factory defaults, as INS FB does: keys and objects go, the attestation key and
   * certificate stay.
   */
  void resetApplet() {
    SlotKey f9 = keys.get(Slot.ATTESTATION);
    byte[] f9cert = objects.get(Slot.ATTESTATION.objectId);
    keys.clear();
    objects.clear();
    if (f9 != null) {
      keys.put(Slot.ATTESTATION, f9);
    }
    if (f9cert != null) {
      objects.put(Slot.ATTESTATION.objectId, f9cert);
    }
    pin = new Reference(Reference.pad(DEFAULT_PIN), 3, 3);
    puk = new Reference(Reference.pad(DEFAULT_PUK), 3, 3);
    managementKey = DEFAULT_MGMT_KEY.clone();
    managementKeyRequiresTouch = false;
  }

  public int serial() {
    return serial;
  }

  public int pinTries() {
    return pin.tries();
  }

  public int pukTries() {
    return puk.tries();
  }

  public SlotKey key(Slot slot) {
    return keys.get(slot);
  }

  public byte[] object(int id) {
    byte[] v = objects.get(id);
    return v == null ? null : v.clone();
  }

  public AttestationAuthority authority() {
    return authority;
  }

  @Override
  public String toString() {
    return "CardState[serial="
        + serial
        + ", pin="
        + pin
        + ", puk="
        + puk
        + ", keys="
        + keys.keySet()
        + "]";
  }
}
