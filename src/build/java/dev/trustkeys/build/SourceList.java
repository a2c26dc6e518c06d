package dev.trustkeys.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * Not for users, and not in {@code keys.jar}: the build runs this at package time (keys.xml,
 * execution {@code source-list}), before it writes {@code target/keys.stamp}, to list what {@code
 * bin/keys} compares with the stamp to tell a stale build: every file and directory under {@code
 * src/main}, {@code src/build} and {@code native-config} (but an editor's litter), and {@code
 * pom.xml} and {@code keys.xml}. A file edited since the build is newer than the stamp; a file
 * added, removed or renamed makes its directory newer. {@code bin/keys} reads the list with the
 * shell's {@code .} (no process), so it is written as one assignment: {@code keys_sources='<one
 * path per line>'}, relative to the checkout, single quotes escaped.
 *
 * <p>{@code SourceList BASEDIR OUTPUT_FILE}
 */
public final class SourceList {
  static final List<String> TREES = List.of("src/main", "src/build", "native-config");
  static final List<String> FILES = List.of("pom.xml", "keys.xml");

  private SourceList() {}

  public static void main(String[] args) throws IOException {
    Path base = Path.of(args[0]);
    Path out = Path.of(args[1]);
    write(out, script(paths(base)));
  }

  /** The watched paths under {@code base}, relative to it, sorted. */
  static List<String> paths(Path base) throws IOException {
    List<String> paths = new ArrayList<>();
    for (String tree : TREES) {
      Path root = base.resolve(tree);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          if (!isEditorLitter(root.relativize(p))) {
            paths.add(base.relativize(p).toString());
          }
        }
      }
    }
    for (String file : FILES) {
      if (Files.exists(base.resolve(file))) {
        paths.add(file);
      }
    }
    Collections.sort(paths);
    return paths;
  }

  /**
   * Hidden files and directories (as the bash glob before this list skipped them; an editor's swap
   * file, {@code .X.java.swp}, is rewritten every few seconds while its file is open), backups
   * ({@code X~}) and autosaves ({@code #X#}, which Maven's default excludes leave out of the
   * build): not watched, or an open editor would make every command build again. Creating one still
   * changes its directory's time: one build.
   */
  static boolean isEditorLitter(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("#") || name.endsWith("~")) {
        return true;
      }
    }
    return false;
  }

  /** The shell assignment {@code bin/keys} sources. */
  static String script(List<String> paths) {
    StringBuilder sb =
        new StringBuilder(
            "# written by the build (keys.xml, source-list) for bin/keys\nkeys_sources='");
    for (String p : paths) {
      if (p.indexOf('\n') >= 0 || p.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(
            "a file name holds a line break, which bin/keys cannot watch: rename " + p.strip());
      }
      sb.append(p.replace("'", "'\\''")).append('\n');
    }
    return sb.append("'\n").toString();
  }

  private static void write(Path out, String text) throws IOException {
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp"); // mode as the umask says
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
