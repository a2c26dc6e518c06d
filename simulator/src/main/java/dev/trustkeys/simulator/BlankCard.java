package dev.trustkeys.simulator;

/**
 * A card without any applet, served in a reader slot that has no virtual YubiKey (the unused second
 * reader, or the reader of a removed YubiKey). Needed because Debian's vpcd 3.3 in connect-out mode
 * aborts pcscd as soon as the card side closes or refuses its connection, so a slot can never be
 * truly empty. Its ATR ("3B 80 80 01 01", T=1, no historical bytes) is not a YubiKey ATR; SELECT
 * answers 6A82, anything else 6D00.
 */
public final class BlankCard implements VirtualCard {
  public static final byte[] ATR = {0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01};
  public static final BlankCard INSTANCE = new BlankCard();

  private BlankCard() {}

  @Override
  public byte[] atr() {
    return ATR.clone();
  }

  @Override
  public void powerOn() {}

  @Override
  public void powerOff() {}

  @Override
  public void reset() {}

  @Override
  public byte[] transmit(byte[] apdu) {
    boolean select = apdu.length >= 2 && apdu[1] == (byte) 0xA4;
    return select ? new byte[] {0x6A, (byte) 0x82} : new byte[] {0x6D, 0x00};
  }

  @Override
  public String toString() {
    return "BlankCard";
  }
}
