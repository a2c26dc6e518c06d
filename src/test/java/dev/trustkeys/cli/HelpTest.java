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
    collect(new CommandLine(new KeysCommand(Map.of(), Terminal.none())), List.of(), commands);
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
  void helpCommand_showsAnotherCommandsUsage() {
    KeysCli.Result r = new KeysCli(tmp.resolve("trust"), Map.of()).run("help", "generate");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("Usage: keys generate"), r.out());
  }
}
