package dev.trustkeys.tuf;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.util.List;
import java.util.Map;

/** Fewer valid signatures than a role's threshold. */
public final class ThresholdNotMetException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String role;
  private final int required;
  private final int valid;
  private final List<String> validKeyIds;

  /**
   * @param validKeyIds the metadata IDs of the keys that signed, one per public key
   * @param keys the role's keys by metadata ID, to name the signers as people know them
   */
  public ThresholdNotMetException(
      String role, int required, List<String> validKeyIds, Map<String, TufKey> keys) {
    super(
        role
            + " needs "
            + required
            + " valid signature(s) from different keys but has "
            + validKeyIds.size()
            + (validKeyIds.isEmpty()
                ? ""
                : " (from key " + String.join(", ", names(validKeyIds, keys)) + ")")
            + ": collect more signatures from the role's key holders",
        ExitCode.VERIFICATION_FAILED);
    this.role = role;
    this.required = required;
    this.valid = validKeyIds.size();
    this.validKeyIds = List.copyOf(validKeyIds);
  }

  private static List<String> names(List<String> ids, Map<String, TufKey> keys) {
    return ids.stream().map(id -> KeyName.of(id, keys.get(id)).label()).toList();
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
