package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.ExitCode;

/**
 * The card rejected a PIN or PUK. Carries the tries left (0 when it is now blocked). Exit code 3.
 */
public final class InvalidPinException extends YubiKeyException {
  private static final long serialVersionUID = 1L;
  private final int attemptsRemaining;

  public InvalidPinException(String message, int attemptsRemaining) {
    super(message, ExitCode.WRONG_SECRET);
    this.attemptsRemaining = attemptsRemaining;
  }

  public int getAttemptsRemaining() {
    return attemptsRemaining;
  }
}
