package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Untrusted;
import dev.trustkeys.core.io.IoErrors;
import dev.trustkeys.core.secret.CoreDumps;
import dev.trustkeys.core.secret.Terminal;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Map;
import picocli.CommandLine;

/** The {@code keys} command-line entry point. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(runProcess(args, Wiring.STANDARD));
  }

  /**
   * What {@link #main} does, with the composition root's parameters given: the process's streams,
   * environment and terminal; core dumps off before anything but a listing runs. Only code passes
   * another {@link Wiring} (the test entry point): nothing on the command line or in the
   * environment can.
   */
  static int runProcess(String[] args, Wiring wiring) {
    PrintWriter out = new PrintWriter(StdoutWriter.stdout(), true);
    PrintWriter err = new PrintWriter(System.err, true);
    Map<String, String> env = System.getenv();
    Terminal terminal = Terminal.system();
    Integer fast = FastPath.run(args, out, err, env, terminal);
    if (fast != null) {
      return fast;
    }
    // Core dumps off before any secret is read or decrypted (docs/reliability.md). Binding the C
    // library through JNA takes tens of milliseconds, so it runs on a second thread while picocli
    // builds its model (which reads nothing secret); the command itself runs only once it is done
    // (docs/performance.md).
    Thread coreDumps = CoreDumps.disableInBackground();
    return runCommand(args, out, err, env, terminal, wiring, coreDumps);
  }

  /** Waits for {@code thread} to end, even if interrupted meanwhile (the interrupt is kept). */
  private static void awaitUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs one command line; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv(), Terminal.system());
  }

  /** Runs one command line with an explicit environment and terminal (for tests and embedding). */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Terminal terminal) {
    return run(args, out, err, env, terminal, Wiring.STANDARD);
  }

  /**
   * As {@link #run(String[], PrintWriter, PrintWriter, Map, Terminal)}, with the composition root's
   * parameters.
   */
  static int run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Terminal terminal,
      Wiring wiring) {
    Integer fast = FastPath.run(args, out, err, env, terminal);
    return fast != null ? fast : runCommand(args, out, err, env, terminal, wiring, null);
  }

  /**
   * Every command line but a listing: the signing commands' fast path ({@link FastCommands}) when
   * it takes the command line, else picocli. {@code before}: a thread the command waits for before
   * it runs (or null).
   */
  private static int runCommand(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Terminal terminal,
      Wiring wiring,
      Thread before) {
    FastCommands.Grammar grammar = FastCommands.grammar();
    FastCommands.Parsed parsed = grammar == null ? null : FastCommands.parse(grammar, args);
    if (parsed == null) {
      return runPicocli(args, out, err, env, terminal, wiring, before);
    }
    KeysCommand root = new KeysCommand(env, terminal, wiring, out, err);
    java.util.concurrent.Callable<Integer> command = FastCommands.instantiate(parsed, root);
    if (before != null) {
      awaitUninterruptibly(before);
    }
    try {
      return command.call();
    } catch (Exception e) {
      return report(e, root.verbose(), err);
    }
  }

  /** The full picocli path (every command line the {@link FastPath} does not take). */
  static int runPicocli(
      String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Terminal terminal) {
    return runPicocli(args, out, err, env, terminal, Wiring.STANDARD, null);
  }

  /**
   * {@code before}: a thread the command waits for once the command line is built, before it runs
   * (or null).
   */
  private static int runPicocli(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Terminal terminal,
      Wiring wiring,
      Thread before) {
    KeysCommand root = new KeysCommand(env, terminal, wiring, out, err);
    CommandLine cl = CommandLines.forArgs(root, args);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> report(e, root.verbose(), err));
    cl.setParameterExceptionHandler(
        (ex, argv) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("keys: " + ex.getMessage());
          CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
          c.getErr()
              .println(
                  "Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
          c.getErr().flush();
          return ExitCode.USAGE.value();
        });
    if (before != null) {
      awaitUninterruptibly(before);
    }
    return cl.execute(args);
  }

  /**
   * One error line (the stack trace with --verbose); returns the exit code. The line never holds a
   * control character (a message may quote a file's content): one line, and nothing for the
   * terminal to interpret.
   */
  static int report(Exception e, boolean verbose, PrintWriter err) {
    if (e instanceof KeysException) {
      err.println("keys: " + Untrusted.printable(Advice.message((KeysException) e)));
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return ((KeysException) e).exitCode().value();
    }
    IOException io =
        e instanceof IOException
            ? (IOException) e
            : e instanceof UncheckedIOException ? ((UncheckedIOException) e).getCause() : null;
    if (io != null) {
      // an I/O failure no command words itself: still in words, and still one line
      String file = io instanceof FileSystemException ? ((FileSystemException) io).getFile() : null;
      err.println(
          "keys: "
              + Untrusted.printable(
                  file != null
                      ? IoErrors.cannot("use", file, io)
                      : "input/output error: " + IoErrors.reason(io)));
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCode.FAILURE.value();
    }
    err.println(
        "keys: internal error: "
            + Untrusted.printable(String.valueOf(e))
            + " (run again with --verbose for details, and report it)");
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCode.FAILURE.value();
  }
}
