package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Widths of coloured cells: only ANSI colour escapes (ESC [ digits/semicolons m) are invisible. */
class StyleTest {
  private static final String ESC = "\u001b";

  @Test
  void strip_removesColourEscapes_only() {
    assertEquals("root", Style.strip(ESC + "[35mroot" + ESC + "[0m"));
    assertEquals("error", Style.strip(ESC + "[1;31merror" + ESC + "[m"));
    assertEquals("plain", Style.strip("plain"));
    assertEquals(ESC + "[2Jx", Style.strip(ESC + "[2Jx"));
    assertEquals(ESC + "[12", Style.strip(ESC + "[12"));
    assertEquals("a" + ESC + "b", Style.strip("a" + ESC + "b"));
  }

  @Test
  void width_countsVisibleCharacters() {
    assertEquals(4, Style.width(ESC + "[35mroot" + ESC + "[0m"));
    assertEquals(7, Style.width("targets"));
    assertEquals(0, Style.width(""));
  }

  @Test
  void printable_replacesControlCharacters_andKeepsOtherText() {
    assertEquals("example.com/app", Style.printable("example.com/app"));
    assertEquals("?]0;pwned?", Style.printable(ESC + "]0;pwned\u0007"));
    assertEquals("a?b?c?d", Style.printable("a\nb\u007fc\u009bd"));
    assertEquals("dépôt/app", Style.printable("dépôt/app"));
  }
}
