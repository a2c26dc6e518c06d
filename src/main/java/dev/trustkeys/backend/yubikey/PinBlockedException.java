package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.ExitCode;

/** The PIN (or PUK) has no tries left. Exit code 3. */
public final class PinBlockedException extends YubiKeyException {
  private static final long serialVersionUID = 1L;

  public PinBlockedException(String message) {
    super(message, ExitCode.WRONG_SECRET);
  }
}
