package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.secret.Terminal;
import dev.trustkeys.testing.KeysCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command, at any depth, answers --help and -h with its usage on standard output and exit 0. */
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
        assertTrue(r.out().startsWith("Usage: keys " + String.join(" ", command)), argv + ": " + r.out());
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
        assertEquals(null, CommandLines.subcommand(e.getKey()), "needs every command: " + e.getKey());
      } else {
        assertEquals(expected, CommandLines.subcommand(e.getKey()), e.getKey());
      }
    }
    assertEquals(null, CommandLines.subcommand("lst"));
  }

  @Test
  void commandWord_skipsOptionsAndTheirValues() {
    assertEquals("sign", CommandLines.commandWord(new String[] {"-d", "x", "--module", "m", "-v", "sign", "-k", "a"}));
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
    assertTrue(typo.err().contains("Did you mean: keys ls or keys list"), "suggests the command:\n" + typo.err());
    KeysCli.Result root = keys.run("--help");
    for (Class<?> c : CommandLines.SUBCOMMANDS) {
      String name = c.getAnnotation(CommandLine.Command.class).name();
      assertTrue(java.util.regex.Pattern.compile("\n  " + name + "[ ,]").matcher(root.out()).find(), name + " in\n" + root.out());
    }
    KeysCli.Result nested = keys.run("yubikey", "list", "--help");
    assertEquals(0, nested.exit(), nested.toString());
    assertTrue(nested.out().startsWith("Usage: keys yubikey list"), nested.out());
    KeysCli.Result inherited = keys.run("sign", "--trust-dir", tmp.resolve("other").toString(), "--help");
    assertEquals(0, inherited.exit(), inherited.toString());
  }

  @Test
  void helpCommand_showsAnotherCommandsUsage() {
    KeysCli.Result r = new KeysCli(tmp.resolve("trust"), Map.of()).run("help", "generate");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("Usage: keys generate"), r.out());
  }
}
