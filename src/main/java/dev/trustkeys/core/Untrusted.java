package dev.trustkeys.core;

/**
 * The one way a message shows text that came from outside — a value read from a JSON file, a header
 * of a PEM file, a name in an archive: bounded in length, so that an 800,000-digit number is not
 * echoed back whole, and with control characters (C0, DEL, C1, Unicode line separators and
 * bidirectional overrides) replaced by {@code ?}, so that a hostile file cannot move the cursor,
 * recolour the terminal or turn one error line into two.
 */
public final class Untrusted {
  /** The most characters of one value a message shows. */
  public static final int MAX_SHOWN = 60;

  private Untrusted() {}

  /**
   * {@code value} in single quotes, at most {@link #MAX_SHOWN} characters of it; a longer one is
   * cut with {@code ...} and its length said: {@code '1234...' (800000 characters)}.
   */
  public static String quote(Object value) {
    String s = String.valueOf(value);
    if (s.length() <= MAX_SHOWN) {
      return "'" + printable(s) + "'";
    }
    int cut = MAX_SHOWN;
    if (Character.isHighSurrogate(s.charAt(cut - 1))) {
      cut--; // never half a character
    }
    return "'" + printable(s.substring(0, cut)) + "...' (" + s.length() + " characters)";
  }

  /** {@code s} with every control character replaced by {@code ?}; not shortened. */
  public static String printable(String s) {
    int i = 0;
    while (i < s.length() && !isControl(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder b = new StringBuilder(s);
    for (; i < b.length(); i++) {
      if (isControl(b.charAt(i))) {
        b.setCharAt(i, '?');
      }
    }
    return b.toString();
  }

  /**
   * {@code s} shortened to at most {@code max} characters (with {@code ...}) and made printable.
   */
  public static String shortened(String s, int max) {
    if (s.length() <= max) {
      return printable(s);
    }
    int cut = Math.max(0, max - 3);
    if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
      cut--;
    }
    return printable(s.substring(0, cut)) + "...";
  }

  static boolean isControl(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200e'
        || c == '\u200f'
        || c == '\u061c';
  }
}
