package dev.trustkeys.simulator;

/** What a vpcd reader slot talks to: ATR, power controls and APDUs. */
public interface VirtualCard {
  byte[] atr();

  void powerOn();

  void powerOff();

  void reset();

  byte[] transmit(byte[] apdu);
}
