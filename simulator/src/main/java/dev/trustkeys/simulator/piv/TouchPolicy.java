package dev.trustkeys.simulator.piv;

/**
 * Touch policy of a PIV key, as encoded in tag AB of GENERATE / IMPORT. CACHED exists since
 * firmware 4.3.
 */
public enum TouchPolicy {
  DEFAULT(0),
  NEVER(1),
  ALWAYS(2),
  CACHED(3);

  public final int value;

  TouchPolicy(int value) {
    this.value = value;
  }

  /** Returns the policy, or null for a value a YubiKey 4 rejects. */
  public static TouchPolicy fromValue(int value) {
    for (TouchPolicy p : values()) {
      if (p.value == value) {
        return p;
      }
    }
    return null;
  }
}
