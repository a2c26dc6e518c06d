package dev.trustkeys.cli;

import dev.trustkeys.core.io.AtomicWrite.Checkpoint;
import dev.trustkeys.core.secret.CoreDumps;
import dev.trustkeys.core.secret.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The test entry point of {@code keys}: in the test sources only, never in the jar. It runs exactly
 * what {@link Main#main} runs, with the two knobs tests need given as system properties, which
 * {@code keys} itself never reads:
 *
 * <ul>
 *   <li>{@code -Dkeys.kdf.iterations=N}: new key files take N PBKDF2 iterations (at least 2,048)
 *       instead of 600,000, so that tests can make many keys;
 *   <li>{@code -Dkeys.fault=SPEC}: at the named checkpoint the process halts with exit 137 as if
 *       SIGKILLed there ({@code POINT}), an I/O error is raised there ({@code fail:POINT}), it
 *       prints {@code keys: paused at POINT} on standard error and waits to be killed ({@code
 *       pause:POINT}), it sleeps there ({@code sleep:MILLIS:POINT}), or it creates {@code
 *       DIR/reached} and waits until {@code DIR/go} exists ({@code await:DIR:POINT}: a test orders
 *       another process's work between the two), or it prints {@code keys: at POINT:
 *       dumpable=true|false} (whether the process may dump core) and goes on ({@code probe:POINT}).
 * </ul>
 *
 * <p>Run it as {@code java -cp target/keys.jar:target/test-classes dev.trustkeys.cli.TestMain
 * ARGS...}; in-process tests use {@link #run}.
 */
public final class TestMain {
  private TestMain() {}

  public static void main(String[] args) {
    System.exit(
        Main.runProcess(
            args,
            new Wiring(
                Integer.getInteger("keys.kdf.iterations", 600_000),
                new Faults(System.getProperty("keys.fault", "")))));
  }

  /** Runs one command line in-process with new key files at {@code kdfIterations} iterations. */
  public static int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Terminal terminal,
      int kdfIterations) {
    return Main.run(args, out, err, env, terminal, new Wiring(kdfIterations, Checkpoint.NONE));
  }

  /**
   * The checkpoints of {@code -Dkeys.fault}: halt, fail, pause, sleep, await or probe at one named
   * point.
   */
  static final class Faults implements Checkpoint {
    private final String spec;

    Faults(String spec) {
      this.spec = spec;
    }

    @Override
    public void reached(String point) throws IOException {
      if (spec.isEmpty()) {
        return;
      }
      if (spec.equals(point)) {
        Runtime.getRuntime().halt(137);
      }
      if (spec.equals("fail:" + point)) {
        throw new IOException("injected failure at " + point);
      }
      if (spec.equals("pause:" + point)) {
        System.err.println("keys: paused at " + point);
        System.err.flush();
        while (true) {
          sleep(60_000);
        }
      }
      if (spec.startsWith("sleep:") && spec.endsWith(":" + point)) {
        sleep(
            Long.parseLong(spec.substring("sleep:".length(), spec.length() - point.length() - 1)));
      }
      if (spec.equals("probe:" + point)) {
        System.err.println("keys: at " + point + ": dumpable=" + CoreDumps.dumpable());
        System.err.flush();
      }
      if (spec.startsWith("await:") && spec.endsWith(":" + point)) {
        Path dir = Path.of(spec.substring("await:".length(), spec.length() - point.length() - 1));
        Files.createFile(dir.resolve("reached"));
        while (!Files.exists(dir.resolve("go"))) {
          sleep(20);
        }
      }
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Runtime.getRuntime().halt(137);
      }
    }
  }
}
