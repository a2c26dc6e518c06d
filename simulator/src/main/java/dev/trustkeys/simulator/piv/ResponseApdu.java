package dev.trustkeys.simulator.piv;

/** A response: data plus status word. */
public final class ResponseApdu {
  private final byte[] data;
  public final int sw;

  public ResponseApdu(byte[] data, int sw) {
    this.data = data.clone();
    this.sw = sw;
  }

  public static ResponseApdu ok(byte[] data) {
    return new ResponseApdu(data, Sw.OK);
  }

  public static ResponseApdu ok() {
    return new ResponseApdu(new byte[0], Sw.OK);
  }

  public static ResponseApdu error(int sw) {
    return new ResponseApdu(new byte[0], sw);
  }

  public byte[] data() {
    return data.clone();
  }

  public byte[] toBytes() {
    byte[] out = new byte[data.length + 2];
    System.arraycopy(data, 0, out, 0, data.length);
    out[data.length] = (byte) (sw >> 8);
    out[data.length + 1] = (byte) sw;
    return out;
  }

  @Override
  public String toString() {
    return String.format("ResponseApdu[%d data bytes, SW %04X]", data.length, sw);
  }
}
