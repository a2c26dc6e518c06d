package dev.trustkeys.simulator.piv;

import java.security.MessageDigest;
import java.util.Arrays;

/** A PIN or PUK: the 8-byte FF-padded value and its retry counter. Never printed. */
public final class Reference {
  private byte[] value;
  private int tries;
  private int maxTries;

  public Reference(byte[] paddedValue, int tries, int maxTries) {
    if (paddedValue.length != 8) {
      throw new IllegalArgumentException(
          "PIN/PUK must be 8 bytes padded, was " + paddedValue.length);
    }
    this.value = paddedValue.clone();
    this.tries = tries;
    this.maxTries = maxTries;
  }

  /** FF-pads an ASCII PIN to 8 bytes. */
  public static byte[] pad(String ascii) {
    byte[] out = new byte[8];
    Arrays.fill(out, (byte) 0xFF);
    byte[] b = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, out, 0, b.length);
    return out;
  }

  /** Number of significant bytes in an FF-padded value. */
  public static int significantLength(byte[] padded) {
    int n = padded.length;
    while (n > 0 && padded[n - 1] == (byte) 0xFF) {
      n--;
    }
    return n;
  }

  public boolean isBlocked() {
    return tries <= 0;
  }

  public int tries() {
    return tries;
  }

  public int maxTries() {
    return maxTries;
  }

  /**
   * Compares in constant time and updates the counter. Returns true on match. Callers check
   * isBlocked first.
   */
  public boolean check(byte[] candidate) {
    boolean match = candidate.length == 8 && MessageDigest.isEqual(value, candidate);
    if (match) {
      tries = maxTries;
    } else {
      tries = Math.max(0, tries - 1);
    }
    return match;
  }

  public void change(byte[] newPadded) {
    Arrays.fill(value, (byte) 0);
    value = newPadded.clone();
    tries = maxTries;
  }

  public void reset(byte[] newPadded, int newMax) {
    maxTries = newMax;
    change(newPadded);
  }

  byte[] value() {
    return value.clone();
  }

  @Override
  public String toString() {
    return "Reference[tries=" + tries + "/" + maxTries + "]";
  }
}
