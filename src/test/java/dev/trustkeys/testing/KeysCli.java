package dev.trustkeys.testing;

import dev.trustkeys.cli.TestMain;
import dev.trustkeys.core.secret.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code keys} in-process with an explicit environment and a scripted, non-echoing terminal.
 */
public final class KeysCli {
  private final Path trustDir;
  private final Map<String, String> env;
  private final int kdfIterations;

  public record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
  }

  /**
   * keys as shipped: new key files at 600,000 PBKDF2 iterations, unless the test JVM sets the test
   * entry point's {@code keys.kdf.iterations} (as a test class does in its {@code @BeforeAll}, for
   * speed; see {@link TestMain}).
   */
  public KeysCli(Path trustDir, Map<String, String> env) {
    this(trustDir, env, Integer.getInteger("keys.kdf.iterations", 600_000));
  }

  private KeysCli(Path trustDir, Map<String, String> env, int kdfIterations) {
    this.trustDir = trustDir;
    Map<String, String> e = new java.util.HashMap<>(env);
    // never a real YubiKey behind the system pcscd
    e.putIfAbsent("PCSCLITE_CSOCK_NAME", "/nonexistent/keys-tests-use-no-real-pcscd");
    this.env = Map.copyOf(e);
    this.kdfIterations = kdfIterations;
  }

  /**
   * The same, with new key files at {@code n} iterations (at least 2,048): for tests that make many
   * keys.
   */
  public KeysCli kdfIterations(int n) {
    return new KeysCli(trustDir, env, n);
  }

  public Result run(String... args) {
    return runAnswering(null, args);
  }

  /**
   * Runs with an interactive terminal that answers each readLine with the next of {@code answers};
   * the question and the answer are written to standard error, as a terminal shows them.
   */
  public Result runAnswering(List<String> answers, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> argv = new ArrayList<>(List.of("-d", trustDir.toString()));
    argv.addAll(List.of(args));
    Deque<String> queue = answers == null ? null : new ArrayDeque<>(answers);
    Terminal t =
        new Terminal() {
          @Override
          public boolean interactive() {
            return queue != null;
          }

          @Override
          public char[] readSecret(String prompt) {
            return null;
          }

          @Override
          public String readLine(String prompt) {
            String answer = queue == null || queue.isEmpty() ? null : queue.poll();
            err.write(
                prompt
                    + (answer == null ? "" : answer)
                    + "\n"); // as a terminal shows a question and its answer
            return answer;
          }

          @Override
          public void say(String message) {
            err.write(message + "\n");
          }
        };
    int code =
        TestMain.run(
            argv.toArray(new String[0]),
            new PrintWriter(out),
            new PrintWriter(err),
            env,
            t,
            kdfIterations);
    return new Result(code, out.toString(), err.toString());
  }
}
