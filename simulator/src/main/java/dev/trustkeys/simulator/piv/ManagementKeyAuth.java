package dev.trustkeys.simulator.piv;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * 3DES management-key authentication (INS 87, P2 9B): mutual (witness + challenge) and single
 * (challenge).
 */
final class ManagementKeyAuth {
  private final SecureRandom random;
  private byte[] witness;
  private byte[] challenge;
  private boolean authenticated;

  ManagementKeyAuth(SecureRandom random) {
    this.random = random;
  }

  boolean isAuthenticated() {
    return authenticated;
  }

  void clear() {
    authenticated = false;
    witness = null;
    challenge = null;
  }

  /** Processes the 7C template; returns the response or throws ApduError. */
  byte[] process(CardState state, int p1, byte[] data, TouchSensor touch) {
    if (p1 != 0x03 && p1 != 0x00) {
      throw new ApduError(Sw.INCORRECT_P1P2);
    }
    Map<Integer, byte[]> t = Tlv.parse(Tlv.unwrap(0x7C, data));
    byte[] w = t.get(0x80);
    byte[] c = t.get(0x81);
    byte[] r = t.get(0x82);
    if (w != null && w.length == 0 && c == null) {
      authenticated = false;
      witness = new byte[8];
      random.nextBytes(witness);
      challenge = null;
      return Tlv.encode(
          0x7C, Tlv.encode(0x80, des(state.managementKey, witness, Cipher.ENCRYPT_MODE)));
    }
    if (w != null && w.length == 8 && c != null && c.length == 8) {
      byte[] expected = witness;
      witness = null;
      if (expected == null || !MessageDigest.isEqual(expected, w)) {
        throw new ApduError(Sw.SECURITY_STATUS_NOT_SATISFIED);
      }
      requireTouch(state, touch);
      authenticated = true;
      return Tlv.encode(0x7C, Tlv.encode(0x82, des(state.managementKey, c, Cipher.ENCRYPT_MODE)));
    }
    if (c != null && c.length == 0 && w == null) {
      authenticated = false;
      challenge = new byte[8];
      random.nextBytes(challenge);
      return Tlv.encode(0x7C, Tlv.encode(0x81, challenge));
    }
    if (r != null && r.length == 8 && w == null && c == null) {
      byte[] expected =
          challenge == null ? null : des(state.managementKey, challenge, Cipher.ENCRYPT_MODE);
      challenge = null;
      if (expected == null || !MessageDigest.isEqual(expected, r)) {
        throw new ApduError(Sw.SECURITY_STATUS_NOT_SATISFIED);
      }
      requireTouch(state, touch);
      authenticated = true;
      return new byte[0];
    }
    throw new ApduError(Sw.INCORRECT_DATA);
  }

  private static void requireTouch(CardState state, TouchSensor touch) {
    if (state.managementKeyRequiresTouch && !touch.awaitTouch()) {
      throw new ApduError(Sw.SECURITY_STATUS_NOT_SATISFIED);
    }
  }

  static byte[] des(byte[] key, byte[] block, int mode) {
    byte[] k = key.clone();
    try {
      Cipher cipher = Cipher.getInstance("DESede/ECB/NoPadding");
      cipher.init(mode, new SecretKeySpec(k, "DESede"));
      return cipher.doFinal(block);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("3DES unavailable", e);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }
}
