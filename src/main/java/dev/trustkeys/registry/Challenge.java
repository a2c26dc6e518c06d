package dev.trustkeys.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge (RFC 7235): a scheme ({@code bearer}, {@code basic}, lower
 * case) and its parameters ({@code realm}, {@code service}, {@code scope}, {@code error}).
 */
public record Challenge(String scheme, Map<String, String> params) {
  public Challenge {
    params = Map.copyOf(params);
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** Every challenge in the header values, in order; unparseable text is skipped. */
  public static List<Challenge> parse(List<String> headerValues) {
    List<Challenge> out = new ArrayList<>();
    for (String h : headerValues) {
      new Parser(h).challenges(out);
    }
    return out;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    void challenges(List<Challenge> out) {
      String scheme = token();
      while (scheme != null) {
        Map<String, String> params = new LinkedHashMap<>();
        String next = null;
        while (true) {
          skip();
          int mark = pos;
          String name = token();
          if (name == null) {
            break;
          }
          skipSpaces();
          if (pos < s.length() && s.charAt(pos) == '=') {
            pos++;
            skipSpaces();
            params.put(
                name.toLowerCase(Locale.ROOT),
                pos < s.length() && s.charAt(pos) == '"' ? quoted() : tokenOr());
          } else {
            pos = mark;
            next = token();
            break;
          }
        }
        out.add(new Challenge(scheme.toLowerCase(Locale.ROOT), params));
        scheme = next;
      }
    }

    private void skip() {
      while (pos < s.length()
          && (s.charAt(pos) == ',' || s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
        pos++;
      }
    }

    private void skipSpaces() {
      while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
        pos++;
      }
    }

    private String token() {
      skip();
      int start = pos;
      while (pos < s.length() && "\t ,=\"".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
      return pos > start ? s.substring(start, pos) : null;
    }

    private String tokenOr() {
      String t = token();
      return t == null ? "" : t;
    }

    private String quoted() {
      StringBuilder b = new StringBuilder();
      pos++;
      while (pos < s.length() && s.charAt(pos) != '"') {
        char c = s.charAt(pos++);
        if (c == '\\' && pos < s.length()) {
          c = s.charAt(pos++);
        }
        b.append(c);
      }
      pos++;
      return b.toString();
    }
  }
}
