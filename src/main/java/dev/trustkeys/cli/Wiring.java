package dev.trustkeys.cli;

import dev.trustkeys.backend.file.KeyEncryption;
import dev.trustkeys.core.io.AtomicWrite.Checkpoint;
import java.time.Clock;

/**
 * The parameters the composition root gives the back ends that no user may change: the PBKDF2
 * iteration count of new key files, the checkpoints of crash-safe writes, and the clock every
 * command reads the time from. {@code keys} itself always runs with {@link #STANDARD} (600,000
 * iterations, no checkpoints): no option, environment variable or system property changes them.
 * Only code can: the test entry point in the test sources.
 */
final class Wiring {
  /** What {@code keys} runs with. */
  static final Wiring STANDARD = new Wiring(KeyEncryption.DEFAULT_ITERATIONS, Checkpoint.NONE);

  private final int kdfIterations;
  private final Checkpoint checkpoint;
  private final Clock clock;

  Wiring(int kdfIterations, Checkpoint checkpoint) {
    this(kdfIterations, checkpoint, Clock.systemUTC());
  }

  Wiring(int kdfIterations, Checkpoint checkpoint, Clock clock) {
    if (kdfIterations < KeyEncryption.MIN_ITERATIONS) {
      throw new IllegalArgumentException(
          "at least "
              + KeyEncryption.MIN_ITERATIONS
              + " PBKDF2 iterations (Notary's count), not "
              + kdfIterations);
    }
    this.kdfIterations = kdfIterations;
    this.checkpoint = checkpoint;
    this.clock = clock;
  }

  int kdfIterations() {
    return kdfIterations;
  }

  Checkpoint checkpoint() {
    return checkpoint;
  }

  Clock clock() {
    return clock;
  }
}
