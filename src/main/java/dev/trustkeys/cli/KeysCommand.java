package dev.trustkeys.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: it only lists the subcommands and holds the options every command shares. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A key manager for content-trust signing keys (Docker Content Trust, Notary, TUF).")
public final class KeysCommand implements Callable<Integer> {
  /**
   * The subcommands, in the order help lists them. They are registered in code rather than in the annotation so
   * that a command line builds the model of its own subcommand only ({@link #commandLine}): picocli reflects on
   * every registered command up front, which cost a few hundred milliseconds of every `keys` command.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ListCommand.class,
          GenerateCommand.class,
          InitCommand.class,
          ImportCommand.class,
          ExportCommand.class,
          PasswdCommand.class,
          RemoveCommand.class,
          SignCommand.class,
          TokensCommand.class,
          RotateCommand.class,
          StatusCommand.class,
          VerifyCommand.class,
          CeremonyCommand.class,
          BackupCommand.class,
          RestoreCommand.class,
          YubiKeyCommand.class,
          DoctorCommand.class,
          CompletionCommand.class,
          HelpCommand.class);

  /** Root options that take a value (to find the command word without parsing). */
  private static final Set<String> VALUE_OPTIONS = Set.of("-d", "--trust-dir", "--module", "--passphrase-file");

  /**
   * The subcommand class a command word names (aliases included), or null. Kept in step with the names in the
   * classes' annotations by {@code HelpTest}.
   */
  static Class<?> subcommand(String word) {
    switch (word) {
      case "list":
      case "ls":
        return ListCommand.class;
      case "generate":
        return GenerateCommand.class;
      case "init":
        return InitCommand.class;
      case "import":
        return ImportCommand.class;
      case "export":
        return ExportCommand.class;
      case "passwd":
        return PasswdCommand.class;
      case "remove":
      case "rm":
        return RemoveCommand.class;
      case "sign":
        return SignCommand.class;
      case "tokens":
        return TokensCommand.class;
      case "rotate":
        return RotateCommand.class;
      case "status":
        return StatusCommand.class;
      case "verify":
        return VerifyCommand.class;
      case "ceremony":
        return CeremonyCommand.class;
      case "backup":
        return BackupCommand.class;
      case "restore":
        return RestoreCommand.class;
      case "yubikey":
        return YubiKeyCommand.class;
      case "doctor":
        return DoctorCommand.class;
      default:
        return null; // "completion" and "help" need every command; unknown words need them for suggestions
    }
  }

  /** The command word of an argument list: the first argument that is neither an option nor a root option's value. */
  static String commandWord(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (VALUE_OPTIONS.contains(a)) {
        i++;
      } else if (a.equals("--")) {
        return null;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  /** The command line with every subcommand (help, completion, man pages, errors). */
  static CommandLine fullCommandLine(KeysCommand root) {
    CommandLine cl = new CommandLine(root);
    for (Class<?> c : SUBCOMMANDS) {
      add(cl, c);
    }
    return cl;
  }

  /**
   * Adds a subcommand and gives it, and its own subcommands, -h/--help. Not picocli's inherited
   * mixinStandardHelpOptions: that also copies -V/--version, whose provider probes the native libraries on every
   * command line built (a tenth of a second of every command).
   */
  private static void add(CommandLine parent, Class<?> command) {
    parent.addSubcommand(command);
    CommandLine added = null;
    for (CommandLine sub : parent.getSubcommands().values()) {
      if (sub.getCommand().getClass() == command) {
        added = sub;
      }
    }
    addHelpOption(added);
  }

  private static void addHelpOption(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    if (spec.findOption("--help") == null) {
      spec.addOption(
          CommandLine.Model.OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
    }
    for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
      addHelpOption(sub);
    }
  }

  /**
   * The command line for {@code args}: with only the subcommand they name, when they name one that needs no other
   * (the usual case), else with every subcommand.
   */
  static CommandLine commandLine(KeysCommand root, String[] args) {
    String word = commandWord(args);
    Class<?> only = word == null ? null : subcommand(word);
    if (only == null) {
      return fullCommandLine(root);
    }
    CommandLine cl = new CommandLine(root);
    add(cl, only);
    return cl;
  }

  @Spec CommandSpec spec;

  private final java.util.Map<String, String> env;
  private final dev.trustkeys.core.secret.Terminal terminal;

  KeysCommand(java.util.Map<String, String> env, dev.trustkeys.core.secret.Terminal terminal) {
    this.env = env;
    this.terminal = terminal;
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
      description = "Trust directory (default: $DOCKER_CONFIG/trust, else ~/.docker/trust).")
  Path trustDir;

  @Option(
      names = "--passphrase-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "Read key passphrases from the first line of FILE instead of the environment or a prompt.")
  Path passphraseFile;

  @Option(
      names = "--module",
      scope = ScopeType.INHERIT,
      paramLabel = "PATH|NAME",
      description =
          "PKCS#11 module for token keys: a path, or softhsm2, ykcs11, opensc (default: $KEYS_PKCS11_MODULE;"
              + " token keys are listed only when one of them is set).")
  String module;

  @Option(
      names = "--allow-last-pin-try",
      scope = ScopeType.INHERIT,
      description = "Let a YubiKey PIN from the environment be tried even when only one try is left (a wrong one"
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
