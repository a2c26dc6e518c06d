package dev.trustkeys.backup;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;

/**
 * An archive was refused: it is malformed, tries to write outside the trust directory, holds
 * something that is not a key where keys go, or exceeds a limit. Nothing was written when this is
 * thrown.
 */
public final class HostileArchiveException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String entry;
  private final String reason;

  public HostileArchiveException(String archive, String entry, String reason) {
    super(
        "refused "
            + archive
            + (entry.isEmpty() ? "" : ": entry '" + printable(entry) + "'")
            + ": "
            + reason
            + ": nothing was written",
        ExitCode.VERIFICATION_FAILED);
    this.entry = entry;
    this.reason = reason;
  }

  /** The entry name as the archive has it (empty when the problem is not one entry's). */
  public String entry() {
    return entry;
  }

  public String reason() {
    return reason;
  }

  /**
   * Names come from hostile input: bounded, control characters replaced, so the message stays one
   * line.
   */
  static String printable(String s) {
    return dev.trustkeys.core.Untrusted.shortened(s, 300);
  }
}
