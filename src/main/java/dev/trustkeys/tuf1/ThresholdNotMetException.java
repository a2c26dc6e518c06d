package dev.trustkeys.tuf1;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.util.List;

/** Fewer of a role's keys are held here than its threshold needs: nothing was written. */
public final class ThresholdNotMetException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String role;
  private final int required;
  private final int held;

  public ThresholdNotMetException(String role, int required, int held, List<String> missing) {
    super(
        role
            + " needs "
            + required
            + " signature"
            + (required == 1 ? "" : "s")
            + " but keys holds "
            + held
            + " of its keys"
            + (missing.isEmpty() ? "" : " (not here: " + SignatureCheck.shortIds(missing) + ")")
            + ": nothing was written; plug in the key's YubiKey or token, or import the key",
        ExitCode.VERIFICATION_FAILED);
    this.role = role;
    this.required = required;
    this.held = held;
  }

  public String role() {
    return role;
  }

  public int required() {
    return required;
  }

  public int held() {
    return held;
  }
}
