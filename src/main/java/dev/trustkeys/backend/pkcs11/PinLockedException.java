package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;

/** The token's user PIN is blocked (CKF_USER_PIN_LOCKED / CKR_PIN_LOCKED): no PIN was tried. */
public final class PinLockedException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String token;

  public PinLockedException(String token) {
    super(
        "the user PIN of "
            + token
            + " is locked: unblock it with the SO PIN (e.g. pkcs11-tool --init-pin"
            + " --login --login-type so) or, for a YubiKey, with the PUK; nothing was signed or changed",
        ExitCode.DEVICE);
    this.token = token;
  }

  /** The token, as described in messages. */
  public String token() {
    return token;
  }

  /** Always 0. */
  public int attemptsRemaining() {
    return 0;
  }
}
