package dev.trustkeys.simulator;

import java.util.Objects;

/**
 * How the simulated user reacts when the card blinks: touch at once ({@code auto}), after a delay
 * ({@code delay:MS}) or never ({@code never}).
 */
public final class TouchMode {
  public enum Kind {
    AUTO,
    DELAY,
    NEVER
  }

  public static final TouchMode AUTO = new TouchMode(Kind.AUTO, 0);
  public static final TouchMode NEVER = new TouchMode(Kind.NEVER, 0);

  private final Kind kind;
  private final long delayMillis;

  private TouchMode(Kind kind, long delayMillis) {
    this.kind = kind;
    this.delayMillis = delayMillis;
  }

  public static TouchMode delay(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("touch delay must be >= 0 ms, was " + millis);
    }
    return new TouchMode(Kind.DELAY, millis);
  }

  /** Parses {@code auto}, {@code never} or {@code delay:MS}. */
  public static TouchMode parse(String s) {
    Objects.requireNonNull(s);
    if (s.equals("auto")) {
      return AUTO;
    }
    if (s.equals("never")) {
      return NEVER;
    }
    if (s.startsWith("delay:")) {
      return delay(Long.parseLong(s.substring(6)));
    }
    throw new IllegalArgumentException(
        "touch mode must be auto, never or delay:MS, was '" + s + "'");
  }

  public Kind kind() {
    return kind;
  }

  public long delayMillis() {
    return delayMillis;
  }

  @Override
  public String toString() {
    return kind == Kind.DELAY
        ? "delay:" + delayMillis
        : kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TouchMode
        && ((TouchMode) o).kind == kind
        && ((TouchMode) o).delayMillis == delayMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, delayMillis);
  }
}
