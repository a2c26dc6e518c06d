package dev.trustkeys.simulator;

import dev.trustkeys.simulator.piv.TouchSensor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The touch button of a virtual card. A YubiKey 4 waits about 15 seconds for a touch and then fails
 * the operation with SW 6982; the timeout is configurable so tests stay quick.
 */
public final class SimulatedTouch implements TouchSensor {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

  private volatile TouchMode mode;
  private volatile Duration timeout;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();

  public SimulatedTouch(TouchMode mode, Duration timeout) {
    this.mode = mode;
    this.timeout = timeout;
  }

  public void setMode(TouchMode mode) {
    this.mode = mode;
  }

  public TouchMode mode() {
    return mode;
  }

  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  /** How many times the card asked for a touch. */
  public long requests() {
    return requests.get();
  }

  /** How many of those requests timed out. */
  public long timeouts() {
    return timeouts.get();
  }

  @Override
  public boolean awaitTouch() {
    requests.incrementAndGet();
    TouchMode m = mode;
    long limit = timeout.toMillis();
    long wait;
    boolean touched;
    switch (m.kind()) {
      case AUTO:
        return true;
      case DELAY:
        touched = m.delayMillis() <= limit;
        wait = Math.min(m.delayMillis(), limit);
        break;
      default:
        touched = false;
        wait = limit;
    }
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      touched = false;
    }
    if (!touched) {
      timeouts.incrementAndGet();
    }
    return touched;
  }

  @Override
  public String toString() {
    return "SimulatedTouch[" + mode + ", timeout=" + timeout.toMillis() + "ms]";
  }
}
