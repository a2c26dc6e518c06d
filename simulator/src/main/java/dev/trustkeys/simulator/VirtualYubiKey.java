package dev.trustkeys.simulator;

import dev.trustkeys.simulator.piv.CardState;
import dev.trustkeys.simulator.piv.CommandApdu;
import dev.trustkeys.simulator.piv.PivApplet;
import dev.trustkeys.simulator.piv.ResponseApdu;
import dev.trustkeys.simulator.piv.Sw;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A virtual YubiKey 4 (firmware 4.3.5, CCID interface): ATR, applet selection (PIV, OTP,
 * management), command chaining (CLA 10) and response chaining (61xx / GET RESPONSE), PIV via
 * {@link PivApplet}. One APDU at a time.
 */
public final class VirtualYubiKey implements VirtualCard {
  /** YKPIV_ATR_YK4: T=1, historical bytes "Yubikey4". */
  public static final byte[] ATR = HexFormat.of().parseHex("3bf81300008131fe15597562696b657934d4");

  static final byte[] OTP_AID = HexFormat.of().parseHex("a0000005272001");
  static final byte[] MGMT_AID = HexFormat.of().parseHex("a000000527471117");
  private static final int MAX_RESPONSE = 256;
  private static final HexFormat HEX = HexFormat.of();

  private enum Applet {
    NONE,
    PIV,
    OTP,
    MGMT
  }

  private final CardState state;
  private final PivApplet piv;
  private final SimulatedTouch touch;
  private final ApduTrace trace;
  private volatile boolean present = true;
  private volatile Runnable presenceListener = () -> {};
  private Applet selected = Applet.PIV;
  private byte[] pendingResponse;
  private int pendingOffset;
  private ByteArrayOutputStream chain;
  private int chainIns = -1;

  public VirtualYubiKey(CardState state, SimulatedTouch touch, ApduTrace trace, Runnable persist) {
    this.state = state;
    this.touch = touch;
    this.trace = trace;
    this.piv = new PivApplet(state, touch, persist, Clock.systemUTC(), new SecureRandom());
  }

  public int serial() {
    return state.serial();
  }

  public CardState state() {
    return state;
  }

  public SimulatedTouch touch() {
    return touch;
  }

  public ApduTrace trace() {
    return trace;
  }

  @Override
  public byte[] atr() {
    trace.countEvent("ATR");
    return ATR.clone();
  }

  public boolean isPresent() {
    return present;
  }

  /**
   * Unplugs the YubiKey: volatile state (PIN verified, management-key authentication) is lost and
   * the reader goes away until {@link #insert()} (the rig restarts its pcscd; see {@link
   * VirtualYubiKeyRig}).
   */
  public void remove() {
    present = false;
    synchronized (this) {
      resetTransient();
    }
    presenceListener.run();
  }

  /** Plugs the YubiKey back in. */
  public void insert() {
    present = true;
    presenceListener.run();
  }

  void onPresenceChange(Runnable listener) {
    this.presenceListener = listener;
  }

  @Override
  public synchronized void powerOn() {
    trace.countEvent("POWER_ON");
    resetTransient();
  }

  @Override
  public synchronized void powerOff() {
    trace.countEvent("POWER_OFF");
    resetTransient();
  }

  @Override
  public synchronized void reset() {
    trace.countEvent("RESET");
    resetTransient();
  }

  private void resetTransient() {
    piv.deselect();
    selected = Applet.PIV;
    pendingResponse = null;
    chain = null;
    chainIns = -1;
  }

  /** Processes one command APDU and returns the response APDU (data + SW). */
  @Override
  public synchronized byte[] transmit(byte[] apdu) {
    long start = System.nanoTime();
    CommandApdu c;
    ResponseApdu r;
    String name = "INVALID";
    try {
      c = CommandApdu.parse(apdu);
      name = Instructions.name(selected == Applet.OTP, c);
      r = handle(c);
    } catch (IllegalArgumentException e) {
      c = null;
      r = ResponseApdu.error(Sw.WRONG_LENGTH);
    }
    byte[] out = r.toBytes();
    long micros = (System.nanoTime() - start) / 1000;
    trace.record(
        state.serial(), name, Redaction.command(apdu, c), Redaction.response(c, out), r.sw, micros);
    return out;
  }

  private ResponseApdu handle(CommandApdu c) {
    if (c.ins == 0xC0 && (c.cla & 0xEF) == 0) {
      return getResponse();
    }
    pendingResponse = null;
    if ((c.cla & ~0x10) != 0) {
      return ResponseApdu.error(Sw.CLA_NOT_SUPPORTED);
    }
    if (c.isChained()) {
      if (chain == null || chainIns != c.ins) {
        chain = new ByteArrayOutputStream();
        chainIns = c.ins;
      }
      chain.writeBytes(c.data());
      return ResponseApdu.ok();
    }
    CommandApdu full = c;
    if (chain != null) {
      if (chainIns == c.ins) {
        chain.writeBytes(c.data());
        full = new CommandApdu(0, c.ins, c.p1, c.p2, chain.toByteArray());
      }
      chain = null;
      chainIns = -1;
    }
    return chainResponse(dispatch(full));
  }

  private ResponseApdu dispatch(CommandApdu c) {
    if (c.ins == 0xA4 && c.p1 == 0x04) {
      return select(c.data());
    }
    switch (selected) {
      case PIV:
        return piv.process(c);
      case OTP:
        if (c.ins == 0x01 && c.p1 == 0x10) {
          int s = state.serial();
          return ResponseApdu.ok(
              new byte[] {(byte) (s >> 24), (byte) (s >> 16), (byte) (s >> 8), (byte) s});
        }
        return ResponseApdu.error(Sw.INS_NOT_SUPPORTED);
      case MGMT:
        return ResponseApdu.error(Sw.INS_NOT_SUPPORTED);
      default:
        return ResponseApdu.error(Sw.INS_NOT_SUPPORTED);
    }
  }

  private ResponseApdu select(byte[] aid) {
    if (aid.length >= PivApplet.AID.length
        && Arrays.equals(aid, 0, PivApplet.AID.length, PivApplet.AID, 0, PivApplet.AID.length)) {
      if (selected != Applet.PIV) {
        piv.deselect();
      }
      selected = Applet.PIV;
      return ResponseApdu.ok(piv.selectResponse());
    }
    if (aid.length >= OTP_AID.length
        && Arrays.equals(aid, 0, OTP_AID.length, OTP_AID, 0, OTP_AID.length)) {
      piv.deselect();
      selected = Applet.OTP;
      // OTP status: firmware 4.3.5, programming sequence 1, touch level 0x0500
      return ResponseApdu.ok(new byte[] {4, 3, 5, 1, 5, 0});
    }
    if (Arrays.equals(aid, MGMT_AID)) {
      piv.deselect();
      selected = Applet.MGMT;
      return ResponseApdu.ok("4.3.5".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    return ResponseApdu.error(Sw.FILE_NOT_FOUND);
  }

  private ResponseApdu chainResponse(ResponseApdu r) {
    byte[] data = r.data();
    if (data.length <= MAX_RESPONSE) {
      return r;
    }
    pendingResponse = data;
    pendingOffset = 0;
    return nextChunk(r.sw);
  }

  private ResponseApdu getResponse() {
    if (pendingResponse == null) {
      return ResponseApdu.error(Sw.CONDITIONS_NOT_SATISFIED);
    }
    return nextChunk(Sw.OK);
  }

  private ResponseApdu nextChunk(int finalSw) {
    int n = Math.min(MAX_RESPONSE, pendingResponse.length - pendingOffset);
    byte[] chunk = Arrays.copyOfRange(pendingResponse, pendingOffset, pendingOffset + n);
    pendingOffset += n;
    int remaining = pendingResponse.length - pendingOffset;
    if (remaining == 0) {
      pendingResponse = null;
      return new ResponseApdu(chunk, finalSw);
    }
    return new ResponseApdu(chunk, 0x6100 | (remaining > 0xFF ? 0x00 : remaining));
  }

  public boolean isPinVerified() {
    return piv.isPinVerified();
  }

  public boolean isManagementKeyAuthenticated() {
    return piv.isManagementKeyAuthenticated();
  }

  @Override
  public String toString() {
    return "VirtualYubiKey[serial="
        + state.serial()
        + ", present="
        + present
        + ", touch="
        + touch.mode()
        + "]";
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }
}
