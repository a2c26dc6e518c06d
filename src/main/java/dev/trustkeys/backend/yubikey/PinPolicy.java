package dev.trustkeys.backend.yubikey;

import java.util.Locale;

/**
 * When the card asks for the PIN before using a key. DEFAULT leaves it to the slot (9c: always,
 * others once).
 */
public enum PinPolicy {
  DEFAULT(0),
  NEVER(1),
  ONCE(2),
  ALWAYS(3);

  public final int value;

  PinPolicy(int value) {
    this.value = value;
  }

  public static PinPolicy fromValue(int value) {
    for (PinPolicy p : values()) {
      if (p.value == value) {
        return p;
      }
    }
    throw new IllegalArgumentException("not a PIN policy: " + value);
  }

  public static PinPolicy parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The policy the card applies in {@code slot}. */
  public PinPolicy effective(Slot slot) {
    if (this != DEFAULT) {
      return this;
    }
    return slot == Slot.SIGNATURE ? ALWAYS : slot == Slot.ATTESTATION ? NEVER : ONCE;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
