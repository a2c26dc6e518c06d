package dev.trustkeys.tuf1;

import dev.trustkeys.metadata.MetadataFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One entry of a targets role's {@code delegations.roles}: the delegated role, its keys and
 * threshold, whether it is terminating, and which target paths it may sign: glob {@code paths} or
 * {@code path_hash_prefixes}.
 */
public record Delegation(
    String name,
    RoleKeys keys,
    boolean terminating,
    List<String> paths,
    List<String> pathHashPrefixes) {

  static Delegation read(Map<String, Object> m, String where) throws MetadataFormatException {
    String name = Fields.string(m, "name", where);
    String w = where + " '" + name + "'";
    boolean hasPaths = m.containsKey("paths");
    boolean hasPrefixes = m.containsKey("path_hash_prefixes");
    if (hasPaths == hasPrefixes) {
      throw new MetadataFormatException(
          w + " must have exactly one of paths and path_hash_prefixes");
    }
    return new Delegation(
        name,
        RoleKeys.read(m, w),
        m.containsKey("terminating") && Fields.bool(m, "terminating", w),
        hasPaths ? Fields.strings(m, "paths", w) : List.of(),
        hasPrefixes ? Fields.strings(m, "path_hash_prefixes", w) : List.of());
  }

  /**
   * Whether the role may sign {@code targetPath}: a {@code paths} pattern matches segment by
   * segment ({@code *} never crosses a {@code /}, as python-tuf and tuf-js match), or the SHA-256
   * of the path starts with a prefix.
   */
  public boolean covers(String targetPath) {
    for (String p : paths) {
      if (globMatches(p, targetPath)) {
        return true;
      }
    }
    if (!pathHashPrefixes.isEmpty()) {
      String h = Tuf1Dialect.sha256Hex(targetPath.getBytes(StandardCharsets.UTF_8));
      for (String prefix : pathHashPrefixes) {
        if (h.startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean globMatches(String pattern, String path) {
    String[] ps = pattern.split("/", -1);
    String[] ts = path.split("/", -1);
    if (ps.length != ts.length) {
      return false;
    }
    for (int i = 0; i < ps.length; i++) {
      if (!fnmatch(ps[i], 0, ts[i], 0)) {
        return false;
      }
    }
    return true;
  }

  /** Python's fnmatch over one segment: {@code *}, {@code ?}, {@code [set]} and {@code [!set]}. */
  private static boolean fnmatch(String p, int pi, String s, int si) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = si; k <= s.length(); k++) {
          if (fnmatch(p, pi + 1, s, k)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length()) {
        return false;
      }
      if (c == '[') {
        int end = p.indexOf(']', pi + 2);
        if (end > 0) {
          boolean negate = p.charAt(pi + 1) == '!';
          String set = p.substring(pi + (negate ? 2 : 1), end);
          if (inSet(set, s.charAt(si)) == negate) {
            return false;
          }
          pi = end + 1;
          si++;
          continue;
        }
      }
      if (c != '?' && c != s.charAt(si)) {
        return false;
      }
      pi++;
      si++;
    }
    return si == s.length();
  }

  private static boolean inSet(String set, char ch) {
    for (int i = 0; i < set.length(); i++) {
      if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
        if (ch >= set.charAt(i) && ch <= set.charAt(i + 2)) {
          return true;
        }
        i += 2;
      } else if (set.charAt(i) == ch) {
        return true;
      }
    }
    return false;
  }
}
