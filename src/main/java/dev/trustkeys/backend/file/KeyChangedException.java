package dev.trustkeys.backend.file;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;

/**
 * A key file that another process removed or replaced (re-encrypted, restored) while a command was
 * using it: the command wrote nothing, and running it again works on the key as it is now. Exit 8
 * (conflict).
 */
public final class KeyChangedException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final transient KeyId keyId;
  private final boolean removed;

  public KeyChangedException(KeyId keyId, boolean removed) {
    super(
        "key "
            + keyId.shortId()
            + (removed ? " was removed" : " changed")
            + " while this command was using it"
            + " (another keys process "
            + (removed ? "removed it" : "re-encrypted, restored or removed it")
            + "): nothing was written; run the command again",
        ExitCode.CONFLICT);
    this.keyId = keyId;
    this.removed = removed;
  }

  /** The key that changed. */
  public KeyId keyId() {
    return keyId;
  }

  /** Whether it is gone (rather than replaced). */
  public boolean removed() {
    return removed;
  }
}
