package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.secret.Terminal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The library describes a problem; the command line says which flag or command fixes it ({@code
 * core.Remedy}, worded by {@link Advice}; a command that knows its own flags words its own usage
 * errors). So no string literal in a library package (every package but {@code cli}) names an
 * option of {@code keys} or holds a {@code keys COMMAND} line. The options and commands are read
 * from the picocli model of the whole command line, so the rule follows new flags.
 *
 * <p>Flags of other tools ({@code pkcs11-tool --init-pin}) are not options of keys and pass; a word
 * "keys" followed by prose ("keys then finds ...") is no command line and passes. A literal that
 * the rule catches and that must stay is listed in {@link #ALLOWED} with its reason; an entry that
 * no longer matches fails the test too.
 */
class LibraryMessagesTest {
  private static final Path MAIN = Path.of("src/main/java/dev/trustkeys");

  /** The literals that may stay (file, then the literal as the rule sees it), and why. */
  private static final Map<String, String> ALLOWED =
      Map.of(
          // -r is rm's option here (rm -r DIR), which keys happens to have as well
          "backend/file/RestoreJournal.java: \"; copy back what you need, then remove it with 'rm -r \"",
          "another tool's flag",
          // "a keys backup" is a noun (an archive keys wrote), not the command line 'keys backup'
          "backup/TarReader.java: \"not a keys backup (neither a tar archive nor a gzip-compressed"
              + " one)\"",
          "a noun");

  /** Every option name of every command, long and short ("--server", "-s"). */
  private static TreeSet<String> optionNames(CommandLine cl) {
    TreeSet<String> names = new TreeSet<>();
    for (OptionSpec o : cl.getCommandSpec().options()) {
      names.addAll(List.of(o.names()));
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      names.addAll(optionNames(sub));
    }
    return names;
  }

  private static Pattern offendingText() {
    CommandLine full = CommandLines.full(new KeysCommand(Map.of(), Terminal.none()));
    TreeSet<String> options = optionNames(full);
    TreeSet<String> commands = new TreeSet<>(full.getSubcommands().keySet());
    assertTrue(options.contains("--server") && options.contains("-d"), options.toString());
    assertTrue(commands.contains("rotate") && commands.contains("yubikey"), commands.toString());
    List<String> flags = new ArrayList<>();
    for (String o : options) {
      flags.add(Pattern.quote(o));
    }
    List<String> words = new ArrayList<>();
    for (String c : commands) {
      words.add(Pattern.quote(c));
    }
    // an option as a word of its own ("-d DIR", "--server=URL"), or "keys" followed by a command
    return Pattern.compile(
        "(?<![\\w-])(?:"
            + String.join("|", flags)
            + ")(?![\\w-])"
            + "|(?<![\\w-])keys (?:"
            + String.join("|", words)
            + ")(?![\\w-])");
  }

  @Test
  void noLibraryLiteral_namesAnOptionOrACommandOfKeys() throws IOException {
    Pattern offending = offendingText();
    List<String> violations = new ArrayList<>();
    TreeSet<String> unused = new TreeSet<>(ALLOWED.keySet());
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Path name = MAIN.relativize(f);
        if (name.startsWith("cli")) {
          continue;
        }
        for (Literal l : literals(Files.readString(f))) {
          Matcher m = offending.matcher(l.text);
          String key = name + ": \"" + l.text + "\"";
          if (m.find() && !unused.remove(key) && !ALLOWED.containsKey(key)) {
            violations.add(f + ":" + l.line + ": \"" + l.text + "\" names " + m.group());
          }
        }
      }
    }
    assertEquals(Set.of(), unused, "allowed literals that are gone: take them off the list");
    assertEquals(
        "",
        String.join("\n", violations),
        violations.size() + " library literals name the command line");
  }

  /** The rule catches what it is meant to, and lets prose and other tools' flags pass. */
  @Test
  void theRule_catchesFlagsAndCommandLines_notProse() {
    Pattern offending = offendingText();
    for (String bad :
        List.of(
            "refused: check --server",
            "use -d DIR",
            "run 'keys rotate ",
            "keys yubikey unblock-pin",
            "--server=https://x")) {
      assertTrue(offending.matcher(bad).find(), bad);
    }
    for (String fine :
        List.of(
            "pkcs11-tool --init-pin --login-type so",
            "rw-r--r--",
            "keys then finds keys on the tokens",
            "a name keys does not create",
            "ECDSA-P256 keys belong to one repository",
            "--serverx")) {
      assertTrue(!offending.matcher(fine).find(), fine);
    }
    List<Literal> ls =
        literals("a(\"x --y\", // \"in a comment\"\n \"keys \" /* \"no\" */ + \"rotate\", '\"');");
    assertEquals(List.of("x --y", "keys rotate"), ls.stream().map(l -> l.text).toList());
  }

  /** A string in the source, with the literals joined to it by {@code +} (a message over lines). */
  private record Literal(int line, String text) {}

  /**
   * The string literals of a Java source, comments skipped, escapes left as written; literals
   * joined by {@code +} (and only white space or comments between) are one.
   */
  private static List<Literal> literals(String src) {
    List<Literal> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = src.length();
    StringBuilder current = null;
    int currentLine = 0;
    boolean afterPlus = false;
    while (i < n) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (src.startsWith("//", i)) {
        while (i < n && src.charAt(i) != '\n') {
          i++;
        }
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        line += (int) src.substring(i, end).chars().filter(ch -> ch == '\n').count();
        i = end;
      } else if (c == '\'') {
        i++;
        while (i < n && src.charAt(i) != '\'') {
          i += src.charAt(i) == '\\' ? 2 : 1;
        }
        i++;
      } else if (c == '"') {
        int start = ++i;
        while (i < n && src.charAt(i) != '"') {
          i += src.charAt(i) == '\\' ? 2 : 1;
        }
        String text = src.substring(start, Math.min(i, n));
        i++;
        if (current != null && afterPlus) {
          current.append(text);
        } else {
          if (current != null) {
            out.add(new Literal(currentLine, current.toString()));
          }
          current = new StringBuilder(text);
          currentLine = line;
        }
        afterPlus = false;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '+' && current != null && !afterPlus) {
        afterPlus = true;
        i++;
      } else {
        if (current != null) {
          out.add(new Literal(currentLine, current.toString()));
          current = null;
        }
        afterPlus = false;
        i++;
      }
    }
    if (current != null) {
      out.add(new Literal(currentLine, current.toString()));
    }
    return out;
  }
}
