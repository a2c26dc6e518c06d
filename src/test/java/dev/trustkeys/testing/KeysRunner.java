package dev.trustkeys.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code keys} (the packaged jar) or another command as a child process with a controlled
 * environment, no standard input and a time limit, and captures what it prints. With a test knob
 * ({@link #fastKdf}, {@link #fault}) the child runs the test entry point {@code
 * dev.trustkeys.cli.TestMain} (the jar plus the test classes), since {@code keys} itself accepts no
 * such knob; without one, the jar as shipped ({@code java -jar}).
 */
public final class KeysRunner {
  private static final long TIMEOUT_SECONDS = 120;
  private final Map<String, String> env = new HashMap<>();
  private final List<String> jvmOptions = new ArrayList<>();
  private String umask;
  private boolean testEntry;

  public KeysRunner() {
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", System.getProperty("java.io.tmpdir"));
    env.put("LANG", "C.UTF-8");
    // never a real YubiKey behind the system pcscd: YubiKey tests set the virtual one's socket
    // explicitly
    env.put("PCSCLITE_CSOCK_NAME", "/nonexistent/keys-tests-use-no-real-pcscd");
  }

  /** The packaged jar (failsafe passes its path; falls back to target/keys.jar). */
  public static Path jar() {
    return Path.of(System.getProperty("keys.jar", "target/keys.jar")).toAbsolutePath();
  }

  /** The compiled test classes, next to the jar: where the test entry point lives. */
  public static Path testClasses() {
    return jar().resolveSibling("test-classes");
  }

  /**
   * The JVM arguments that start the test entry point with the jar's classes (its knobs go before
   * them).
   */
  public static List<String> testEntry() {
    return List.of(
        "-cp", jar() + java.io.File.pathSeparator + testClasses(), "dev.trustkeys.cli.TestMain");
  }

  public KeysRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  public KeysRunner jvm(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** Runs the child under {@code sh -c 'umask MASK; exec ...'}. */
  public KeysRunner umask(String mask) {
    this.umask = mask;
    return this;
  }

  /**
   * A fast KDF for tests that make many keys: new key files at Notary's 2,048 iterations (keys:
   * 600,000).
   */
  public KeysRunner fastKdf() {
    testEntry = true;
    return jvm("-Dkeys.kdf.iterations=2048");
  }

  /**
   * A fault at a checkpoint: {@code POINT} (halt), {@code fail:POINT}, {@code pause:POINT} (see
   * TestMain).
   */
  public KeysRunner fault(String spec) {
    testEntry = true;
    return jvm("-Dkeys.fault=" + spec);
  }

  public Result keys(String... args) {
    return run(keysCommand(args));
  }

  public Result command(String... cmd) {
    return run(List.of(cmd));
  }

  public Process start(List<String> cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(wrap(cmd));
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return pb.start();
  }

  public List<String> keysCommand(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // As bin/keys runs keys. -XX:-UsePerfData: no /tmp/hsperfdata_<user>/<pid> file, whose lock a
    // JVM
    // starting beside another can find taken (each JVM briefly locks the others' files to tell
    // stale
    // ones): it then warns on stderr, an extra line in a test that reads keys' errors (seen once in
    // ConcurrencyIT, which starts several at once).
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:-UsePerfData");
    cmd.addAll(jvmOptions);
    if (testEntry) {
      cmd.addAll(testEntry());
    } else {
      cmd.add("-jar");
      cmd.add(jar().toString());
    }
    cmd.addAll(List.of(args));
    return cmd;
  }

  public List<String> keysCommand(List<String> args) {
    return keysCommand(args.toArray(new String[0]));
  }

  private List<String> wrap(List<String> cmd) {
    if (umask == null) {
      return cmd;
    }
    List<String> w = new ArrayList<>(List.of("sh", "-c", "umask " + umask + "; exec \"$@\"", "sh"));
    w.addAll(cmd);
    return w;
  }

  private Result run(List<String> cmd) {
    try {
      Path out = Files.createTempFile("keys-out", ".txt");
      Path err = Files.createTempFile("keys-err", ".txt");
      try {
        ProcessBuilder pb = new ProcessBuilder(wrap(cmd));
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new AssertionError("timed out: " + cmd);
        }
        return new Result(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Generates a {@code targets/releases} key in {@code trust} at the tests' KDF cost, encrypted
   * with {@code passphrase}: its key ID.
   */
  public static String generateDelegationKey(Path trust, String passphrase) {
    Result g =
        new KeysRunner()
            .fastKdf()
            .env("NOTARY_DELEGATION_PASSPHRASE", passphrase)
            .keys("-d", trust.toString(), "generate", "--role", "targets/releases")
            .ok();
    Matcher m = Pattern.compile("\\b[0-9a-f]{64}\\b").matcher(g.out());
    if (!m.find()) {
      throw new AssertionError("no key ID in the output of keys generate: " + g.out());
    }
    return m.group();
  }

  /** What a child process did. */
  public record Result(int exitCode, String out, String err) {
    public Result expect(int code) {
      if (exitCode != code) {
        throw new AssertionError(
            "expected exit "
                + code
                + " but got "
                + exitCode
                + "\nstdout: "
                + out
                + "\nstderr: "
                + err);
      }
      return this;
    }

    public Result ok() {
      return expect(0);
    }
  }
}
