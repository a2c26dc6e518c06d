package dev.trustkeys.simulator.piv;

/** ISO 7816 status words a YubiKey 4 PIV applet answers with. */
public final class Sw {
  public static final int OK = 0x9000;
  public static final int WRONG_LENGTH = 0x6700;
  public static final int SECURITY_STATUS_NOT_SATISFIED = 0x6982;
  public static final int AUTH_METHOD_BLOCKED = 0x6983;
  public static final int CONDITIONS_NOT_SATISFIED = 0x6985;
  public static final int INCORRECT_DATA = 0x6A80;
  public static final int FILE_NOT_FOUND = 0x6A82;
  public static final int REFERENCE_NOT_FOUND = 0x6A88;
  public static final int INCORRECT_P1P2 = 0x6B00;
  public static final int INS_NOT_SUPPORTED = 0x6D00;
  public static final int CLA_NOT_SUPPORTED = 0x6E00;
  public static final int NO_PRECISE_DIAGNOSIS = 0x6F00;

  private Sw() {}

  /** 63Cx: verification failed, x tries left. */
  public static int triesLeft(int tries) {
    return 0x63C0 | Math.min(tries, 15);
  }
}
