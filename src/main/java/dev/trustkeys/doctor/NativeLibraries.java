package dev.trustkeys.doctor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a shared library by its base name ({@code libykpiv}) in the usual library directories, and
 * tells its version from the name its links resolve to ({@code libykpiv.so.2 -> libykpiv.so.2.2.0}
 * is version 2.2.0). Never loads anything, so it is cheap enough for {@code keys --version}.
 */
public final class NativeLibraries {
  private static final Pattern VERSION =
      Pattern.compile("\\.so\\.(\\d+(?:\\.\\d+)*)$|\\.(\\d+(?:\\.\\d+)*)\\.dylib$");

  /** A library found on disk. */
  public record Found(Path path, String version) {
    /**
     * "2.2.0 (/usr/lib/x86_64-linux-gnu/libykpiv.so.2)", or just the path when the version is
     * unknown.
     */
    public String describe() {
      return version.isEmpty() ? path.toString() : version + " (" + path + ")";
    }
  }

  private NativeLibraries() {}

  /** The usual directories for this machine: Debian's multiarch one first. */
  public static List<Path> usualDirectories() {
    String arch = System.getProperty("os.arch", "");
    String triplet =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64-linux-gnu";
          case "aarch64", "arm64" -> "aarch64-linux-gnu";
          default -> arch + "-linux-gnu";
        };
    return List.of(
        Path.of("/usr/lib", triplet),
        Path.of("/usr/lib"),
        Path.of("/usr/lib64"),
        Path.of("/usr/local/lib"),
        Path.of("/opt/homebrew/lib"),
        Path.of("/Library/Yubico/lib"));
  }

  /**
   * The first {@code baseName.so*} (or {@code .dylib}) in {@code dirs}, preferring the name a
   * loader uses.
   */
  public static Optional<Found> find(String baseName, List<Path> dirs) {
    for (Path d : new LinkedHashSet<>(dirs)) {
      List<Path> candidates = new ArrayList<>();
      try (DirectoryStream<Path> ds =
          Files.newDirectoryStream(d, baseName + ".{so,so.*,dylib,*.dylib}")) {
        for (Path p : ds) {
          candidates.add(p);
        }
      } catch (IOException | RuntimeException e) {
        continue;
      }
      candidates.sort(
          (a, b) ->
              Integer.compare(
                  a.getFileName().toString().length(), b.getFileName().toString().length()));
      for (Path p : candidates) {
        if (Files.isRegularFile(p)) {
          return Optional.of(new Found(p, versionOf(p)));
        }
      }
    }
    return Optional.empty();
  }

  /** The version in the name {@code p} finally resolves to, or "". */
  public static String versionOf(Path p) {
    String best = versionIn(p.getFileName().toString());
    try {
      String real = versionIn(p.toRealPath().getFileName().toString());
      if (real.length() > best.length()) {
        best = real;
      }
    } catch (IOException e) {
      // keep the name's own version
    }
    return best;
  }

  static String versionIn(String name) {
    Matcher m = VERSION.matcher(name);
    if (!m.find()) {
      return "";
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  /**
   * Directories to search for a library that sits next to a module already found, then the usual
   * ones.
   */
  public static List<Path> near(Optional<Path> module) {
    Set<Path> dirs = new LinkedHashSet<>();
    module.map(Path::getParent).ifPresent(dirs::add);
    dirs.addAll(usualDirectories());
    return new ArrayList<>(dirs);
  }
}
