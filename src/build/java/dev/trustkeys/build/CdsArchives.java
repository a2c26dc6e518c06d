package dev.trustkeys.build;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Not for users, and not in {@code keys.jar}: the build runs this at package time (keys.xml,
 * execution {@code cds-archives}), after {@link CdsTraining} has run once per family of commands
 * with {@code -XX:DumpLoadedClassList}, to make each family's class-data-sharing archive from the
 * classes its training loaded: {@code target/keys.jsa}, {@code keys-list.jsa}, {@code
 * keys-sign.jsa} and {@code keys-net.jsa} ({@code -Xshare:dump}, a static archive).
 *
 * <p>A static archive holds the JDK's classes and keys' that the family loads, and nothing else,
 * where the JDK's default archive (about 1,300 classes, 13.5 MB) with a dynamic archive of keys'
 * classes on top held both layers in full. The JVM maps and relocates every archive it starts with
 * (at a random address), at a cost that grows with its size: {@code keys list} maps 6.8 MB instead
 * of 14.5 and starts about 20 ms sooner on the 2-core machine, {@code keys sign} 17 MB instead of
 * 21 (docs/performance.md). {@code keys.jsa}, for the commands no other family covers, also holds
 * every class of the JDK's default class list, so that an untrained command finds the JDK's core
 * classes in its archive as it would in the default one.
 *
 * <p>The archives are dumped side by side, each to {@code <name>.jsa.tmp}, renamed into place when
 * complete: a truncated archive crashes the JVM instead of being ignored. A family whose class list
 * is missing (its training failed) or whose dump fails gets no archive, with a warning, and never
 * fails the build: the archives are only an optimisation, and {@code bin/keys} runs without them
 * (the tests that start keys through it check that the archives exist and are used).
 *
 * <p>{@code CdsArchives TARGET_DIRECTORY}: the archives are made for the class path {@code
 * bin/keys} starts keys with, {@code -cp TARGET_DIRECTORY/keys.jar} (an archive is used only with
 * the class path it was made with), by the {@code java} it starts ({@link #runtimeJava}).
 */
public final class CdsArchives {
  private CdsArchives() {}

  /** The families, as named by their class lists and archives in the target directory. */
  private static final List<String> FAMILIES =
      List.of("keys", "keys-list", "keys-sign", "keys-net");

  /** The family whose archive also holds the JDK's default class list. */
  private static final String GENERAL = "keys";

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CdsArchives TARGET_DIRECTORY");
    }
    Path target = Path.of(args[0]).toAbsolutePath();
    Path mavens = Path.of(System.getProperty("java.home"), "bin", "java");
    Path java = runtimeJava(System.getenv("PATH"), mavens);
    if (!Files.isSameFile(java, mavens)) {
      System.err.println(
          "keys build: CDS archives made with "
              + java
              + ", the java bin/keys starts, not with Maven's "
              + mavens);
    }
    Path javaHome = java.toRealPath().getParent().getParent();
    // 1. the trainings, side by side: each family's class list
    List<Process> trainings = new ArrayList<>();
    for (String name : FAMILIES) {
      Files.deleteIfExists(target.resolve(name + ".jsa.tmp"));
      // an archive of an earlier build would be older than the jar, and bin/keys would not offer it
      Files.deleteIfExists(target.resolve(name + ".jsa"));
      Files.deleteIfExists(target.resolve(name + ".classlist"));
      trainings.add(start(training(java, target, name), target.resolve(name + ".training.log")));
    }
    for (int i = 0; i < FAMILIES.size(); i++) {
      String name = FAMILIES.get(i);
      int code = waitFor(trainings.get(i));
      if (code != 0) {
        System.err.println(
            "keys build: the CDS training of "
                + name
                + " failed (exit "
                + code
                + ", see "
                + target.resolve(name + ".training.log")
                + ")");
      }
    }
    // 2. the archives, side by side, from the lists
    List<String> names = new ArrayList<>();
    List<Process> dumps = new ArrayList<>();
    for (String name : FAMILIES) {
      Path classes = target.resolve(name + ".classlist");
      if (!Files.isRegularFile(classes)) {
        System.err.println(
            "keys build: no class list " + classes + ": no " + target.resolve(name + ".jsa"));
        continue;
      }
      classes =
          dumpList(
              classes,
              name.equals(GENERAL) ? javaHome.resolve("lib").resolve("classlist") : null,
              target.resolve(name + ".dump.classlist"));
      names.add(name);
      dumps.add(
          start(
              List.of(
                  java.toString(),
                  "-XX:+UseSerialGC",
                  "-Xshare:dump",
                  "-XX:SharedClassListFile=" + classes,
                  "-XX:SharedArchiveFile=" + target.resolve(name + ".jsa.tmp"),
                  "-cp",
                  target.resolve("keys.jar").toString()),
              target.resolve(name + ".dump.log")));
    }
    for (int i = 0; i < dumps.size(); i++) {
      String name = names.get(i);
      int code = waitFor(dumps.get(i));
      Path tmp = target.resolve(name + ".jsa.tmp");
      if (code != 0 || !Files.isRegularFile(tmp)) {
        Files.deleteIfExists(tmp);
        System.err.println(
            "keys build: the CDS archive "
                + name
                + ".jsa could not be made (exit "
                + code
                + ", see "
                + target.resolve(name + ".dump.log")
                + "): keys starts without it");
        continue;
      }
      Files.move(tmp, target.resolve(name + ".jsa"), StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * The command line of family {@code name}'s training: {@link CdsTraining} in a JVM that writes
   * the names of the classes it loads ({@code -Xshare:off}: every class is loaded, none taken from
   * an archive), with the garbage collector and, for the listing, the compiler level {@code
   * bin/keys} gives the family's commands. The training's classes come from {@code
   * cds-training.jar}, after {@code keys.jar}.
   */
  private static List<String> training(Path java, Path target, String name) {
    List<String> line = new ArrayList<>();
    line.add(java.toString());
    line.add("-Xshare:off");
    line.add("-XX:DumpLoadedClassList=" + target.resolve(name + ".classlist"));
    line.add("-XX:+UseSerialGC");
    if (name.equals("keys-list")) {
      line.add("-XX:TieredStopAtLevel=1");
    }
    line.add("-cp");
    line.add(target.resolve("keys.jar") + File.pathSeparator + target.resolve("cds-training.jar"));
    line.add(CdsTraining.class.getName());
    switch (name) {
      case "keys-list":
        line.add("list");
        line.add(target.resolve("cds-training-list").toString());
        break;
      case "keys-sign":
        line.add("sign");
        break;
      case "keys-net":
        line.add("network");
        break;
      default:
        break;
    }
    return line;
  }

  private static Process start(List<String> command, Path log) throws IOException {
    ProcessBuilder b = new ProcessBuilder(command);
    b.redirectErrorStream(true);
    b.redirectOutput(log.toFile());
    return b.start();
  }

  /** The exit code; a JVM that has not ended after ten minutes is stopped (exit code -1). */
  private static int waitFor(Process p) throws InterruptedException {
    if (p.waitFor(10, TimeUnit.MINUTES)) {
      return p.exitValue();
    }
    p.destroyForcibly().waitFor();
    return -1;
  }

  /**
   * The {@code java} to dump the archives with: the one {@code bin/keys} starts, the first {@code
   * java} on {@code path} (as the shell finds it), else {@code fallback} (the build's own). A JVM
   * uses only an archive its own JDK made, and refuses a static archive of another whole: the
   * command then starts with no archive at all (about 80 ms slower), where a refused dynamic
   * archive still left the JDK's default one. Maven runs with {@code JAVA_HOME} when it is set,
   * which may be another JDK than the {@code java} on the path.
   */
  static Path runtimeJava(String path, Path fallback) {
    if (path != null) {
      for (String dir : path.split(File.pathSeparator, -1)) {
        Path candidate = Path.of(dir.isEmpty() ? "." : dir, "java");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate.toAbsolutePath();
        }
      }
    }
    return fallback;
  }

  /**
   * What a family's archive holds: the classes its training loaded ({@code trained}), without the
   * training's own (its classes and the local HTTPS server it runs for the network commands, which
   * no command of keys loads), followed by the JDK's default class list {@code jdkList} if given
   * and present; each line once. Written to {@code out}.
   */
  private static Path dumpList(Path trained, Path jdkList, Path out) throws IOException {
    Set<String> lines = new LinkedHashSet<>();
    for (String line : Files.readAllLines(trained, StandardCharsets.UTF_8)) {
      if (!isTrainingOnly(line)) {
        lines.add(line);
      }
    }
    if (jdkList != null && Files.isRegularFile(jdkList)) {
      lines.addAll(Files.readAllLines(jdkList, StandardCharsets.UTF_8));
    }
    Files.write(out, lines, StandardCharsets.UTF_8);
    return out;
  }

  private static boolean isTrainingOnly(String line) {
    // a class ("a/b/C"), or a lambda of one ("@lambda-proxy a/b/C ...")
    String c = line.startsWith(LAMBDA) ? line.substring(LAMBDA.length()) : line;
    return c.startsWith("dev/trustkeys/build/")
        || c.startsWith("com/sun/net/httpserver/")
        || c.startsWith("sun/net/httpserver/");
  }

  private static final String LAMBDA = "@lambda-proxy ";
}
