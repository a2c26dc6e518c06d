package dev.trustkeys.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustkeys.simulator.piv.CardState;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** Drives an in-process VirtualYubiKey with raw APDUs, the way libykpiv does. */
final class CardDriver {
  static final HexFormat HEX = HexFormat.of();
  static final byte[] DEFAULT_MGMT =
      HEX.parseHex("010203040506070801020304050607080102030405060708");

  final VirtualYubiKey card;

  CardDriver(VirtualYubiKey card) {
    this.card = card;
  }

  static CardDriver fresh(int serial) {
    return fresh(serial, TouchMode.AUTO, SimulatedTouch.DEFAULT_TIMEOUT);
  }

  static CardDriver fresh(int serial, TouchMode mode, Duration timeout) {
    return new CardDriver(
        new VirtualYubiKey(
            CardState.factoryNew(serial),
            new SimulatedTouch(mode, timeout),
            new ApduTrace(),
            () -> {}));
  }

  /** Sends one APDU given as hex (spaces allowed); returns response hex including SW. */
  String send(String hex) {
    return HEX.formatHex(card.transmit(HEX.parseHex(hex.replace(" ", ""))));
  }

  static int sw(String rsp) {
    return Integer.parseInt(rsp.substring(rsp.length() - 4), 16);
  }

  static byte[] data(String rsp) {
    return HEX.parseHex(rsp.substring(0, rsp.length() - 4));
  }

  /**
   * Sends with command chaining (255-byte blocks) and collects 61xx response chaining, like
   * libykpiv.
   */
  byte[] transfer(int ins, int p1, int p2, byte[] data, int[] swOut) {
    int off = 0;
    String rsp;
    do {
      int n = Math.min(255, data.length - off);
      boolean last = off + n >= data.length;
      byte[] apdu = new byte[5 + n];
      apdu[0] = (byte) (last ? 0x00 : 0x10);
      apdu[1] = (byte) ins;
      apdu[2] = (byte) p1;
      apdu[3] = (byte) p2;
      apdu[4] = (byte) n;
      System.arraycopy(data, off, apdu, 5, n);
      rsp = HEX.formatHex(card.transmit(apdu));
      off += n;
      if (!last) {
        assertEquals(0x9000, sw(rsp), "chained block");
      }
    } while (off < data.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(data(rsp));
    while ((sw(rsp) >> 8) == 0x61) {
      rsp = send("00C0000000");
      out.writeBytes(data(rsp));
    }
    swOut[0] = sw(rsp);
    return out.toByteArray();
  }

  String selectPiv() {
    return send("00A4040005A000000308");
  }

  static String pinApdu(String pin) {
    byte[] b = Arrays.copyOf(pin.getBytes(), 8);
    Arrays.fill(b, pin.length(), 8, (byte) 0xFF);
    return "0020008008" + HEX.formatHex(b);
  }

  static String padded(String pin) {
    byte[] b = Arrays.copyOf(pin.getBytes(), 8);
    Arrays.fill(b, pin.length(), 8, (byte) 0xFF);
    return HEX.formatHex(b);
  }

  int verify(String pin) {
    return sw(send(pinApdu(pin)));
  }

  /** Mutual 3DES authentication; returns the SW of step 2. */
  int authenticate(byte[] key) throws Exception {
    String r1 = send("0087039B047C028000");
    assertEquals(0x9000, sw(r1));
    byte[] enc = Arrays.copyOfRange(data(r1), 4, 12);
    byte[] witness = des(key, enc, Cipher.DECRYPT_MODE);
    byte[] challenge = HEX.parseHex("0011223344556677");
    String r2 =
        send("0087039B167C148008" + HEX.formatHex(witness) + "8108" + HEX.formatHex(challenge));
    if (sw(r2) == 0x9000) {
      assertEquals(
          HEX.formatHex(des(key, challenge, Cipher.ENCRYPT_MODE)),
          HEX.formatHex(Arrays.copyOfRange(data(r2), 4, 12)),
          "card proves the key");
    }
    return sw(r2);
  }

  static byte[] des(byte[] key, byte[] block, int mode) throws Exception {
    Cipher c = Cipher.getInstance("DESede/ECB/NoPadding");
    c.init(mode, new SecretKeySpec(key, "DESede"));
    return c.doFinal(block);
  }
}
