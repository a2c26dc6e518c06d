package dev.trustkeys.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root command: the options every command shares. Its subcommands are registered by {@link
 * CommandLines}.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "A key manager for content-trust signing keys (Docker Content Trust, Notary, TUF).")
public final class KeysCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private final java.util.Map<String, String> env;
  private final dev.trustkeys.core.secret.Terminal terminal;
  private final Wiring wiring;
  private final java.io.PrintWriter out;
  private final java.io.PrintWriter err;

  KeysCommand(java.util.Map<String, String> env, dev.trustkeys.core.secret.Terminal terminal) {
    this(env, terminal, Wiring.STANDARD, null, null);
  }

  /**
   * {@code out} and {@code err}: the command's output and where errors and notices go (null: those
   * of picocli's command line, standard error for notices).
   */
  KeysCommand(
      java.util.Map<String, String> env,
      dev.trustkeys.core.secret.Terminal terminal,
      Wiring wiring,
      java.io.PrintWriter out,
      java.io.PrintWriter err) {
    this.env = env;
    this.terminal = terminal;
    this.wiring = wiring;
    this.out = out;
    this.err = err;
  }

  Wiring wiring() {
    return wiring;
  }

  /** The one clock of the process (the composition root's: tests set the time). */
  java.time.Clock clock() {
    return wiring.clock();
  }

  java.io.PrintWriter err() {
    return err;
  }

  /**
   * The command's output: the one the process gave, else picocli's. Commands that take the fast
   * path ({@link FastCommands}) print through this and {@link #errors()}: they have no picocli
   * spec.
   */
  java.io.PrintWriter out() {
    return out != null ? out : spec.commandLine().getOut();
  }

  /** Where the command's errors and warnings go: as {@link #out()}. */
  java.io.PrintWriter errors() {
    return err != null ? err : spec.commandLine().getErr();
  }

  java.util.Map<String, String> env() {
    return env;
  }

  dev.trustkeys.core.secret.Terminal terminal() {
    return terminal;
  }

  @Option(
      names = {"-d", "--trust-dir"},
      scope = ScopeType.INHERIT,
      paramLabel = "DIR",
      description =
          "Trust directory (default: $DOCKER_CONFIG/trust, else ~/.docker/trust; while that does not exist,"
              + " the trust_dir of ~/.notary/config.json if it sets one).")
  Path trustDir;

  @Option(
      names = "--passphrase-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Read key passphrases from the first line of FILE instead of the environment or a prompt.")
  Path passphraseFile;

  @Option(
      names = "--module",
      scope = ScopeType.INHERIT,
      paramLabel = "PATH|NAME",
      completionCandidates = Completion.Modules.class,
      description =
          "PKCS#11 module for token keys: a path, or softhsm2, ykcs11, opensc (default: $KEYS_PKCS11_MODULE;"
              + " without either, the tokens keys made keys on are searched, as recorded in the trust directory).")
  String module;

  @Option(
      names = "--allow-last-pin-try",
      scope = ScopeType.INHERIT,
      description =
          "Let a YubiKey PIN from the environment be tried even when only one try is left (a wrong one"
              + " then blocks the PIN). Without it keys asks on a terminal, and refuses elsewhere.")
  boolean allowLastPinTry;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  boolean verbose() {
    return verbose;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }
}
