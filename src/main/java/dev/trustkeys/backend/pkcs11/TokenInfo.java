package dev.trustkeys.backend.pkcs11;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a slot's token says about itself (CK_TOKEN_INFO): label, manufacturer, model, serial, flags
 * and firmware version ("4.3" as the token reports it, "" when unknown). Slot IDs are only valid
 * until the module is reinitialised or the token moves; find tokens by label or serial.
 */
public record TokenInfo(
    long slotId,
    String slotDescription,
    String label,
    String manufacturer,
    String model,
    String serial,
    long flags,
    String firmwareVersion) {
  /** Without a firmware version (kept for callers written before it was read). */
  public TokenInfo(
      long slotId,
      String slotDescription,
      String label,
      String manufacturer,
      String model,
      String serial,
      long flags) {
    this(slotId, slotDescription, label, manufacturer, model, serial, flags, "");
  }

  public TokenInfo {
    Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    Objects.requireNonNull(slotDescription, "slotDescription");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(manufacturer, "manufacturer");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(serial, "serial");
  }

  public Set<TokenFlag> flagSet() {
    return TokenFlag.fromValue(flags);
  }

  public boolean has(TokenFlag f) {
    return (flags & f.value()) != 0;
  }

  public boolean isPinLocked() {
    return has(TokenFlag.USER_PIN_LOCKED);
  }

  /**
   * The user-PIN tries left, as far as the flags tell: 0 when locked, 1 on the final try, empty
   * otherwise (PKCS#11 reports "count low" but no number).
   */
  public OptionalInt pinTriesLeft() {
    if (has(TokenFlag.USER_PIN_LOCKED)) {
      return OptionalInt.of(0);
    }
    if (has(TokenFlag.USER_PIN_FINAL_TRY)) {
      return OptionalInt.of(1);
    }
    return OptionalInt.empty();
  }

  /** "token 'SoftHSM-test' (serial 2f06..., slot 123)": for messages. */
  public String describe() {
    return "token '" + label + "'" + (serial.isEmpty() ? "" : " (serial " + serial + ")");
  }
}
