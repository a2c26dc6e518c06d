package dev.trustkeys.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code keys} (the jar, through the test entry point: new keys at 2,048 PBKDF2 iterations,
 * and {@code -Dkeys.fault} checkpoints) as a child process, under a chosen umask, as a user would.
 */
final class Jar {
  record Result(int code, String out, String err) {}

  private Jar() {}

  static Path jar() {
    Path p = Path.of(System.getProperty("keys.jar", "target/keys.jar"));
    if (!Files.exists(p)) {
      throw new IllegalStateException(p + " is missing: run 'mvn verify'");
    }
    return p;
  }

  static ProcessBuilder builder(
      Path cwd, String umask, List<String> jvm, Map<String, String> env, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of("sh", "-c", "umask " + umask + "; exec \"$0\" \"$@\""));
    cmd.addAll(java(jvm, args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment()
        .keySet()
        .removeIf(k -> k.startsWith("NOTARY_") || k.startsWith("DOCKER_") || k.startsWith("KEYS_"));
    pb.environment().putAll(env);
    return pb;
  }

  /**
   * The java command line that runs keys with {@code args} (for tests that wrap it in another
   * command).
   */
  static List<String> java(List<String> jvm, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.add("-Dkeys.kdf.iterations=2048");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    cmd.addAll(jvm);
    cmd.addAll(
        List.of(
            "-cp",
            jar().toAbsolutePath()
                + java.io.File.pathSeparator
                + jar().toAbsolutePath().resolveSibling("test-classes"),
            "dev.trustkeys.cli.TestMain"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static Result run(
      Path cwd, String umask, List<String> jvm, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Process p =
        builder(cwd, umask, jvm, env, args)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    var err = new java.util.concurrent.CompletableFuture<String>();
    Thread t =
        new Thread(
            () -> {
              try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                err.complete("");
              }
            });
    t.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("keys " + String.join(" ", args) + " did not finish");
    }
    t.join();
    return new Result(p.exitValue(), out, err.join());
  }

  static Result run(Path cwd, String... args) throws IOException, InterruptedException {
    return run(cwd, "077", List.of(), Map.of(), args);
  }

  /**
   * Starts keys with {@code -Dkeys.fault=pause:POINT}, waits until it pauses there, and kills it
   * with SIGKILL.
   */
  static int killAt(Path cwd, String point, String... args)
      throws IOException, InterruptedException {
    Process p =
        builder(cwd, "077", List.of("-Dkeys.fault=pause:" + point), Map.of(), args)
            .redirectErrorStream(true)
            .start();
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      seen.append(line).append('\n');
      if (line.equals("keys: paused at " + point)) {
        p.destroyForcibly(); // SIGKILL on Unix
        p.waitFor(60, TimeUnit.SECONDS);
        return p.exitValue();
      }
    }
    p.waitFor(60, TimeUnit.SECONDS);
    throw new AssertionError("keys never reached " + point + ": " + seen);
  }
}
