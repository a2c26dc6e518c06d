package dev.trustkeys.backend.yubikey;

import java.util.Locale;

/** Whether the card waits for a touch before using a key. DEFAULT is NEVER on a YubiKey 4. */
public enum TouchPolicy {
  DEFAULT(0),
  NEVER(1),
  ALWAYS(2),
  CACHED(3);

  public final int value;

  TouchPolicy(int value) {
    this.value = value;
  }

  public static TouchPolicy fromValue(int value) {
    for (TouchPolicy p : values()) {
      if (p.value == value) {
        return p;
      }
    }
    throw new IllegalArgumentException("not a touch policy: " + value);
  }

  public static TouchPolicy parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Whether a signature may have to wait for a touch. */
  public boolean needsTouch() {
    return this == ALWAYS || this == CACHED;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
