package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.ExitCode;

/**
 * The PIN (or PUK) has no tries left: a device problem until it is unblocked or reset. Exit code 6.
 */
public final class PinBlockedException extends YubiKeyException {
  private static final long serialVersionUID = 1L;

  public PinBlockedException(String message, dev.trustkeys.core.Remedy remedy) {
    super(message, ExitCode.DEVICE, remedy);
  }
}
