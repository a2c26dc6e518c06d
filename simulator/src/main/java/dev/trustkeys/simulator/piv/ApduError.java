package dev.trustkeys.simulator.piv;

/** Thrown inside the applet to answer with a status word and no data. */
final class ApduError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int sw;

  ApduError(int sw) {
    super(String.format("SW %04X", sw), null, false, false);
    this.sw = sw;
  }
}
