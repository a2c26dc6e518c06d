package dev.trustkeys.backend.pkcs11;

import java.util.EnumSet;
import java.util.Set;

/** The CK_TOKEN_INFO flags (PKCS#11 v2.40 §3.2), as {@code keys tokens} shows them. */
public enum TokenFlag {
  RNG(0x1L),
  WRITE_PROTECTED(0x2L),
  LOGIN_REQUIRED(0x4L),
  USER_PIN_INITIALIZED(0x8L),
  RESTORE_KEY_NOT_NEEDED(0x20L),
  CLOCK_ON_TOKEN(0x40L),
  PROTECTED_AUTHENTICATION_PATH(0x100L),
  DUAL_CRYPTO_OPERATIONS(0x200L),
  TOKEN_INITIALIZED(0x400L),
  SECONDARY_AUTHENTICATION(0x800L),
  USER_PIN_COUNT_LOW(0x10000L),
  USER_PIN_FINAL_TRY(0x20000L),
  USER_PIN_LOCKED(0x40000L),
  USER_PIN_TO_BE_CHANGED(0x80000L),
  SO_PIN_COUNT_LOW(0x100000L),
  SO_PIN_FINAL_TRY(0x200000L),
  SO_PIN_LOCKED(0x400000L),
  SO_PIN_TO_BE_CHANGED(0x800000L),
  ERROR_STATE(0x1000000L);

  private final long value;

  TokenFlag(long value) {
    this.value = value;
  }

  /** The CKF_ bit. */
  public long value() {
    return value;
  }

  /** The PKCS#11 name, e.g. {@code CKF_USER_PIN_COUNT_LOW}. */
  public String ckfName() {
    return "CKF_" + name();
  }

  /** The flags set in a CK_TOKEN_INFO {@code flags} word; unknown bits are ignored. */
  public static Set<TokenFlag> fromValue(long flags) {
    Set<TokenFlag> out = EnumSet.noneOf(TokenFlag.class);
    for (TokenFlag f : values()) {
      if ((flags & f.value) != 0) {
        out.add(f);
      }
    }
    return out;
  }
}
