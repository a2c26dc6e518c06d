package dev.trustkeys.cli;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * A spinner on standard error for work that can take more than a second (key derivation for many
 * keys, RSA 4096 generation, on-device generation, large backups). It only draws when a person is
 * at a terminal (the caller decides, see {@link Style#enabled}); otherwise it writes nothing at
 * all, so scripts and logs stay clean. It starts drawing after a short delay, so quick work shows
 * nothing, and it steps aside while a prompt is shown.
 */
final class Progress implements AutoCloseable {
  /**
   * How long work runs before the spinner shows: 400 ms (system property keys.progress.delay-ms,
   * for tests).
   */
  static long defaultDelayMillis() {
    return Long.getLong("keys.progress.delay-ms", 400);
  }

  private static final String[] FRAMES = {"|", "/", "-", "\\"};
  private static final long INTERVAL_MS = 120;

  private final PrintWriter err;
  private final boolean enabled;
  private final Thread thread;
  private volatile String message;
  private boolean paused;
  private boolean drawn;
  private boolean closed;

  /**
   * The delay in milliseconds rather than a {@link Duration}: every command makes a {@link #none()}
   * spinner, and Duration's first use initializes BigInteger (about half a millisecond of every
   * {@code keys list}).
   */
  private Progress(PrintWriter err, boolean enabled, String message, long delayMillis) {
    this.err = err;
    this.enabled = enabled;
    this.message = message;
    if (enabled) {
      thread = new Thread(() -> spin(delayMillis), "keys-progress");
      thread.setDaemon(true);
      thread.start();
    } else {
      thread = null;
    }
  }

  /** A spinner saying {@code message}, or nothing at all when {@code enabled} is false. */
  static Progress start(PrintWriter err, boolean enabled, String message) {
    return new Progress(err, enabled, message, defaultDelayMillis());
  }

  static Progress start(PrintWriter err, boolean enabled, String message, Duration delay) {
    return new Progress(err, enabled, message, delay.toMillis());
  }

  /** A spinner that draws nothing. */
  static Progress none() {
    return new Progress(null, false, "", 0);
  }

  /** Changes the text ("Backing up 120 of 500 keys"). */
  void update(String newMessage) {
    this.message = newMessage;
  }

  /**
   * Clears the line and stops drawing until {@link #resume()} (while a prompt is on the terminal).
   */
  synchronized void pause() {
    paused = true;
    clear();
  }

  synchronized void resume() {
    paused = false;
  }

  private void spin(long delayMillis) {
    try {
      Thread.sleep(delayMillis);
      for (int i = 0; ; i++) {
        synchronized (this) {
          if (closed) {
            return;
          }
          if (!paused) {
            err.print("\r\u001b[K" + FRAMES[i % FRAMES.length] + " " + message);
            err.flush();
            drawn = true;
          }
        }
        Thread.sleep(INTERVAL_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void clear() {
    if (drawn) {
      err.print("\r\u001b[K");
      err.flush();
      drawn = false;
    }
  }

  @Override
  public void close() {
    if (!enabled) {
      return;
    }
    synchronized (this) {
      closed = true;
      clear();
    }
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
