package dev.trustkeys.simulator.piv;

/** A parsed command APDU (short or extended length). */
public final class CommandApdu {
  public final int cla;
  public final int ins;
  public final int p1;
  public final int p2;
  private final byte[] data;

  public CommandApdu(int cla, int ins, int p1, int p2, byte[] data) {
    this.cla = cla;
    this.ins = ins;
    this.p1 = p1;
    this.p2 = p2;
    this.data = data.clone();
  }

  /**
   * Parses raw APDU bytes.
   *
   * @throws IllegalArgumentException when the bytes are not a well-formed APDU
   */
  public static CommandApdu parse(byte[] raw) {
    if (raw.length < 4) {
      throw new IllegalArgumentException("APDU shorter than 4 bytes");
    }
    int cla = raw[0] & 0xFF;
    int ins = raw[1] & 0xFF;
    int p1 = raw[2] & 0xFF;
    int p2 = raw[3] & 0xFF;
    if (raw.length <= 5) {
      return new CommandApdu(cla, ins, p1, p2, new byte[0]);
    }
    int lc = raw[4] & 0xFF;
    int off = 5;
    if (lc == 0 && raw.length >= 7) {
      lc = ((raw[5] & 0xFF) << 8) | (raw[6] & 0xFF);
      off = 7;
    }
    if (off + lc > raw.length) {
      throw new IllegalArgumentException("Lc exceeds APDU length");
    }
    byte[] data = new byte[lc];
    System.arraycopy(raw, off, data, 0, lc);
    return new CommandApdu(cla, ins, p1, p2, data);
  }

  public byte[] data() {
    return data.clone();
  }

  /** Direct access for the applet; callers must not keep or modify it. */
  byte[] rawData() {
    return data;
  }

  public int length() {
    return data.length;
  }

  public boolean isChained() {
    return (cla & 0x10) != 0;
  }

  @Override
  public String toString() {
    return String.format(
        "CommandApdu[%02X %02X %02X %02X, %d data bytes]", cla, ins, p1, p2, data.length);
  }
}
