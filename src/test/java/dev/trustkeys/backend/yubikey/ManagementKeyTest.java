package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ManagementKeyTest {
  static final String HEX = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718";

  @Test
  void toString_neverShowsTheKey() {
    try (ManagementKey k = ManagementKey.fromHex(HEX.toCharArray())) {
      assertEquals("ManagementKey[redacted]", k.toString());
      assertFalse(k.toString().contains("a1b2"));
    }
    try (ManagementKey f = ManagementKey.factoryDefault()) {
      assertFalse(f.toString().contains("0102030405"));
    }
  }

  @Test
  void destroy_zeroesTheBytes_andBlocksUse() {
    ManagementKey k = ManagementKey.fromHex(HEX.toCharArray());
    byte[] inside = k.bytes();
    k.destroy();
    assertArrayEquals(new byte[24], inside);
    assertTrue(k.isDestroyed());
    assertThrows(IllegalStateException.class, k::bytes);
  }

  @Test
  void hex_roundTrips_andFactoryIsRecognised() {
    try (ManagementKey k = ManagementKey.fromHex(HEX.toCharArray())) {
      assertEquals(HEX, new String(k.toHex()));
      assertFalse(k.isFactoryDefault());
    }
    try (ManagementKey f =
        ManagementKey.fromHex("010203040506070801020304050607080102030405060708".toCharArray())) {
      assertTrue(f.isFactoryDefault());
    }
    try (ManagementKey r = ManagementKey.random(new SecureRandom())) {
      assertFalse(r.isFactoryDefault());
      assertEquals(48, r.toHex().length);
    }
  }

  @Test
  void fromHex_rejectsWrongLengthAndNonHex_withoutEchoingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ManagementKey.fromHex("abcd".toCharArray()));
    assertFalse(e.getMessage().contains("abcd"));
    IllegalArgumentException e2 =
        assertThrows(
            IllegalArgumentException.class,
            () -> ManagementKey.fromHex(HEX.replace('a', 'z').toCharArray()));
    assertFalse(e2.getMessage().contains("z1b2"));
  }
}
