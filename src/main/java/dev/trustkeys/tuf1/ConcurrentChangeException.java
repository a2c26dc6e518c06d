package dev.trustkeys.tuf1;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;

/**
 * Another process changed the repository between this one's read and its write: nothing was
 * written.
 */
public final class ConcurrentChangeException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String changed;

  public ConcurrentChangeException(String changed) {
    super(
        changed
            + " changed while keys was working on the repository: nothing was written; run the command again",
        ExitCode.CONFLICT);
    this.changed = changed;
  }

  /** The file (or folder) that changed. */
  public String changed() {
    return changed;
  }
}
