package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.secret.Terminal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The signing commands' fast path ({@link FastCommands}) parses exactly as picocli does, or leaves
 * the command line to picocli: its table is what picocli's model says, and for thousands of command
 * lines made from that grammar (well-formed and not), every one the fast path takes fills the
 * command and the root command with the values picocli fills them with.
 */
class FastCommandsTest {
  private static final Terminal NO_TERMINAL = Terminal.none();

  @TempDir Path tmp;

  private static FastCommands.Grammar grammar() {
    FastCommands.Grammar g = FastCommands.grammar();
    assertNotNull(g, "the build put no " + FastCommands.TABLE + " beside cli.FastCommands");
    return g;
  }

  @Test
  void theTableTheBuildWrote_isWhatPicocliSaysNow() throws IOException {
    String table;
    try (InputStream in = FastCommands.class.getResourceAsStream(FastCommands.TABLE)) {
      assertNotNull(in, "no " + FastCommands.TABLE + " on the class path");
      table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(FastCommandTable.table(Extras.commandLine()), table);
    // every fast command is in it, with the options picocli knows
    FastCommands.Grammar g = FastCommands.read(new ByteArrayInputStream(table.getBytes()));
    assertEquals(FastCommands.COMMANDS.size(), g.commands.size());
    assertTrue(g.rootOptions.stream().anyMatch(o -> o.names.contains("--trust-dir")));
  }

  @Test
  void aFastCommandWithAPicocliSpec_isRefusedByTheBuild() {
    // the generator's rule, on a model where `sign` has a spec again: the build would fail
    CommandLine full = Extras.commandLine();
    CommandLine.Model.CommandSpec sign = full.getSubcommands().get("sign").getCommandSpec();
    assertTrue(
        java.util.Arrays.stream(sign.userObject().getClass().getDeclaredFields())
            .noneMatch(f -> f.getType() == CommandLine.Model.CommandSpec.class),
        "keys sign prints through KeysCommand.out(), not a picocli spec");
    CommandLine withSpec = new CommandLine(new WithSpec());
    CommandLine root = new CommandLine(new KeysCommand(Map.of(), NO_TERMINAL));
    root.addSubcommand("sign", withSpec);
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class, () -> FastCommandTable.table(root));
    assertTrue(e.getMessage().contains("has a picocli spec"), e.getMessage());
  }

  @CommandLine.Command(name = "sign")
  static final class WithSpec implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--key")
    String key;

    @Override
    public Integer call() {
      return 0;
    }
  }

  @Test
  void plainCommandLines_takeTheFastPath_othersDoNot() {
    FastCommands.Grammar g = grammar();
    String id = "0123abcd";
    assertNotNull(FastCommands.parse(g, new String[] {"sign", "--key", id, "f"}));
    assertNotNull(
        FastCommands.parse(g, new String[] {"-d", "t", "sign", "-k", id, "-o", "s", "f"}));
    assertNotNull(FastCommands.parse(g, new String[] {"sign", "f", "--key=" + id, "-v"}));
    assertNotNull(FastCommands.parse(g, new String[] {"generate", "-r", "root"}));
    assertNotNull(FastCommands.parse(g, new String[] {"tuf", "sign", "repo", "root"}));
    for (String[] declined :
        List.of(
            new String[] {"sign", "--help", "--key", id, "f"},
            new String[] {"sign", "-k" + id, "f"},
            new String[] {"sign", "--key", id, "--key", id, "f"},
            new String[] {"sign", "--key", id},
            new String[] {"sign", "--key", id, "f", "g"},
            new String[] {"sign", "--key", id, "--", "f"},
            new String[] {"sign", "--key", id, "@args"},
            new String[] {"sign", "--key", "-x", "f"},
            new String[] {"sign", "--key=", "f"},
            new String[] {"sign", "--base64=true", "--key", id, "f"},
            new String[] {"sign", "--nope", "--key", id, "f"},
            new String[] {"generate"},
            new String[] {"generate", "-r", "root", "--serial", "12x"},
            new String[] {"tuf", "-v", "sign", "repo", "root"},
            new String[] {"tuf", "sign", "repo"},
            new String[] {"list"},
            new String[] {"--version"},
            new String[] {})) {
      assertNull(FastCommands.parse(g, declined), String.join(" ", declined));
    }
  }

  /** Command lines made from the grammar: mostly well-formed, some with one thing wrong. */
  @Test
  void everyCommandLineTheFastPathTakes_fillsWhatPicocliFills() throws Exception {
    FastCommands.Grammar g = grammar();
    Random random = new Random(20261205);
    int taken = 0;
    int lines = 0;
    Set<String> optionsSeen = new HashSet<>();
    for (FastCommands.Cmd c : g.commands) {
      for (int n = 0; n < 300; n++) {
        List<String> args = commandLine(g, c, random);
        String[] a = args.toArray(new String[0]);
        lines++;
        FastCommands.Parsed fast = FastCommands.parse(g, a);
        Object[] picocli = picocli(a);
        if (fast == null) {
          continue;
        }
        taken++;
        assertNotNull(picocli, "the fast path took what picocli refuses: " + args);
        KeysCommand root = new KeysCommand(Map.of(), NO_TERMINAL);
        Object command = FastCommands.instantiate(fast, root);
        assertEquals(
            fields(picocli[0]), fields(root), "root options of " + args + " (fast vs picocli)");
        assertEquals(fields(picocli[1]), fields(command), "options of " + args);
        for (String a1 : a) {
          optionsSeen.add(a1.contains("=") ? a1.substring(0, a1.indexOf('=')) : a1);
        }
      }
    }
    // the property is not vacuous: most well-formed lines were taken, and every option was in one
    assertTrue(taken > lines / 3, taken + " of " + lines + " command lines took the fast path");
    for (FastCommands.Cmd c : g.commands) {
      for (FastCommands.Opt o : c.options) {
        assertTrue(
            o.names.stream().anyMatch(optionsSeen::contains),
            "no command line taken used " + o.names);
      }
    }
  }

  /** A command line for {@code c}: its words, some options in any order, its positionals. */
  private static List<String> commandLine(FastCommands.Grammar g, FastCommands.Cmd c, Random r) {
    List<List<String>> parts = new ArrayList<>();
    for (FastCommands.Opt o : c.options) {
      if (o.required || r.nextInt(3) == 0) {
        parts.add(option(o, r));
        if (o.multi && r.nextBoolean()) {
          parts.add(option(o, r)); // a repeatable option, again
        }
      }
    }
    List<List<String>> rootAfter = new ArrayList<>();
    List<String> before = new ArrayList<>();
    for (FastCommands.Opt o : g.rootOptions) {
      int where = r.nextInt(4);
      if (where == 1) {
        before.addAll(option(o, r));
      } else if (where == 2) {
        rootAfter.add(option(o, r));
      }
    }
    parts.addAll(rootAfter);
    Collections.shuffle(parts, r);
    List<String> positionals = new ArrayList<>();
    for (FastCommands.Opt p : c.positionals) {
      for (int n = p.multi ? 1 + r.nextInt(3) : 1; n > 0; n--) {
        positionals.add(value(p, r));
      }
    }
    List<String> args = new ArrayList<>(before);
    for (List<String> w : c.words) {
      args.add(w.get(r.nextInt(w.size())));
    }
    List<String> rest = new ArrayList<>();
    for (List<String> p : parts) {
      rest.addAll(p);
    }
    // positionals anywhere between options, in their order
    int at = 0;
    for (String p : positionals) {
      at = at + r.nextInt(rest.size() - at + 1);
      while (at > 0 && at < rest.size() && isValueAt(rest, at, g, c)) {
        at++;
      }
      rest.add(at, p);
      at++;
    }
    args.addAll(rest);
    if (r.nextInt(4) == 0) {
      mutate(args, g, c, r);
    }
    return args;
  }

  /**
   * Whether {@code rest[at]} is the value of the option before it (a positional cannot go there).
   */
  private static boolean isValueAt(
      List<String> rest, int at, FastCommands.Grammar g, FastCommands.Cmd c) {
    String prev = rest.get(at - 1);
    for (FastCommands.Opt o : c.options) {
      if (!o.flag && o.names.contains(prev)) {
        return true;
      }
    }
    for (FastCommands.Opt o : g.rootOptions) {
      if (!o.flag && o.names.contains(prev)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> option(FastCommands.Opt o, Random r) {
    String name = o.names.get(r.nextInt(o.names.size()));
    if (o.flag) {
      return List.of(name);
    }
    String v = value(o, r);
    return name.startsWith("--") && r.nextBoolean() ? List.of(name + "=" + v) : List.of(name, v);
  }

  private static final String[] WORDS = {
    "root", "targets", "example.com/app", "sign", "a b", "x=y", "0123abcd", "pkcs11:token=t"
  };

  private static String value(FastCommands.Opt o, Random r) {
    switch (o.type) {
      case "java.lang.Integer":
      case "int":
      case "java.lang.Long":
      case "long":
        return String.valueOf(r.nextInt(100_000_000));
      case "java.nio.file.Path":
        return r.nextBoolean() ? "/tmp/f" + r.nextInt(9) : "dir/file.json";
      default:
        return WORDS[r.nextInt(WORDS.length)];
    }
  }

  /** One thing wrong or unusual, of the kinds the fast path must leave to picocli. */
  private static void mutate(
      List<String> args, FastCommands.Grammar g, FastCommands.Cmd c, Random r) {
    int at = args.isEmpty() ? 0 : r.nextInt(args.size() + 1);
    switch (r.nextInt(12)) {
      case 0:
        args.add(at, "--help");
        break;
      case 1:
        args.add(at, "--nope");
        break;
      case 2:
        args.add("--");
        break;
      case 3:
        args.add(at, "@argfile");
        break;
      case 4:
        if (!c.options.isEmpty()) {
          FastCommands.Opt o = c.options.get(r.nextInt(c.options.size()));
          args.addAll(option(o, r)); // maybe twice
        }
        break;
      case 5:
        args.add("extra-positional");
        break;
      case 6:
        args.remove(args.size() - 1);
        break;
      case 7:
        args.add(at, "");
        break;
      case 8:
        args.add(at, "-");
        break;
      case 9:
        for (FastCommands.Opt o : c.options) {
          if (!o.flag && o.names.stream().anyMatch(n -> !n.startsWith("--"))) {
            String s = o.names.stream().filter(n -> !n.startsWith("--")).findFirst().get();
            args.add(s + value(o, r)); // -kVALUE
            break;
          }
        }
        break;
      case 10:
        for (FastCommands.Opt o : c.options) {
          if (!o.flag) {
            args.add(o.names.get(0));
            args.add("-" + value(o, r)); // a value that looks like an option
            break;
          }
        }
        break;
      default:
        args.add(at, "-V");
        break;
    }
  }

  /** {root, command} as picocli fills them for {@code args}, or null if picocli refuses them. */
  private static Object[] picocli(String[] args) {
    KeysCommand root = new KeysCommand(Map.of(), NO_TERMINAL);
    CommandLine cl = CommandLines.forArgs(root, args);
    ParseResult pr;
    try {
      pr = cl.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return null;
    }
    for (ParseResult p = pr; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
        return null;
      }
      if (!p.hasSubcommand()) {
        return new Object[] {root, p.commandSpec().userObject()};
      }
    }
    return null;
  }

  /** The option fields of a command object, mixins included (parents and specs left out). */
  private static Map<String, Object> fields(Object o) throws IllegalAccessException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Field f : o.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())
          || f.isAnnotationPresent(CommandLine.ParentCommand.class)
          || f.isAnnotationPresent(CommandLine.Spec.class)) {
        continue;
      }
      f.setAccessible(true);
      Object v = f.get(o);
      if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
        assertNotNull(v, "mixin " + f.getName() + " not made");
        for (Map.Entry<String, Object> e : fields(v).entrySet()) {
          out.put(f.getName() + "." + e.getKey(), e.getValue());
        }
      } else if (f.isAnnotationPresent(CommandLine.Option.class)
          || f.isAnnotationPresent(CommandLine.Parameters.class)) {
        out.put(f.getName(), v);
      }
    }
    return out;
  }

  @Test
  void signThroughTheFastPath_printsWhatPicocliPrints() throws Exception {
    Path trust = tmp.resolve("trust");
    Path message = Files.writeString(tmp.resolve("m"), "message");
    Map<String, String> env =
        Map.of("HOME", tmp.toString(), "NOTARY_ROOT_PASSPHRASE", "correct horse");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(
        0,
        TestMain.run(
            new String[] {"-d", trust.toString(), "generate", "--role", "root"},
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            NO_TERMINAL,
            2048),
        err.toString());
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("keyID: ([0-9a-f]{64})").matcher(out.toString());
    assertTrue(m.find(), out.toString());
    String[] args = {
      "-d",
      trust.toString(),
      "sign",
      "--key",
      m.group(1),
      "-o",
      tmp.resolve("sig").toString(),
      message.toString()
    };
    assertNotNull(FastCommands.parse(grammar(), args));
    StringWriter fastErr = new StringWriter();
    assertEquals(
        0,
        TestMain.run(
            args,
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(fastErr, true),
            env,
            NO_TERMINAL,
            2048));
    byte[] fastSig = Files.readAllBytes(tmp.resolve("sig"));
    StringWriter slowErr = new StringWriter();
    assertEquals(
        0,
        Main.runPicocli(
            args,
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(slowErr, true),
            env,
            NO_TERMINAL));
    assertEquals(slowErr.toString(), fastErr.toString());
    assertEquals(64, fastSig.length, "a raw P-256 signature");
    assertTrue(fastErr.toString().startsWith("Signed " + message + " with "), fastErr.toString());
  }
}
