package dev.trustkeys.tuf;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.util.List;

/** Fewer valid signatures than a role's threshold. */
public final class ThresholdNotMetException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String role;
  private final int required;
  private final int valid;
  private final List<String> validKeyIds;

  public ThresholdNotMetException(String role, int required, List<String> validKeyIds) {
    super(
        role + " needs " + required + " valid signature(s) but has " + validKeyIds.size()
            + (validKeyIds.isEmpty() ? "" : " (from " + String.join(", ", short7(validKeyIds)) + ")")
            + ": collect more signatures from the role's key holders",
        ExitCode.VERIFICATION_FAILED);
    this.role = role;
    this.required = required;
    this.valid = validKeyIds.size();
    this.validKeyIds = List.copyOf(validKeyIds);
  }

  private static List<String> short7(List<String> ids) {
    return ids.stream().map(s -> s.length() > 7 ? s.substring(0, 7) : s).toList();
  }

  public String role() {
    return role;
  }

  public int required() {
    return required;
  }

  public int valid() {
    return valid;
  }

  public List<String> validKeyIds() {
    return validKeyIds;
  }
}
