package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;

/** The YubiKey (or the PC/SC service to reach it) failed or is absent. Exit code 6. */
public class YubiKeyException extends KeysException {
  private static final long serialVersionUID = 1L;

  public YubiKeyException(String message) {
    super(message, ExitCode.DEVICE);
  }

  public YubiKeyException(String message, ExitCode code) {
    super(message, code);
  }

  /**
   * @param remedy what would fix it, which the command line words
   */
  public YubiKeyException(String message, ExitCode code, dev.trustkeys.core.Remedy remedy) {
    super(message, code, remedy, null);
  }
}
