package dev.trustkeys.simulator.piv;

/**
 * The card's touch button. Blocks while the card "blinks" and says whether it was touched in time.
 */
@FunctionalInterface
public interface TouchSensor {
  /** Waits for a touch; returns false when the touch timed out (the card then answers 6982). */
  boolean awaitTouch();

  TouchSensor ALWAYS_TOUCHED = () -> true;
}
