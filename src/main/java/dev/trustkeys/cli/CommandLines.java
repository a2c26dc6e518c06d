package dev.trustkeys.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The picocli command lines of {@code keys}: the subcommand registry and the command line built for
 * a given argument list. A class of its own, apart from {@link KeysCommand}, so that the start-up
 * fast path ({@link FastPath}), which uses KeysCommand, loads none of the subcommand classes nor
 * picocli.
 */
final class CommandLines {
  private CommandLines() {}

  static {
    // Start-up costs of picocli that keys has no use for (docs/performance.md): the search for
    // Groovy's Closure class (a miss, through every jar on the class path) and the built-in
    // converters for java.sql types (they load the java.sql module) and java.time types (reflection
    // on fifteen classes). No option of keys has such a type; one that needs one registers its own
    // converter. A value the user set is kept.
    defaultProperty("picocli.disable.closures", "true");
    defaultProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
  }

  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  /**
   * The subcommands, in the order help lists them. They are registered in code rather than in the
   * annotation so that a command line builds the model of its own subcommand only ({@link
   * #forArgs}): picocli reflects on every registered command up front, which cost a few hundred
   * milliseconds of every `keys` command.
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
          InspectCommand.class,
          SignerCommand.class,
          DelegationCommand.class,
          TagCommand.class,
          CeremonyCommand.class,
          TufCommand.class,
          BackupCommand.class,
          RestoreCommand.class,
          YubiKeyCommand.class,
          DoctorCommand.class,
          CompletionCommand.class,
          HelpCommand.class);

  /** Root options that take a value (to find the command word without parsing). */
  private static final Set<String> VALUE_OPTIONS =
      Set.of("-d", "--trust-dir", "--module", "--passphrase-file");

  /**
   * The subcommand class a command word names (aliases included), or null. Kept in step with the
   * names in the classes' annotations by {@code HelpTest}.
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
      case "inspect":
        return InspectCommand.class;
      case "signer":
        return SignerCommand.class;
      case "delegation":
        return DelegationCommand.class;
      case "tag":
        return TagCommand.class;
      case "ceremony":
        return CeremonyCommand.class;
      case "tuf":
        return TufCommand.class;
      case "backup":
        return BackupCommand.class;
      case "restore":
        return RestoreCommand.class;
      case "yubikey":
        return YubiKeyCommand.class;
      case "doctor":
        return DoctorCommand.class;
      default:
        return null; // "completion" and "help" need every command; unknown words need them for
        // suggestions
    }
  }

  /**
   * The command word of an argument list: the first argument that is neither an option nor a root
   * option's value.
   */
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
  static CommandLine full(KeysCommand root) {
    CommandLine cl = root(root);
    for (Class<?> c : SUBCOMMANDS) {
      add(cl, c);
    }
    return cl;
  }

  /**
   * Adds a subcommand and gives it, and its own subcommands, -h/--help. Not picocli's inherited
   * mixinStandardHelpOptions: that also copies -V/--version, whose provider probes the native
   * libraries on every command line built (a tenth of a second of every command).
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

  /** The root command's help: its environment and examples ({@link HelpLayout}). */
  private static CommandLine root(KeysCommand root) {
    CommandLine cl = new CommandLine(root);
    HelpLayout.apply(cl);
    return cl;
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
    HelpLayout.apply(cl);
    for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
      addHelpOption(sub);
    }
  }

  /**
   * The command line for {@code args}: with only the subcommand they name, when they name one that
   * needs no other (the usual case), else with every subcommand.
   */
  static CommandLine forArgs(KeysCommand root, String[] args) {
    String word = commandWord(args);
    Class<?> only = word == null ? null : subcommand(word);
    if (only == null) {
      return full(root);
    }
    CommandLine cl = root(root);
    add(cl, only);
    return cl;
  }
}
