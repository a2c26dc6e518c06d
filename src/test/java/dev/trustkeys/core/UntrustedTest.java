package dev.trustkeys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Untrusted text in messages: bounded, control characters replaced. */
class UntrustedTest {
  @Test
  void quote_shortText_isQuotedWhole() {
    assertEquals("'abc'", Untrusted.quote("abc"));
    assertEquals("'42'", Untrusted.quote(42L));
  }

  @Test
  void quote_hugeText_isCut_andItsLengthSaid() {
    String q = Untrusted.quote("9".repeat(800_000));
    assertEquals("'" + "9".repeat(Untrusted.MAX_SHOWN) + "...' (800000 characters)", q);
  }

  @Test
  void controlCharacters_areReplaced_soNoEscapeSequenceOrSecondLineReachesTheTerminal() {
    assertEquals("'?[31mred?line??'", Untrusted.quote("\u001b[31mred\nline\u202e\u0085"));
    assertEquals("a?b", Untrusted.printable("a\u2028b"));
  }

  @Test
  void quote_neverCutsACharacterInHalf() {
    String s = "x".repeat(Untrusted.MAX_SHOWN - 1) + "\ud83d\ude00" + "y".repeat(10);
    String q = Untrusted.quote(s);
    assertTrue(q.startsWith("'" + "x".repeat(Untrusted.MAX_SHOWN - 1) + "...'"), q);
  }
}
