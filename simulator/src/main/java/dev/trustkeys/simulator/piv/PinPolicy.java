package dev.trustkeys.simulator.piv;

/** PIN policy of a PIV key, as encoded in tag AA of GENERATE / IMPORT. */
public enum PinPolicy {
  DEFAULT(0),
  NEVER(1),
  ONCE(2),
  ALWAYS(3);

  public final int value;

  PinPolicy(int value) {
    this.value = value;
  }

  /** Returns the policy, or null for a value a YubiKey 4 rejects. */
  public static PinPolicy fromValue(int value) {
    for (PinPolicy p : values()) {
      if (p.value == value) {
        return p;
      }
    }
    return null;
  }
}
