package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PivVocabularyTest {
  @Test
  void slots_haveYkcs11IdsAndObjects_andParseFromHex() {
    assertEquals(2, Slot.SIGNATURE.pkcs11Id, "ykcs11 2.x: CKA_ID 2 is 9c");
    assertEquals(1, Slot.AUTHENTICATION.pkcs11Id);
    assertEquals(3, Slot.KEY_MANAGEMENT.pkcs11Id);
    assertEquals(4, Slot.CARD_AUTH.pkcs11Id);
    assertEquals(0x5fc10a, Slot.SIGNATURE.objectId);
    assertEquals(Slot.SIGNATURE, Slot.parse("9c"));
    assertEquals(Slot.ATTESTATION, Slot.parse("0xF9"));
    assertEquals(Slot.KEY_MANAGEMENT, Slot.fromValue(0x9d));
    assertEquals("9c", Slot.SIGNATURE.hex());
    assertThrows(IllegalArgumentException.class, () -> Slot.parse("9b"));
    assertEquals(
        List.of(Slot.SIGNATURE, Slot.AUTHENTICATION, Slot.KEY_MANAGEMENT), Slot.ROOT_KEY_ORDER);
  }

  @Test
  void policies_roundTripTheirCardValues_andDefaultsFollowTheSlot() {
    for (PinPolicy p : PinPolicy.values()) {
      assertEquals(p, PinPolicy.fromValue(p.value));
    }
    for (TouchPolicy t : TouchPolicy.values()) {
      assertEquals(t, TouchPolicy.fromValue(t.value));
    }
    for (KeyType k : KeyType.values()) {
      assertEquals(k, KeyType.fromValue(k.value));
    }
    assertEquals(PinPolicy.ALWAYS, PinPolicy.DEFAULT.effective(Slot.SIGNATURE));
    assertEquals(PinPolicy.ONCE, PinPolicy.DEFAULT.effective(Slot.AUTHENTICATION));
    assertEquals(PinPolicy.NEVER, PinPolicy.NEVER.effective(Slot.SIGNATURE));
    assertTrue(TouchPolicy.CACHED.needsTouch());
    assertTrue(TouchPolicy.ALWAYS.needsTouch());
    assertEquals(false, TouchPolicy.DEFAULT.needsTouch(), "a YubiKey 4 default is no touch");
    assertEquals(0x11, KeyType.ECCP256.value);
  }
}
