package dev.trustkeys.simulator.piv;

import java.util.Map;

/** The PIV certificate data object content: {@code 70 <cert> 71 01 00 FE 00}. */
public final class CertObject {
  private CertObject() {}

  public static byte[] wrap(byte[] der) {
    return Tlv.concat(Tlv.encode(0x70, der), new byte[] {0x71, 0x01, 0x00, (byte) 0xFE, 0x00});
  }

  /** Returns the DER certificate in an object's content, or null when it holds none. */
  public static byte[] unwrap(byte[] content) {
    if (content == null) {
      return null;
    }
    try {
      Map<Integer, byte[]> tlvs = Tlv.parse(content);
      return tlvs.get(0x70);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
