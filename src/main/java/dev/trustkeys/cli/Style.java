package dev.trustkeys.cli;

import dev.trustkeys.core.secret.Terminal;
import java.util.Map;

/**
 * Colour for people, plain text for scripts: ANSI colours only when a person is at a terminal, and
 * never when {@code NO_COLOR} is set (to anything but the empty string, as no-color.org says) or
 * {@code TERM=dumb}.
 */
final class Style {
  private static final String RESET = "\u001b[0m";
  private final boolean on;

  private Style(boolean on) {
    this.on = on;
  }

  static Style of(Map<String, String> env, Terminal terminal) {
    return new Style(enabled(env, terminal.interactive()));
  }

  /** Whether colour (and other terminal decoration, such as a spinner) is wanted. */
  static boolean enabled(Map<String, String> env, boolean terminal) {
    String noColor = env.get("NO_COLOR");
    return terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
  }

  boolean on() {
    return on;
  }

  String paint(String code, String text) {
    return on && !text.isEmpty() ? "\u001b[" + code + "m" + text + RESET : text;
  }

  /** ok green, info blue, warn yellow, error bold red. */
  String severity(String s) {
    return switch (s) {
      case "ok" -> paint("32", s);
      case "info" -> paint("34", s);
      case "warn" -> paint("33", s);
      case "error" -> paint("1;31", s);
      default -> s;
    };
  }

  /**
   * root magenta (the one that matters most), targets cyan, snapshot and timestamp blue,
   * delegations green.
   */
  String role(String role) {
    if (role.equals("root")) {
      return paint("35", role);
    }
    if (role.equals("targets")) {
      return paint("36", role);
    }
    if (role.startsWith("targets/")) {
      return paint("32", role);
    }
    return paint("34", role);
  }

  String dim(String text) {
    return paint("2", text);
  }

  /**
   * The text with every control character (C0, DEL, C1) replaced by '?': for text read from files,
   * which must not reach a terminal as escape sequences. The same string when there is none (the
   * common case, checked cheaply).
   */
  static String printable(String s) {
    return dev.trustkeys.core.Untrusted.printable(s);
  }

  /**
   * How many columns the text takes: its length without ANSI colour escapes (ESC [
   * digits/semicolons m).
   */
  static int width(String s) {
    if (s.indexOf('\u001b') < 0) {
      return s.length();
    }
    return strip(s).length();
  }

  /**
   * The text without ANSI colour escapes (ESC [ digits/semicolons m); other text is kept as it is.
   */
  static String strip(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\u001b' && i + 1 < s.length() && s.charAt(i + 1) == '[') {
        int j = i + 2;
        while (j < s.length() && (s.charAt(j) >= '0' && s.charAt(j) <= '9' || s.charAt(j) == ';')) {
          j++;
        }
        if (j < s.length() && s.charAt(j) == 'm') {
          i = j + 1;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    return sb.toString();
  }
}
