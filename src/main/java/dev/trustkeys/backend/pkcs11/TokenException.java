package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;

/**
 * A token or its module failed in a way the user can only fix at the device (removed, error state).
 */
public final class TokenException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public TokenException(String message, String reason, Throwable cause) {
    super(message, ExitCode.DEVICE, cause);
    this.reason = reason;
  }

  /** The PKCS#11 return value name (CKR_...) or a short reason. */
  public String reason() {
    return reason;
  }
}
