package dev.trustkeys.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/keys} itself, run by /bin/sh in a checkout of its own (a copy of the launcher, a
 * source tree, and a target/ as a build leaves it, with the list {@link SourceList} writes), with a
 * {@code java} and an {@code mvn} on the PATH that record how they were called: when it builds
 * again (and says why), and the command line it gives the JVM.
 */
class LauncherTest {
  private static final Instant BUILT = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path tmp;
  private Path checkout;
  private Path tools;

  @BeforeEach
  void checkout() throws IOException {
    checkout = tmp.resolve("check out");
    Path bin = Files.createDirectories(checkout.resolve("bin"));
    Files.copy(Path.of("bin/keys"), bin.resolve("keys"));
    for (String f :
        List.of(
            "src/main/java/dev/A.java",
            "src/main/java/dev/it's here.java",
            "src/main/java/dev/.A.java.swp",
            "src/main/java/dev/A.java~",
            "src/build/java/B.java",
            "native-config/x.json",
            "pom.xml",
            "keys.xml")) {
      Path p = checkout.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x");
    }
    Path target = Files.createDirectories(checkout.resolve("target"));
    Files.writeString(target.resolve("keys.jar"), "jar");
    Files.writeString(target.resolve("keys-list.jsa"), "jsa");
    Files.writeString(target.resolve("keys-sign.jsa"), "jsa");
    Files.writeString(target.resolve("keys.jsa"), "jsa");
    Files.writeString(
        target.resolve("keys.sources"), SourceList.script(SourceList.paths(checkout)));
    Files.writeString(target.resolve("keys.stamp"), "");
    try (var s = Files.walk(checkout)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Files.setLastModifiedTime(p, FileTime.from(BUILT.minusSeconds(60)));
      }
    }
    Files.setLastModifiedTime(target.resolve("keys.stamp"), FileTime.from(BUILT));
    tools = Files.createDirectories(tmp.resolve("tools"));
    tool("java", "for a in \"$@\"; do printf '%s\\n' \"$a\"; done");
    tool("mvn", "printf '%s\\n' \"$PWD\" >> '" + tmp.resolve("mvn.log") + "'");
  }

  private void tool(String name, String body) throws IOException {
    Path p = tools.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** What one run printed and returned. */
  private record Run(int exit, List<String> javaArgs, String err, boolean built) {}

  private Run keys(Path launcher, String javaOpts, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", launcher.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PATH", tools + ":/usr/bin:/bin");
    pb.environment().remove("KEYS_JAVA_OPTS");
    if (javaOpts != null) {
      pb.environment().put("KEYS_JAVA_OPTS", javaOpts);
    }
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    Path log = tmp.resolve("mvn.log");
    boolean built = Files.exists(log);
    Files.deleteIfExists(log);
    return new Run(p.exitValue(), out.isEmpty() ? List.of() : List.of(out.split("\n")), err, built);
  }

  private Run keys(String... args) throws Exception {
    return keys(checkout.resolve("bin/keys"), null, args);
  }

  private void touch(String file) throws IOException {
    Files.setLastModifiedTime(checkout.resolve(file), FileTime.from(BUILT.plusMillis(1)));
  }

  @Test
  void upToDate_runsTheJarWithTheCommandsArchive_argumentsAsGiven() throws Exception {
    Run r = keys("-d", "/tmp/a dir", "list", "example.com/a b");
    assertFalse(r.built(), r.err());
    assertEquals("", r.err());
    String target = checkout + "/bin/../target/";
    assertTrue(
        r.javaArgs().contains("-XX:SharedArchiveFile=" + target + "keys-list.jsa"), r.toString());
    assertTrue(r.javaArgs().contains("-XX:TieredStopAtLevel=1"), r.toString());
    int main = r.javaArgs().indexOf("dev.trustkeys.cli.Main");
    assertEquals(target + "keys.jar", r.javaArgs().get(main - 1));
    assertEquals(
        List.of("-d", "/tmp/a dir", "list", "example.com/a b"),
        r.javaArgs().subList(main + 1, r.javaArgs().size()));

    Run sign = keys("--trust-dir", "list", "sign", "abc");
    assertTrue(sign.javaArgs().contains("-XX:SharedArchiveFile=" + target + "keys-sign.jsa"));
    assertFalse(sign.javaArgs().contains("-XX:TieredStopAtLevel=1"), "only listings stop at C1");
  }

  @Test
  void aFileEditedInPlace_buildsAgainAndSaysWhich() throws Exception {
    touch("src/main/java/dev/it's here.java");
    Run r = keys("list");
    assertTrue(r.built());
    assertTrue(
        r.err().startsWith("keys: src/main/java/dev/it's here.java changed since the last build"),
        r.err());
    assertTrue(r.javaArgs().contains("list"), "then runs the command");
  }

  @Test
  void aFileAddedOrRemoved_buildsAgain_byItsDirectory() throws Exception {
    Files.writeString(checkout.resolve("native-config/new.json"), "{}");
    assertTrue(keys("list").built(), "a file added");
    Files.setLastModifiedTime(
        checkout.resolve("native-config"), FileTime.from(BUILT.minusSeconds(1)));
    Files.setLastModifiedTime(
        checkout.resolve("native-config/new.json"), FileTime.from(BUILT.minusSeconds(1)));
    assertFalse(keys("list").built(), "older than the stamp again");
    Files.delete(checkout.resolve("src/build/java/B.java"));
    Run r = keys("list");
    assertTrue(r.built(), "a file removed");
    assertTrue(r.err().contains("src/build/java changed since the last build"), r.err());
  }

  @Test
  void anEditorsSwapFileOrBackup_isNotWatched() throws Exception {
    assertFalse(Files.readString(checkout.resolve("target/keys.sources")).contains(".swp"));
    touch("src/main/java/dev/.A.java.swp");
    touch("src/main/java/dev/A.java~");
    Run r = keys("list");
    assertFalse(r.built(), r.err());
  }

  @Test
  void thePomsAndTheDirectoriesAreWatched() throws Exception {
    touch("keys.xml");
    assertTrue(keys("list").built());
    Files.setLastModifiedTime(checkout.resolve("keys.xml"), FileTime.from(BUILT.minusSeconds(1)));
    touch("pom.xml");
    assertTrue(keys("list").built());
  }

  @Test
  void noListOrStampOrJar_buildsAgain() throws Exception {
    Files.delete(checkout.resolve("target/keys.sources"));
    Run r = keys("list");
    assertTrue(r.built());
    assertTrue(r.err().startsWith("keys: no complete build in target/"), r.err());
    Files.delete(checkout.resolve("target/keys.jar"));
    assertTrue(keys("list").err().startsWith("keys: building on first use"));
  }

  @Test
  void throughASymlink_findsTheCheckout() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("keys-link"), checkout.resolve("bin/keys"));
    Run r = keys(link, null, "list");
    assertFalse(r.built(), r.err());
    assertTrue(r.javaArgs().contains(checkout + "/bin/../target/keys.jar"), r.toString());
  }

  /**
   * Transparent huge pages are asked for exactly where this kernel gives them on request, and
   * KEYS_JAVA_OPTS comes after, so that it can turn them off.
   */
  @Test
  void hugePages_whereTheKernelGivesThem_andKeysJavaOptsCanTurnThemOff() throws Exception {
    Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    String mode = Files.isReadable(setting) ? Files.readString(setting) : "";
    boolean offered = mode.contains("[madvise]") || mode.contains("[always]");
    Run r = keys(checkout.resolve("bin/keys"), "-XX:-UseTransparentHugePages", "sign", "abc");
    int on = r.javaArgs().indexOf("-XX:+UseTransparentHugePages");
    assertEquals(offered, on >= 0, "kernel setting '" + mode.strip() + "': " + r);
    if (offered) {
      assertTrue(on < r.javaArgs().indexOf("-XX:-UseTransparentHugePages"), r.toString());
    }
  }

  @Test
  void javaOptionsAreSplit_andTheWeakeningOnesRefused() throws Exception {
    Path launcher = checkout.resolve("bin/keys");
    Run r = keys(launcher, "-Xmx256m -Dfoo=bar", "list");
    assertTrue(r.javaArgs().contains("-Xmx256m") && r.javaArgs().contains("-Dfoo=bar"));
    Run refused = keys(launcher, "-Xmx256m -Dkeys.kdf.iterations=1", "list");
    assertEquals(2, refused.exit());
    assertTrue(refused.err().startsWith("keys: KEYS_JAVA_OPTS sets -Dkeys.kdf.*"), refused.err());
    assertEquals(List.of(), refused.javaArgs());
  }
}
