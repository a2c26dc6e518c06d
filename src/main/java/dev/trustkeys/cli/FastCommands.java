package dev.trustkeys.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The start-up fast path of the commands that unlock and sign ({@link #COMMANDS}): their command
 * lines parsed without building picocli's model, which costs a cold JVM about a tenth of a second
 * (it reads every annotation of the command, and the JDK spins a proxy class per annotation type,
 * which the CDS archive cannot hold; docs/performance.md).
 *
 * <p>The grammar is not written here: the build writes it from picocli's model of these commands
 * into the resource {@value #TABLE} ({@code FastCommandTable}, src/build), and {@code
 * FastCommandsTest} checks the table is what the model says and that every command line this class
 * accepts sets exactly the fields picocli sets. It accepts the plain forms only: {@code --name
 * VALUE}, {@code --name=VALUE}, {@code -n VALUE}, flags, and positional parameters, each option at
 * most once unless picocli collects it in a list, values that do not start with "-" or "@" and name
 * no command. Anything else (help, an unknown, repeated or misplaced option, a missing required
 * one, a value picocli would convert differently, an argument file) returns null, and picocli
 * parses the command line, errors and help included.
 */
final class FastCommands {
  private FastCommands() {}

  /** The commands that take this path, as picocli names them. */
  static final List<String> COMMANDS =
      List.of("sign", "generate", "tuf sign", "tag sign", "signer add");

  /** The grammar's resource, beside this class. */
  static final String TABLE = "fast-commands.tsv";

  /**
   * An option or positional parameter of the grammar: its names, whether it takes a value or
   * several (a repeatable option; a positional that takes the rest), its type (of each value) and
   * field.
   */
  static final class Opt {
    final List<String> names;
    final boolean flag;
    final boolean multi;
    final String type;
    final String field;
    final boolean required;
    final String defaultValue;

    Opt(
        List<String> names,
        boolean flag,
        boolean multi,
        String type,
        String field,
        boolean required,
        String dv) {
      this.names = names;
      this.flag = flag;
      this.multi = multi;
      this.type = type;
      this.field = field;
      this.required = required;
      this.defaultValue = dv;
    }
  }

  /** A command of the grammar. */
  static final class Cmd {
    /** Each word of the command's path, with its aliases. */
    final List<List<String>> words;

    final String className;

    /** The {@code @ParentCommand} fields from the command up to the root command. */
    final List<String> parents;

    /**
     * The mixin fields ({@code @Mixin}), instantiated as picocli does: paths from the command
     * ("serverFlags", "serverFlags.tls"), each after the mixin that holds it.
     */
    final List<String> mixins = new ArrayList<>();

    final List<Opt> options = new ArrayList<>();

    /** Positional parameters by index (the last may take the rest: {@link Opt#multi}). */
    final List<Opt> positionals = new ArrayList<>();

    Cmd(List<List<String>> words, String className, List<String> parents) {
      this.words = words;
      this.className = className;
      this.parents = parents;
    }
  }

  /** The grammar: the root command's options and the fast commands. */
  static final class Grammar {
    final List<Opt> rootOptions = new ArrayList<>();
    final List<Cmd> commands = new ArrayList<>();

    /**
     * Every word of the commands' names: picocli refuses an option value that names a command, so
     * the fast path leaves such command lines to it.
     */
    final List<String> words = new ArrayList<>();
  }

  /** The grammar in {@value #TABLE}, or null when the jar has none (then picocli parses). */
  static Grammar grammar() {
    try (InputStream in = FastCommands.class.getResourceAsStream(TABLE)) {
      return in == null ? null : read(in);
    } catch (IOException e) {
      return null;
    }
  }

  /** Reads a table as {@code FastCommandTable} writes it (tab-separated; "#" starts a comment). */
  static Grammar read(InputStream in) throws IOException {
    Grammar g = new Grammar();
    Map<String, Cmd> byPath = new HashMap<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = r.readLine(); line != null; line = r.readLine()) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      switch (f[0]) {
        case "command":
          Cmd c = new Cmd(words(f[1]), f[2], f[3].isEmpty() ? List.of() : split(f[3], '.'));
          g.commands.add(c);
          for (List<String> w : c.words) {
            g.words.addAll(w);
          }
          byPath.put(f[1], c);
          break;
        case "mixin":
          byPath.get(f[1]).mixins.add(f[2]);
          break;
        case "option":
          Opt o = option(f);
          if (f[1].isEmpty()) {
            g.rootOptions.add(o);
          } else {
            byPath.get(f[1]).options.add(o);
          }
          break;
        case "positional":
          byPath.get(f[1]).positionals.add(option(f));
          break;
        default:
          throw new IOException("unknown line in " + TABLE + ": " + f[0]);
      }
    }
    return g;
  }

  /**
   * {@code option|positional PATH NAMES|INDEX ARITY TYPE FIELD required|"" DEFAULT|""}, ARITY 0 (a
   * flag), 1 (one value) or 1* (a value each time, collected in a list).
   */
  private static Opt option(String[] f) {
    return new Opt(
        split(f[2], '|'),
        f[3].equals("0"),
        f[3].equals("1*"),
        f[4],
        f[5],
        f[6].equals("required"),
        f[7].isEmpty() ? null : unescape(f[7]));
  }

  private static List<List<String>> words(String path) {
    List<List<String>> out = new ArrayList<>();
    for (String w : split(path, ' ')) {
      out.add(split(w, '|'));
    }
    return out;
  }

  private static List<String> split(String s, char sep) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == sep) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    return out;
  }

  /** A default value as the table writes it: backslash, tab and newline escaped. */
  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  /** What a command line the fast path accepts sets: field paths and their values. */
  static final class Parsed {
    final Cmd command;
    final Map<String, Object> rootValues = new HashMap<>();
    final Map<String, Object> values = new HashMap<>();

    Parsed(Cmd command) {
      this.command = command;
    }
  }

  /** The command line parsed by {@code g}, or null when the fast path does not take it. */
  static Parsed parse(Grammar g, String[] args) {
    int i = 0;
    Map<String, Object> rootValues = new HashMap<>();
    while (i < args.length && args[i].startsWith("-")) {
      i = option(g.rootOptions, args, i, rootValues, g.words);
      if (i < 0) {
        return null;
      }
    }
    Cmd cmd = null;
    for (Cmd c : g.commands) {
      if (names(c, args, i)) {
        cmd = c;
      }
    }
    if (cmd == null) {
      return null;
    }
    Parsed p = new Parsed(cmd);
    p.rootValues.putAll(rootValues);
    int positional = 0;
    for (i += cmd.words.size(); i < args.length; ) {
      String a = args[i];
      if (a.startsWith("-")) {
        int next = option(cmd.options, args, i, p.values, g.words);
        if (next == -2) {
          next = option(g.rootOptions, args, i, p.rootValues, g.words);
        }
        if (next < 0) {
          return null;
        }
        i = next;
      } else {
        if (positional >= cmd.positionals.size() || !plainValue(a)) {
          return null;
        }
        Opt o = cmd.positionals.get(positional);
        Object v = convert(o.type, a);
        if (v == null) {
          return null;
        }
        if (o.multi) {
          add(p.values, o.field, v);
        } else {
          p.values.put(o.field, v);
          positional++;
        }
        i++;
      }
    }
    for (Opt o : cmd.options) {
      if (o.required && !p.values.containsKey(o.field)) {
        return null;
      }
    }
    for (Opt o : cmd.positionals) {
      if (o.required && !p.values.containsKey(o.field)) {
        return null;
      }
    }
    return p;
  }

  /**
   * Whether {@code args} name command {@code c} from {@code at} (its words, one after the other).
   */
  private static boolean names(Cmd c, String[] args, int at) {
    if (at + c.words.size() > args.length) {
      return false;
    }
    for (int w = 0; w < c.words.size(); w++) {
      if (!c.words.get(w).contains(args[at + w])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Consumes the option at {@code args[i]} into {@code values}; returns the index after it, -2 when
   * {@code options} has no such option, -1 when the fast path does not take it (as for a value that
   * is one of {@code commandWords}).
   */
  private static int option(
      List<Opt> options,
      String[] args,
      int i,
      Map<String, Object> values,
      List<String> commandWords) {
    String a = args[i];
    int eq = a.startsWith("--") ? a.indexOf('=') : -1;
    String name = eq < 0 ? a : a.substring(0, eq);
    Opt o = null;
    for (Opt candidate : options) {
      if (candidate.names.contains(name)) {
        o = candidate;
      }
    }
    if (o == null) {
      return -2;
    }
    if (values.containsKey(o.field) && !o.multi) {
      return -1; // picocli refuses an option given twice
    }
    if (o.flag) {
      if (eq >= 0) {
        return -1;
      }
      values.put(o.field, Boolean.TRUE);
      return i + 1;
    }
    String value;
    int next;
    if (eq >= 0) {
      value = a.substring(eq + 1);
      next = i + 1;
    } else if (i + 1 < args.length) {
      value = args[i + 1];
      next = i + 2;
    } else {
      return -1;
    }
    Object v = plainValue(value) && !commandWords.contains(value) ? convert(o.type, value) : null;
    if (v == null) {
      return -1;
    }
    if (o.multi) {
      add(values, o.field, v);
    } else {
      values.put(o.field, v);
    }
    return next;
  }

  @SuppressWarnings("unchecked")
  private static void add(Map<String, Object> values, String field, Object v) {
    Object list = values.get(field);
    if (list == null) {
      list = new ArrayList<Object>();
      values.put(field, list);
    }
    ((List<Object>) list).add(v);
  }

  /** A value picocli takes as it is: not empty, not option-like, not an argument file. */
  private static boolean plainValue(String v) {
    return !v.isEmpty() && !v.startsWith("-") && !v.startsWith("@");
  }

  /**
   * {@code text} as picocli's built-in converter for {@code type} makes it; null if it would fail.
   */
  static Object convert(String type, String text) {
    switch (type) {
      case "java.lang.String":
        return text;
      case "java.nio.file.Path":
        try {
          return Path.of(text);
        } catch (InvalidPathException e) {
          return null;
        }
      case "java.lang.Integer":
      case "int":
        try {
          return Integer.valueOf(text);
        } catch (NumberFormatException e) {
          return null;
        }
      case "java.lang.Long":
      case "long":
        try {
          return Long.valueOf(text);
        } catch (NumberFormatException e) {
          return null;
        }
      case "boolean":
      case "java.lang.Boolean":
        return "true".equalsIgnoreCase(text)
            ? Boolean.TRUE
            : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
      default:
        throw new IllegalStateException("the fast path has no converter for " + type);
    }
  }

  /**
   * The command object of {@code p}, filled as picocli fills it: its parents up to {@code root},
   * its mixins, default values, then the values given. {@code root} gets the root options given.
   */
  @SuppressWarnings("unchecked")
  static Callable<Integer> instantiate(Parsed p, KeysCommand root) {
    try {
      for (Map.Entry<String, Object> e : p.rootValues.entrySet()) {
        field(KeysCommand.class, e.getKey()).set(root, e.getValue());
      }
      Cmd c = p.command;
      Object command = newInstance(Class.forName(c.className));
      Object child = command;
      for (int i = 0; i < c.parents.size(); i++) {
        Field f = field(child.getClass(), c.parents.get(i));
        Object parent = i == c.parents.size() - 1 ? root : newInstance(f.getType());
        f.set(child, parent);
        child = parent;
      }
      for (String m : c.mixins) {
        int dot = m.lastIndexOf('.');
        Object owner = dot < 0 ? command : at(command, m.substring(0, dot));
        Field f = field(owner.getClass(), m.substring(dot + 1));
        f.set(owner, newInstance(f.getType()));
      }
      for (Opt o : c.options) {
        if (o.defaultValue != null && !o.multi && !p.values.containsKey(o.field)) {
          set(command, o.field, convert(o.type, o.defaultValue));
        }
      }
      for (Map.Entry<String, Object> e : p.values.entrySet()) {
        set(command, e.getKey(), e.getValue());
      }
      return (Callable<Integer>) command;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the fast path's table does not fit the classes", e);
    }
  }

  /** Sets the field at {@code path} ("field", "mixin.field", "mixin.mixin.field"). */
  private static void set(Object command, String path, Object value)
      throws ReflectiveOperationException {
    int dot = path.lastIndexOf('.');
    Object owner = dot < 0 ? command : at(command, path.substring(0, dot));
    field(owner.getClass(), path.substring(dot + 1)).set(owner, value);
  }

  /** The object at {@code path} of fields from {@code command}. */
  private static Object at(Object command, String path) throws ReflectiveOperationException {
    Object o = command;
    for (String name : split(path, '.')) {
      o = field(o.getClass(), name).get(o);
    }
    return o;
  }

  private static Field field(Class<?> c, String name) throws NoSuchFieldException {
    Field f = c.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  private static Object newInstance(Class<?> c) throws ReflectiveOperationException {
    Constructor<?> k = c.getDeclaredConstructor();
    k.setAccessible(true);
    return k.newInstance();
  }
}
