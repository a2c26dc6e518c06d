package dev.trustkeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout shows the architecture: cli → (backend.*, tuf, ceremony, backup, notary) → core. core
 * knows no back end; a back end knows no CLI; nothing imports cli. Checked by scanning the imports
 * of every main source file. The simulator is a module of its own (simulator/): Maven keeps it out
 * of keys's main code (a test dependency) and keys out of it (not a dependency at all).
 */
class ArchitectureTest {
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?dev\\.trustkeys\\.([a-z0-9_.]+)\\.[A-Z]", Pattern.MULTILINE);
  private static final Pattern QUALIFIED =
      Pattern.compile("dev\\.trustkeys\\.([a-z0-9_]+(?:\\.[a-z0-9_]+)*)\\.[A-Z]");

  /** For each package prefix, the prefixes it must not depend on. */
  private static final Map<String, List<String>> FORBIDDEN =
      Map.of(
          "core",
              List.of(
                  "cli",
                  "backend",
                  "tuf",
                  "ceremony",
                  "backup",
                  "notary",
                  "registry",
                  "metadata",
                  "tuf1"),
          "registry",
              List.of(
                  "cli",
                  "backend",
                  "tuf",
                  "ceremony",
                  "backup",
                  "notary",
                  "doctor",
                  "metadata",
                  "tuf1"),
          // the dialect seam knows only core; each dialect knows the seam and core, never another
          // dialect
          "metadata",
              List.of(
                  "cli",
                  "backend",
                  "tuf",
                  "tuf1",
                  "ceremony",
                  "backup",
                  "notary",
                  "registry",
                  "doctor"),
          "tuf1",
              List.of(
                  "cli", "backend", "tuf", "ceremony", "backup", "notary", "registry", "doctor"),
          "backend", List.of("cli", "tuf", "ceremony", "backup", "notary", "metadata", "tuf1"),
          "tuf", List.of("cli", "backend", "ceremony", "backup", "tuf1"),
          "notary", List.of("cli", "backend", "ceremony", "backup"),
          "ceremony", List.of("cli", "backup"),
          "backup", List.of("cli", "tuf", "ceremony", "notary", "tuf1"));

  @Test
  void dependenciesPointOneWay() throws IOException {
    Path root = Path.of("src/main/java/dev/trustkeys");
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
        String top = pkg.contains(".") ? pkg.substring(0, pkg.indexOf('.')) : pkg;
        String src = Files.readString(f);
        List<String> used = new ArrayList<>();
        Matcher m = IMPORT.matcher(src);
        while (m.find()) {
          used.add(m.group(1));
        }
        Matcher q = QUALIFIED.matcher(src.replaceAll("(?m)^(package|import) .*$", ""));
        while (q.find()) {
          used.add(q.group(1));
        }
        for (String u : used) {
          String uTop = u.contains(".") ? u.substring(0, u.indexOf('.')) : u;
          if (FORBIDDEN.getOrDefault(top, List.of()).contains(uTop)) {
            violations.add(f + " (" + pkg + ") uses " + u);
          }
          if (top.equals("backend")
              && uTop.equals("backend")
              && !samePart(pkg, u)
              && !u.equals("backend")) {
            // back ends may use each other only through core, except the YubiKey back end, which
            // builds on PKCS#11 and keeps its backup copies in the file store.
            if (!pkg.startsWith("backend.yubikey")) {
              violations.add(f + " (" + pkg + ") uses another back end: " + u);
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  private static boolean samePart(String a, String b) {
    String[] pa = a.split("\\.");
    String[] pb = b.split("\\.");
    return pa.length > 1 && pb.length > 1 && pa[1].equals(pb[1]);
  }

  /**
   * One place knows the back ends: each is made by its {@code BackendProvider} in {@code
   * backend.*}, and the {@code core.Keyring} built from the providers by the composition root
   * ({@code cli.Context}) is how everything else reaches keys. Nothing outside {@code backend.*}
   * constructs a back end (a class implementing KeyBackend), and only the composition root
   * constructs a Keyring.
   */
  @Test
  void backEnds_areMadeByTheirProviders_andReachedThroughTheKeyring() throws IOException {
    Path root = Path.of("src/main/java/dev/trustkeys");
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
    }
    List<String> backEnds = new ArrayList<>();
    Pattern implementsBackend = Pattern.compile("class (\\w+)[^{]*implements[^{]*\\bKeyBackend\\b");
    for (Path f : sources) {
      Matcher m = implementsBackend.matcher(Files.readString(f));
      while (m.find()) {
        backEnds.add(m.group(1));
      }
    }
    assertEquals(
        List.of("AbsentToken", "KeyFileStore", "Pkcs11Backend", "YubiKeyBackend"),
        backEnds.stream().sorted().toList(),
        "the back ends this rule knows of");
    List<String> violations = new ArrayList<>();
    for (Path f : sources) {
      String pkg = root.relativize(f.getParent()).toString().replace('/', '.');
      String src = Files.readString(f);
      if (!pkg.startsWith("backend")) {
        for (String b : backEnds) {
          if (src.contains("new " + b + "(")) {
            violations.add(f + " constructs a back end: " + b);
          }
        }
      }
      if (src.contains("new Keyring(")
          && !f.endsWith("cli/Context.java")
          && !f.endsWith("core/Keyring.java")) {
        violations.add(f + " builds a keyring: only the composition root (cli.Context) does");
      }
    }
    assertEquals(List.of(), violations);
  }

  /**
   * The command line does not reach into the back ends' machinery: it loads no PKCS#11 module and
   * probes for no YubiKey itself (the providers do, once per command), and it never tells back ends
   * apart by class.
   */
  @Test
  void cli_doesNotReachIntoBackEndInternals() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/dev/trustkeys/cli"))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        String src = Files.readString(f);
        for (String internal :
            List.of(
                "Pkcs11Module.open(",
                "YubiKeys.probe(",
                "new ModuleLocator(",
                "instanceof KeyFileStore",
                "instanceof Pkcs11Backend",
                "instanceof YubiKeyBackend",
                "instanceof dev.trustkeys.backend")) {
          if (src.contains(internal)) {
            violations.add(f + ": " + internal);
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  // No library string names a flag or a command line of keys: cli.LibraryMessagesTest (it needs
  // the command line's picocli model, so it lives in cli).
}
