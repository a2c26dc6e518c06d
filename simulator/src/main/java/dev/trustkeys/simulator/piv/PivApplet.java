package dev.trustkeys.simulator.piv;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * The PIV applet of a YubiKey 4 (firmware 4.3.5): one complete (already de-chained) command in, one
 * complete response out. Transport concerns (SELECT routing, chaining, GET RESPONSE) live in the
 * card.
 */
public final class PivApplet {
  public static final byte[] AID = {(byte) 0xA0, 0x00, 0x00, 0x03, 0x08};
  static final byte[] SELECT_RESPONSE = {
    0x61,
    0x11,
    0x4F,
    0x06,
    0x00,
    0x00,
    0x10,
    0x00,
    0x01,
    0x00,
    0x79,
    0x07,
    0x4F,
    0x05,
    (byte) 0xA0,
    0x00,
    0x00,
    0x03,
    0x08
  };
  static final byte[] DISCOVERY = {
    0x7E,
    0x12,
    0x4F,
    0x0B,
    (byte) 0xA0,
    0x00,
    0x00,
    0x03,
    0x08,
    0x00,
    0x00,
    0x10,
    0x00,
    0x01,
    0x00,
    0x5F,
    0x2F,
    0x02,
    0x40,
    0x00
  };

  /** Largest data object content a YubiKey 4 stores (libykpiv CB_OBJ_MAX). */
  public static final int MAX_OBJECT = 3063;

  static final int PRINTED_OBJECT = 0x5FC109;
  static final Duration TOUCH_CACHE = Duration.ofSeconds(15);

  private final CardState state;
  private final TouchSensor touch;
  private final Runnable persist;
  private final Clock clock;
  private final ManagementKeyAuth mgmt;
  private boolean pinVerified;
  private boolean pinAlwaysArmed;
  private Instant lastTouch;

  public PivApplet(
      CardState state, TouchSensor touch, Runnable persist, Clock clock, SecureRandom random) {
    this.state = state;
    this.touch = touch;
    this.persist = persist;
    this.clock = clock;
    this.mgmt = new ManagementKeyAuth(random);
  }

  /**
   * Drops PIN and management-key authentication (another applet selected, card reset or powered
   * off).
   */
  public void deselect() {
    pinVerified = false;
    pinAlwaysArmed = false;
    mgmt.clear();
  }

  public byte[] selectResponse() {
    return SELECT_RESPONSE.clone();
  }

  public boolean isPinVerified() {
    return pinVerified;
  }

  public boolean isManagementKeyAuthenticated() {
    return mgmt.isAuthenticated();
  }

  public ResponseApdu process(CommandApdu c) {
    try {
      return ResponseApdu.ok(dispatch(c));
    } catch (ApduError e) {
      return ResponseApdu.error(e.sw);
    } catch (IllegalArgumentException e) {
      return ResponseApdu.error(Sw.INCORRECT_DATA);
    }
  }

  private byte[] dispatch(CommandApdu c) {
    byte[] d = c.rawData();
    switch (c.ins) {
      case 0x20:
        return verify(c.p2, d);
      case 0x24:
        return changeReference(c.p2, d);
      case 0x2C:
        return resetRetry(c.p2, d);
      case 0x47:
        return generate(c.p2, d);
      case 0x87:
        return authenticate(c.p1, c.p2, d);
      case 0xCB:
        return getData(d);
      case 0xDB:
        return putData(d);
      case 0xF9:
        return attest(c.p1);
      case 0xFA:
        return setPinRetries(c.p1, c.p2);
      case 0xFB:
        return reset();
      case 0xFD:
        return Attestation.FIRMWARE.clone();
      case 0xFE:
        return importKey(c.p1, c.p2, d);
      case 0xFF:
        return setManagementKey(c.p1, c.p2, d);
      default:
        throw new ApduError(
            Sw.INS_NOT_SUPPORTED); // includes F7 GET METADATA and F8 GET SERIAL (YK5)
    }
  }

  private byte[] verify(int p2, byte[] d) {
    if (p2 != 0x80) {
      throw new ApduError(Sw.REFERENCE_NOT_FOUND);
    }
    if (d.length == 0) {
      if (state.pin.isBlocked()) {
        throw new ApduError(Sw.AUTH_METHOD_BLOCKED);
      }
      if (pinVerified) {
        return new byte[0];
      }
      throw new ApduError(Sw.triesLeft(state.pin.tries()));
    }
    if (d.length != 8) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    if (state.pin.isBlocked()) {
      throw new ApduError(Sw.AUTH_METHOD_BLOCKED);
    }
    boolean ok = state.pin.check(d);
    persist.run();
    pinVerified = ok;
    pinAlwaysArmed = ok;
    if (!ok) {
      throw new ApduError(Sw.triesLeft(state.pin.tries()));
    }
    return new byte[0];
  }

  private Reference reference(int p2) {
    if (p2 == 0x80) {
      return state.pin;
    }
    if (p2 == 0x81) {
      return state.puk;
    }
    throw new ApduError(Sw.REFERENCE_NOT_FOUND);
  }

  private byte[] changeReference(int p2, byte[] d) {
    Reference ref = reference(p2);
    if (d.length != 16) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    byte[] old = Arrays.copyOfRange(d, 0, 8);
    byte[] neu = Arrays.copyOfRange(d, 8, 16);
    try {
      checkOld(ref, old);
      if (Reference.significantLength(neu) < 6) {
        throw new ApduError(Sw.INCORRECT_DATA);
      }
      ref.change(neu);
      persist.run();
      return new byte[0];
    } finally {
      Arrays.fill(old, (byte) 0);
      Arrays.fill(neu, (byte) 0);
    }
  }

  private void checkOld(Reference ref, byte[] old) {
    if (ref.isBlocked()) {
      throw new ApduError(Sw.AUTH_METHOD_BLOCKED);
    }
    boolean ok = ref.check(old);
    persist.run();
    if (!ok) {
      if (ref == state.pin) {
        pinVerified = false;
      }
      throw new ApduError(Sw.triesLeft(ref.tries()));
    }
  }

  private byte[] resetRetry(int p2, byte[] d) {
    if (p2 != 0x80) {
      throw new ApduError(Sw.REFERENCE_NOT_FOUND);
    }
    if (d.length != 16) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    byte[] puk = Arrays.copyOfRange(d, 0, 8);
    byte[] neu = Arrays.copyOfRange(d, 8, 16);
    try {
      checkOld(state.puk, puk);
      if (Reference.significantLength(neu) < 6) {
        throw new ApduError(Sw.INCORRECT_DATA);
      }
      state.pin.change(neu);
      persist.run();
      return new byte[0];
    } finally {
      Arrays.fill(puk, (byte) 0);
      Arrays.fill(neu, (byte) 0);
    }
  }

  private void requireMgmt() {
    if (!mgmt.isAuthenticated()) {
      throw new ApduError(Sw.SECURITY_STATUS_NOT_SATISFIED);
    }
  }

  private static Slot keySlot(int p2, boolean allowAttestation) {
    Slot slot = Slot.fromValue(p2);
    if (slot == null || (slot == Slot.ATTESTATION && !allowAttestation)) {
      throw new ApduError(Sw.INCORRECT_P1P2);
    }
    return slot;
  }

  private static PinPolicy pinPolicy(Map<Integer, byte[]> t) {
    byte[] v = t.get(0xAA);
    if (v == null) {
      return PinPolicy.DEFAULT;
    }
    PinPolicy p = v.length == 1 ? PinPolicy.fromValue(v[0]) : null;
    if (p == null) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    return p;
  }

  private static TouchPolicy touchPolicy(Map<Integer, byte[]> t) {
    byte[] v = t.get(0xAB);
    if (v == null) {
      return TouchPolicy.DEFAULT;
    }
    TouchPolicy p = v.length == 1 ? TouchPolicy.fromValue(v[0]) : null;
    if (p == null) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    return p;
  }

  private byte[] generate(int p2, byte[] d) {
    requireMgmt();
    Slot slot = keySlot(p2, false);
    Map<Integer, byte[]> t = Tlv.parse(Tlv.unwrap(0xAC, d));
    byte[] alg = t.get(0x80);
    KeyType type = alg != null && alg.length == 1 ? KeyType.fromValue(alg[0]) : null;
    if (type == null) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    PinPolicy pp = pinPolicy(t);
    TouchPolicy tp = touchPolicy(t);
    try {
      KeyPair pair = KeyOperations.generate(type);
      state.keys.put(slot, new SlotKey(type, pair, pp, tp, true));
      persist.run();
      return Tlv.encode(0x7F49, KeyOperations.publicKeyTemplate(type, pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new ApduError(Sw.NO_PRECISE_DIAGNOSIS);
    }
  }

  private byte[] importKey(int p1, int p2, byte[] d) {
    requireMgmt();
    Slot slot = keySlot(p2, true);
    KeyType type = KeyType.fromValue(p1);
    if (type == null) {
      throw new ApduError(Sw.INCORRECT_P1P2);
    }
    Map<Integer, byte[]> t = Tlv.parse(d);
    PinPolicy pp = pinPolicy(t);
    TouchPolicy tp = touchPolicy(t);
    try {
      KeyPair pair;
      if (type.isEc()) {
        byte[] s = t.get(0x06);
        if (s == null) {
          throw new ApduError(Sw.INCORRECT_DATA);
        }
        pair = KeyOperations.importEc(type, s);
      } else {
        for (int tag = 1; tag <= 5; tag++) {
          if (t.get(tag) == null) {
            throw new ApduError(Sw.INCORRECT_DATA);
          }
        }
        pair = KeyOperations.importRsa(type, t.get(1), t.get(2), t.get(3), t.get(4), t.get(5));
      }
      state.keys.put(slot, new SlotKey(type, pair, pp, tp, false));
      persist.run();
      return new byte[0];
    } catch (GeneralSecurityException e) {
      throw new ApduError(Sw.INCORRECT_DATA);
    } finally {
      for (byte[] v : t.values()) {
        Arrays.fill(v, (byte) 0);
      }
    }
  }

  private byte[] authenticate(int p1, int p2, byte[] d) {
    if (p2 == 0x9B) {
      return mgmt.process(state, p1, d, touch);
    }
    Slot slot = keySlot(p2, false);
    SlotKey key = state.keys.get(slot);
    if (key == null || key.type.value != p1) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    Map<Integer, byte[]> t = Tlv.parse(Tlv.unwrap(0x7C, d));
    byte[] challenge = t.get(0x81);
    byte[] point = t.get(0x85);
    if (!t.containsKey(0x82) || (challenge == null) == (point == null)) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    checkPinPolicy(slot, key);
    checkTouch(key);
    try {
      byte[] out;
      if (point != null) {
        if (!key.type.isEc()) {
          throw new ApduError(Sw.INCORRECT_DATA);
        }
        out = KeyOperations.ecdh(key, point);
      } else if (key.type.isEc()) {
        byte[] h =
            challenge.length > key.type.length
                ? Arrays.copyOf(challenge, key.type.length)
                : challenge;
        out = KeyOperations.signEc(key, h);
      } else {
        out = KeyOperations.rsaRaw(key, challenge);
      }
      return Tlv.encode(0x7C, Tlv.encode(0x82, out));
    } catch (GeneralSecurityException e) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
  }

  private void checkPinPolicy(Slot slot, SlotKey key) {
    PinPolicy p = Attestation.effectivePin(slot, key);
    if (p == PinPolicy.ONCE && !pinVerified) {
      throw new ApduError(Sw.SECURITY_STATUS_NOT_SATISFIED);
    }
    if (p == PinPolicy.ALWAYS) {
      boolean armed = pinAlwaysArmed;
      pinAlwaysArmed = false;
      if (!armed) {
        throw new ApduError(Sw.SECURITY_STATUS_NOT_SATISFIED);
      }
    }
  }

  private void checkTouch(SlotKey key) {
    TouchPolicy p = Attestation.effectiveTouch(key);
    Instant now = clock.instant();
    if (p == TouchPolicy.NEVER
        || (p == TouchPolicy.CACHED
            && lastTouch != null
            && now.isBefore(lastTouch.plus(TOUCH_CACHE)))) {
      return;
    }
    if (!touch.awaitTouch()) {
      throw new ApduError(Sw.SECURITY_STATUS_NOT_SATISFIED);
    }
    lastTouch = clock.instant();
  }

  private static int objectId(byte[] d) {
    Map<Integer, byte[]> t = Tlv.parse(d);
    byte[] id = t.get(0x5C);
    if (id == null || id.length < 1 || id.length > 3) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    int v = 0;
    for (byte b : id) {
      v = (v << 8) | (b & 0xFF);
    }
    return v;
  }

  private static boolean isStorable(int id) {
    return (id >= 0x5FC101 && id <= 0x5FC123) || (id >= 0x5FFF00 && id <= 0x5FFF15);
  }

  private byte[] getData(byte[] d) {
    int id = objectId(d);
    if (id == 0x7E) {
      return DISCOVERY.clone();
    }
    if (id == PRINTED_OBJECT && !pinVerified) {
      throw new ApduError(Sw.SECURITY_STATUS_NOT_SATISFIED);
    }
    byte[] content = state.objects.get(id);
    if (content == null) {
      throw new ApduError(Sw.FILE_NOT_FOUND);
    }
    return Tlv.encode(0x53, content);
  }

  private byte[] putData(byte[] d) {
    requireMgmt();
    if (d.length < 2 || d[0] != 0x5C) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    int idLen = d[1] & 0xFF;
    int id = objectId(Arrays.copyOfRange(d, 0, 2 + idLen));
    byte[] content = Tlv.unwrap(0x53, Arrays.copyOfRange(d, 2 + idLen, d.length));
    if (!isStorable(id)) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    if (content.length > MAX_OBJECT) {
      throw new ApduError(0x6A84);
    }
    if (content.length == 0) {
      state.objects.remove(id);
    } else {
      state.objects.put(id, content);
    }
    persist.run();
    return new byte[0];
  }

  private byte[] attest(int p1) {
    Slot slot = Slot.fromValue(p1);
    if (slot == null || slot == Slot.ATTESTATION) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    SlotKey key = state.keys.get(slot);
    if (key == null) {
      throw new ApduError(Sw.REFERENCE_NOT_FOUND);
    }
    if (!key.generated) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    return Attestation.attest(state, slot, key);
  }

  private byte[] setPinRetries(int pinTries, int pukTries) {
    if (!mgmt.isAuthenticated() || !pinVerified) {
      throw new ApduError(Sw.SECURITY_STATUS_NOT_SATISFIED);
    }
    if (pinTries == 0 || pukTries == 0) {
      throw new ApduError(Sw.INCORRECT_P1P2);
    }
    state.pin.reset(Reference.pad(CardState.DEFAULT_PIN), pinTries);
    state.puk.reset(Reference.pad(CardState.DEFAULT_PUK), pukTries);
    pinVerified = false;
    pinAlwaysArmed = false;
    persist.run();
    return new byte[0];
  }

  private byte[] reset() {
    if (!state.pin.isBlocked() || !state.puk.isBlocked()) {
      throw new ApduError(Sw.CONDITIONS_NOT_SATISFIED);
    }
    state.resetApplet();
    deselect();
    persist.run();
    return new byte[0];
  }

  private byte[] setManagementKey(int p1, int p2, byte[] d) {
    requireMgmt();
    if (p1 != 0xFF || (p2 != 0xFF && p2 != 0xFE)) {
      throw new ApduError(Sw.INCORRECT_P1P2);
    }
    if (d.length != 27 || d[0] != 0x03 || d[1] != (byte) 0x9B || d[2] != 0x18) {
      throw new ApduError(Sw.INCORRECT_DATA);
    }
    Arrays.fill(state.managementKey, (byte) 0);
    state.managementKey = Arrays.copyOfRange(d, 3, 27);
    state.managementKeyRequiresTouch = p2 == 0xFE;
    persist.run();
    return new byte[0];
  }

  @Override
  public String toString() {
    return "PivApplet[serial=" + state.serial + "]";
  }
}
