package dev.trustkeys.backend.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.WrongSecretException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What a wrong PIN turns into, by the CK_TOKEN_INFO flags the token reports after the attempt. */
class PinFailureTest {
  private static TokenInfo token(TokenFlag... flags) {
    long f = TokenFlag.TOKEN_INITIALIZED.value();
    for (TokenFlag x : flags) {
      f |= x.value();
    }
    return new TokenInfo(1, "", "hsm", "m", "model", "s1", f);
  }

  @Test
  void wrongPin_onFinalTry_reportsOneTryLeft() {
    KeysException e =
        TokenSession.wrongPin(token(TokenFlag.USER_PIN_COUNT_LOW, TokenFlag.USER_PIN_FINAL_TRY));
    WrongSecretException w = assertInstanceOf(WrongSecretException.class, e);
    assertEquals(OptionalInt.of(1), w.attemptsRemaining());
    assertEquals(ExitCode.WRONG_SECRET, w.exitCode());
    assertTrue(w.getMessage().contains("1 try left"), w.getMessage());
  }

  @Test
  void wrongPin_withCountLow_saysFewTriesButNoNumber() {
    WrongSecretException w =
        assertInstanceOf(
            WrongSecretException.class, TokenSession.wrongPin(token(TokenFlag.USER_PIN_COUNT_LOW)));
    assertEquals(OptionalInt.empty(), w.attemptsRemaining());
    assertTrue(w.getMessage().contains("CKF_USER_PIN_COUNT_LOW"), w.getMessage());
  }

  @Test
  void wrongPin_withoutFlags_saysTheTokenDoesNotTell() {
    WrongSecretException w =
        assertInstanceOf(WrongSecretException.class, TokenSession.wrongPin(token()));
    assertEquals(OptionalInt.empty(), w.attemptsRemaining());
    assertTrue(w.getMessage().contains("does not say"), w.getMessage());
    assertFalse(w.getMessage().contains("\n"));
  }

  @Test
  void wrongPin_thatLockedTheToken_isALockedTokenWithAdvice() {
    PinLockedException e =
        assertInstanceOf(
            PinLockedException.class, TokenSession.wrongPin(token(TokenFlag.USER_PIN_LOCKED)));
    assertEquals(0, e.attemptsRemaining());
    assertEquals(ExitCode.DEVICE, e.exitCode());
    assertTrue(e.getMessage().contains("SO PIN"), e.getMessage());
    assertEquals(OptionalInt.of(0), token(TokenFlag.USER_PIN_LOCKED).pinTriesLeft());
  }

  @Test
  void flags_decodeToPkcs11Names() {
    assertEquals(
        java.util.Set.of(TokenFlag.RNG, TokenFlag.LOGIN_REQUIRED, TokenFlag.USER_PIN_COUNT_LOW),
        TokenFlag.fromValue(0x1L | 0x4L | 0x10000L | 0x80000000L));
    assertEquals("CKF_USER_PIN_FINAL_TRY", TokenFlag.USER_PIN_FINAL_TRY.ckfName());
  }
}
