package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.secret.Terminal;
import dev.trustkeys.testing.KeysCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command, at any depth, answers --help and -h with its usage on standard output and exit 0.
 */
class HelpTest {
  @TempDir Path tmp;

  private static void collect(CommandLine cl, List<String> prefix, List<List<String>> out) {
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      if (!e.getKey().equals(e.getValue().getCommandName())) {
        continue; // an alias
      }
      List<String> path = new ArrayList<>(prefix);
      path.add(e.getKey());
      out.add(path);
      collect(e.getValue(), path, out);
    }
  }

  @Test
  void everyCommand_answersHelp_withItsUsage() {
    List<List<String>> commands = new ArrayList<>();
    collect(CommandLines.full(new KeysCommand(Map.of(), Terminal.none())), List.of(), commands);
    assertTrue(commands.size() > 20, commands.toString());
    KeysCli keys = new KeysCli(tmp.resolve("trust"), Map.of());
    for (List<String> command : commands) {
      if (command.equals(List.of("help"))) {
        continue; // picocli's help command puts its description first; helpCommand_... covers it
      }
      for (String flag : List.of("--help", "-h")) {
        List<String> argv = new ArrayList<>(command);
        argv.add(flag);
        KeysCli.Result r = keys.run(argv.toArray(new String[0]));
        assertEquals(0, r.exit(), argv + ": " + r);
        assertTrue(
            r.out().startsWith("Usage: keys " + String.join(" ", command)), argv + ": " + r.out());
        assertEquals("", r.err(), argv.toString());
      }
    }
  }

  @Test
  void everyCommandWord_namesTheClassWhoseAnnotationHasThatName() {
    CommandLine full = CommandLines.full(new KeysCommand(Map.of(), Terminal.none()));
    for (Map.Entry<String, CommandLine> e : full.getSubcommands().entrySet()) {
      Class<?> expected = e.getValue().getCommand().getClass();
      if (e.getKey().equals("help") || e.getKey().equals("completion")) {
        assertEquals(
            null, CommandLines.subcommand(e.getKey()), "needs every command: " + e.getKey());
      } else {
        assertEquals(expected, CommandLines.subcommand(e.getKey()), e.getKey());
      }
    }
    assertEquals(null, CommandLines.subcommand("lst"));
  }

  @Test
  void commandWord_skipsOptionsAndTheirValues() {
    assertEquals(
        "sign",
        CommandLines.commandWord(
            new String[] {"-d", "x", "--module", "m", "-v", "sign", "-k", "a"}));
    assertEquals("list", CommandLines.commandWord(new String[] {"--trust-dir=x", "-dy", "list"}));
    assertEquals("ls", CommandLines.commandWord(new String[] {"--passphrase-file", "list", "ls"}));
    assertEquals(null, CommandLines.commandWord(new String[] {"-d", "x", "--help"}));
    assertEquals(null, CommandLines.commandWord(new String[] {"--", "list"}));
  }

  @Test
  void oneSubcommandCommandLines_behaveAsTheFullOne() {
    KeysCli keys = new KeysCli(tmp.resolve("trust"), Map.of());
    KeysCli.Result typo = keys.run("lst");
    assertEquals(2, typo.exit(), typo.toString());
    assertTrue(
        typo.err().contains("Did you mean: keys ls or keys list"),
        "suggests the command:\n" + typo.err());
    KeysCli.Result root = keys.run("--help");
    for (Class<?> c : CommandLines.SUBCOMMANDS) {
      String name = c.getAnnotation(CommandLine.Command.class).name();
      assertTrue(
          java.util.regex.Pattern.compile("\n  " + name + "[ ,]").matcher(root.out()).find(),
          name + " in\n" + root.out());
    }
    KeysCli.Result nested = keys.run("yubikey", "list", "--help");
    assertEquals(0, nested.exit(), nested.toString());
    assertTrue(nested.out().startsWith("Usage: keys yubikey list"), nested.out());
    KeysCli.Result inherited =
        keys.run("sign", "--trust-dir", tmp.resolve("other").toString(), "--help");
    assertEquals(0, inherited.exit(), inherited.toString());
  }

  @Test
  void helpCommand_showsAnotherCommandsUsage() {
    KeysCli.Result r = new KeysCli(tmp.resolve("trust"), Map.of()).run("help", "generate");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("Usage: keys generate"), r.out());
  }

  /** Every command's path after "keys" ("" for keys itself, "ceremony plan"), aliases once. */
  private static List<List<String>> everyCommand() {
    List<List<String>> commands = new ArrayList<>();
    commands.add(List.of());
    collect(CommandLines.full(new KeysCommand(Map.of(), Terminal.none())), List.of(), commands);
    return commands;
  }

  /** The words of an example line, up to a shell redirection; quotes around a word removed. */
  private static List<String> words(String example) {
    List<String> words = new ArrayList<>();
    for (String w : example.split(" +")) {
      if (w.equals(">") || w.equals("|")) {
        break;
      }
      words.add(w.replaceAll("^'(.*)'$", "$1"));
    }
    return words;
  }

  @Test
  void everyCommand_hasExamples_thatParseAsThatCommand() {
    KeysCli keys = new KeysCli(tmp.resolve("trust"), Map.of());
    for (List<String> command : everyCommand()) {
      String path = String.join(" ", command);
      HelpContent.Entry entry = HelpContent.of(path);
      assertNotNull(entry, "no help content for 'keys " + path + "'");
      List<String> argv = new ArrayList<>(command);
      argv.add("--help");
      String help = keys.run(argv.toArray(new String[0])).out();
      assertTrue(help.contains("\nExamples:\n"), path + ":\n" + help);
      int examples = 0;
      for (String line : entry.examples()) {
        assertTrue(help.contains("\n  " + line + "\n"), "shown: " + line + " in\n" + help);
        if (line.startsWith("#")) {
          continue;
        }
        examples++;
        List<String> w = words(line);
        assertEquals("keys", w.get(0), line);
        CommandLine.ParseResult r =
            CommandLines.full(new KeysCommand(Map.of(), Terminal.none()))
                .parseArgs(w.subList(1, w.size()).toArray(new String[0]));
        while (r.hasSubcommand()) {
          r = r.subcommand();
        }
        String of = HelpLayout.path(r.commandSpec());
        assertTrue(
            path.isEmpty() || of.equals(path) || of.startsWith(path + " "),
            "the example is of this command (or one of its subcommands): " + line + " is of " + of);
      }
      assertTrue(examples > 0, path);
    }
    for (String path : HelpContent.ENTRIES.keySet()) {
      assertTrue(
          everyCommand().contains(path.isEmpty() ? List.of() : List.of(path.split(" "))),
          "help content for a command that does not exist: " + path);
    }
  }

  @Test
  void everyVariableACommandsHelpMentions_isInItsEnvironmentSection() {
    KeysCli keys = new KeysCli(tmp.resolve("trust"), Map.of());
    Pattern variable = Pattern.compile("(?:NOTARY|DOCKER|KEYS)_[A-Z0-9_]*[A-Z0-9]");
    List<String> missing = new ArrayList<>();
    for (List<String> command : everyCommand()) {
      List<String> argv = new ArrayList<>(command);
      argv.add("--help");
      String help = keys.run(argv.toArray(new String[0])).out();
      int env = help.indexOf("\nEnvironment:\n");
      int commands = help.indexOf("\nCommands:\n");
      String before = help.substring(0, env >= 0 ? env : commands >= 0 ? commands : help.length());
      before = commands >= 0 && commands < before.length() ? before.substring(0, commands) : before;
      Matcher m = variable.matcher(before);
      while (m.find()) {
        String name = m.group().replaceFirst("_FILE$", "");
        if (env < 0 || help.indexOf(name, env) < 0) {
          missing.add(command + " mentions " + name);
        }
      }
    }
    assertEquals(List.of(), missing, "not in the command's Environment section");
  }

  @Test
  void help_namesTheVariablesEachCommandReads() {
    KeysCli keys = new KeysCli(tmp.resolve("trust"), Map.of());
    Map<List<String>, List<String>> expected =
        Map.of(
            List.of("sign"),
                List.of(
                    "NOTARY_ROOT_PASSPHRASE",
                    "NOTARY_TARGETS_PASSPHRASE",
                    "DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE",
                    "DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE",
                    "KEYS_YUBIKEY_PIN",
                    "KEYS_PKCS11_PIN",
                    "KEYS_PKCS11_MODULE"),
            List.of("init"),
                List.of("NOTARY_SNAPSHOT_PASSPHRASE", "KEYS_YUBIKEY_MANAGEMENT_KEY", "NOTARY_AUTH"),
            List.of("rotate"),
                List.of(
                    "DOCKER_CONTENT_TRUST_SERVER", "NOTARY_AUTH", "NOTARY_DELEGATION_PASSPHRASE"),
            List.of("yubikey", "change-pin"),
                List.of("KEYS_YUBIKEY_PIN_FILE", "KEYS_YUBIKEY_NEW_PIN"),
            List.of("yubikey", "setup"),
                List.of("KEYS_YUBIKEY_NEW_PUK", "KEYS_YUBIKEY_NEW_MANAGEMENT_KEY"),
            List.of("tuf", "sign"), List.of("NOTARY_ROOT_PASSPHRASE", "KEYS_YUBIKEY_PIN"));
    for (Map.Entry<List<String>, List<String>> e : expected.entrySet()) {
      List<String> argv = new ArrayList<>(e.getKey());
      argv.add("--help");
      String help = keys.run(argv.toArray(new String[0])).out();
      String env = help.substring(help.indexOf("\nEnvironment:\n"), help.indexOf("\nExamples:\n"));
      for (String name : e.getValue()) {
        assertTrue(env.contains(name), e.getKey() + " reads " + name + ":\n" + env);
      }
    }
  }

  @Test
  void subcommandHelp_namesTheGlobalOptionsOnce_keysHelpDescribesThem() {
    KeysCli keys = new KeysCli(tmp.resolve("trust"), Map.of());
    String sign = keys.run("sign", "--help").out();
    assertTrue(sign.startsWith("Usage: keys sign [-h] [--base64] -k=ID|URI"), sign);
    assertFalse(
        sign.contains("--allow-last-pin-try  ") || sign.contains("Trust directory (default"), sign);
    assertTrue(
        sign.contains(
            "Global options (see 'keys --help'): -d/--trust-dir DIR, --passphrase-file FILE,"),
        sign);
    String root = keys.run("--help").out();
    assertTrue(
        root.contains("Trust directory (default") && root.contains("--allow-last-pin-try"), root);
    assertFalse(root.contains("Global options"), root);
  }
}
