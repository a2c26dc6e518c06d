package dev.trustkeys.notary;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import java.util.ArrayList;
import java.util.List;

/**
 * Too few of the keys of a targets role (targets or a delegation) are here to sign its next
 * version.
 */
public final class RoleKeysUnavailableException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String role;
  private final List<String> keyIds;
  private final int required;
  private final int available;

  public RoleKeysUnavailableException(
      String gun,
      String role,
      List<String> canonicalKeyIds,
      int required,
      int available,
      String searched) {
    super(
        message(gun, role, canonicalKeyIds, required, available, searched),
        ExitCode.NOT_FOUND,
        available == 0 ? Remedy.of(Remedy.Kind.SIGN_WHERE_THE_KEY_IS) : null,
        null);
    this.role = role;
    this.keyIds = List.copyOf(canonicalKeyIds);
    this.required = required;
    this.available = available;
  }

  private static String message(
      String gun, String role, List<String> ids, int required, int available, String searched) {
    List<String> shortIds = new ArrayList<>();
    for (String id : ids) {
      shortIds.add(id.substring(0, Math.min(7, id.length())));
    }
    String keys = ids.isEmpty() ? "it has no keys" : "its keys: " + String.join(", ", shortIds);
    if (available == 0) {
      return "no key of "
          + role
          + " of "
          + gun
          + " is here ("
          + keys
          + "; searched "
          + searched
          + ")";
    }
    return role
        + " of "
        + gun
        + " needs "
        + required
        + " signatures but only "
        + available
        + " of its keys are "
        + "here ("
        + keys
        + "; searched "
        + searched
        + ")";
  }

  public String role() {
    return role;
  }

  /** The role's keys, by canonical ID. */
  public List<String> keyIds() {
    return keyIds;
  }

  public int required() {
    return required;
  }

  public int available() {
    return available;
  }
}
