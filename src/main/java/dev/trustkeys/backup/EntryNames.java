package dev.trustkeys.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Entry names from untrusted archives, split into components. Refused: absolute paths, {@code ..}
 * and {@code .} components (a leading {@code ./} is allowed, as {@code tar -C dir .} writes it),
 * empty components, control characters and backslashes. Inside {@code private/} and {@code tuf/},
 * components are limited further to {@link #SAFE} (no leading dot: no hidden files, no temporary
 * files of a killed writer).
 */
final class EntryNames {
  /**
   * A component {@code keys} will create: letters, digits and {@code . _ - : @ +}, not starting
   * with a dot.
   */
  static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_:@+\\-][A-Za-z0-9._:@+\\-]{0,254}");

  private EntryNames() {}

  static List<String> components(String raw) throws ArchiveFormatException {
    if (raw.isEmpty()) {
      throw new ArchiveFormatException(raw, "an empty name");
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new ArchiveFormatException(raw, "a control character in the name");
      }
      if (c == '\\') {
        throw new ArchiveFormatException(raw, "a backslash in the name");
      }
    }
    if (raw.startsWith("/")) {
      throw new ArchiveFormatException(raw, "an absolute path");
    }
    String s = raw;
    while (s.startsWith("./")) {
      s = s.substring(2);
    }
    if (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    List<String> out = new ArrayList<>();
    if (s.isEmpty() || s.equals(".")) {
      return out;
    }
    for (String c : s.split("/", -1)) {
      if (c.equals("..")) {
        throw new ArchiveFormatException(raw, "a '..' component (path traversal)");
      }
      if (c.isEmpty() || c.equals(".")) {
        throw new ArchiveFormatException(
            raw, "an empty or '.' component in the middle of the name");
      }
      out.add(c);
    }
    return out;
  }

  static boolean allSafe(List<String> comps, int from) {
    for (int i = from; i < comps.size(); i++) {
      if (!SAFE.matcher(comps.get(i)).matches()) {
        return false;
      }
    }
    return true;
  }

  static String join(List<String> comps, int from) {
    return String.join("/", comps.subList(from, comps.size()));
  }
}
