package dev.trustkeys.cli;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Build-time generator (run by the exec plugin after the tests are compiled, before they run): the
 * grammar of the signing commands' fast path ({@link FastCommands}), written from picocli's model
 * into {@code target/classes/dev/trustkeys/cli/fast-commands.tsv}, so that the jar holds it.
 *
 * <p>It refuses (and so fails the build) a fast command the fast path could not parse as picocli
 * does: one with a picocli spec, an argument group, unmatched arguments, subcommands, an option of
 * a type or arity it has no converter for, or a parent command with options of its own.
 */
public final class FastCommandTable {
  private FastCommandTable() {}

  /** The types {@link FastCommands#convert} converts as picocli's built-in converters do. */
  private static final Set<String> TYPES =
      Set.of(
          "java.lang.String",
          "java.nio.file.Path",
          "java.lang.Integer",
          "int",
          "java.lang.Long",
          "long",
          "boolean");

  /** {@code FastCommandTable CLASSES_DIR}. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]).resolve("dev/trustkeys/cli").resolve(FastCommands.TABLE);
    Files.createDirectories(out.getParent());
    Files.writeString(out, table(Extras.commandLine()), StandardCharsets.UTF_8);
    System.out.println("keys: wrote " + out);
  }

  /** The table of {@link FastCommands#COMMANDS}, from the model {@code full} of every command. */
  static String table(CommandLine full) {
    StringBuilder b = new StringBuilder();
    b.append("# The fast path's grammar (cli.FastCommands), written by cli.FastCommandTable from")
        .append(" picocli's model at build time. Do not edit.\n");
    for (OptionSpec o : full.getCommandSpec().options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        String field = field(full.getCommandSpec().userObject().getClass(), o, "");
        require(!field.equals("?"), "", "declares no field for " + o.longestName());
        option(b, "", o, field);
      }
    }
    for (String path : FastCommands.COMMANDS) {
      command(b, full, path);
    }
    return b.toString();
  }

  private static void command(StringBuilder b, CommandLine full, String path) {
    CommandLine cl = full;
    StringBuilder words = new StringBuilder();
    for (String w : path.split(" ")) {
      cl = cl.getSubcommands().get(w);
      if (cl == null) {
        throw new IllegalStateException("no command " + path);
      }
      words
          .append(words.length() == 0 ? "" : " ")
          .append(String.join("|", cl.getCommandSpec().names()));
    }
    CommandSpec spec = cl.getCommandSpec();
    Class<?> type = spec.userObject().getClass();
    require(spec.subcommands().isEmpty(), path, "has subcommands");
    require(spec.argGroups().isEmpty(), path, "has argument groups");
    require(spec.unmatchedArgsBindings().isEmpty(), path, "takes unmatched arguments");
    noSpec(type, path);
    List<String> parents = new ArrayList<>();
    Class<?> at = type;
    for (CommandSpec p = spec.parent(); p != null; p = p.parent()) {
      parents.add(parentField(at, p.userObject().getClass(), path));
      at = p.userObject().getClass();
      for (OptionSpec o : p.options()) {
        require(
            o.inherited() || o.usageHelp() || o.versionHelp() || p.parent() == null,
            path,
            "has a parent command with an option of its own: " + o.longestName());
      }
    }
    b.append("command\t")
        .append(words)
        .append('\t')
        .append(type.getName())
        .append('\t')
        .append(String.join(".", parents))
        .append('\n');
    Map<String, CommandSpec> mixins = new LinkedHashMap<>();
    mixins(type, spec, "", mixins, path);
    for (String m : mixins.keySet()) {
      b.append("mixin\t").append(words).append('\t').append(m).append('\n');
    }
    for (OptionSpec o : spec.options()) {
      if (o.inherited() || o.usageHelp() || o.versionHelp()) {
        continue;
      }
      String field = field(type, o, path);
      for (Map.Entry<String, CommandSpec> m : mixins.entrySet()) {
        String inMixin = field(m.getValue().userObject().getClass(), o, path);
        if (!inMixin.equals("?")) {
          field = m.getKey() + "." + inMixin;
        }
      }
      require(!field.equals("?"), path, "declares no field for " + o.longestName());
      option(b, words.toString(), o, field);
    }
    List<PositionalParamSpec> positionals = spec.positionalParameters();
    for (int i = 0; i < positionals.size(); i++) {
      PositionalParamSpec p = positionals.get(i);
      boolean rest = p.isMultiValue();
      require(
          p.index().min() == i
              && (rest
                  ? p.index().isUnspecified() || p.index().max() == Integer.MAX_VALUE
                  : p.index().max() == i && p.arity().max() == 1)
              && (!rest || i == positionals.size() - 1)
              && p.defaultValue() == null, // the fast path applies no default to a positional
          path,
          "has a positional parameter the fast path does not parse: " + p.paramLabel());
      b.append("positional\t")
          .append(words)
          .append('\t')
          .append(i)
          .append('\t')
          .append(rest ? "1*" : "1")
          .append('\t')
          .append(valueType(p, path))
          .append('\t')
          .append(positionalField(type, p, path))
          .append('\t')
          .append(p.arity().min() >= 1 ? "required" : "")
          .append('\t')
          .append(p.defaultValue() == null ? "" : FastCommands.escape(p.defaultValue()))
          .append('\n');
    }
  }

  /** The mixins of {@code spec} and theirs, by field path from the command ("a", "a.b"). */
  private static void mixins(
      Class<?> type, CommandSpec spec, String prefix, Map<String, CommandSpec> out, String path) {
    for (Map.Entry<String, CommandSpec> m : spec.mixins().entrySet()) {
      Field f = declared(type, m.getKey(), path);
      noSpec(f.getType(), path);
      out.put(prefix + m.getKey(), m.getValue());
      mixins(f.getType(), m.getValue(), prefix + m.getKey() + ".", out, path);
    }
  }

  /**
   * The type of each value of {@code a}: its own, or a list's element type (String only: picocli
   * makes an ArrayList, as the fast path does).
   */
  private static String valueType(CommandLine.Model.ArgSpec a, String path) {
    if (!a.isMultiValue()) {
      return typeName(a.typeInfo().getType(), path);
    }
    require(
        a.typeInfo().getType() == List.class
            && a.typeInfo().getAuxiliaryTypes().length == 1
            && a.typeInfo().getAuxiliaryTypes()[0] == String.class
            && a.splitRegex().isEmpty(),
        path,
        "has a value list the fast path does not parse: " + a.paramLabel());
    return String.class.getName();
  }

  private static void option(StringBuilder b, String words, OptionSpec o, String field) {
    String type = valueType(o, words);
    boolean flag = o.arity().max() == 0;
    boolean multi = o.isMultiValue();
    require(
        flag ? type.equals("boolean") : o.arity().min() == 1 && o.arity().max() == 1,
        words,
        "has an option whose arity the fast path does not parse: " + o.longestName());
    require(
        o.converters().length == 0
            && o.splitRegex().isEmpty()
            && !o.interactive()
            && !o.negatable()
            && (!multi || o.defaultValue() == null)
            // picocli interpolates ${...} in default values; the fast path takes them as written
            && (o.defaultValue() == null || !o.defaultValue().contains("${")),
        words,
        "has an option the fast path does not parse: " + o.longestName());
    b.append("option\t")
        .append(words)
        .append('\t')
        .append(String.join("|", o.names()))
        .append('\t')
        .append(flag ? "0" : multi ? "1*" : "1")
        .append('\t')
        .append(type)
        .append('\t')
        .append(field)
        .append('\t')
        .append(o.required() ? "required" : "")
        .append('\t')
        .append(o.defaultValue() == null ? "" : FastCommands.escape(o.defaultValue()))
        .append('\n');
  }

  private static String typeName(Class<?> c, String path) {
    String name = c.getName();
    require(
        TYPES.contains(name),
        path,
        "has a value of a type the fast path does not convert: " + name);
    return name;
  }

  /** The field of {@code type} (or its superclasses) annotated with option {@code o}'s names. */
  private static String field(Class<?> type, OptionSpec o, String path) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        CommandLine.Option a = f.getAnnotation(CommandLine.Option.class);
        if (a != null && List.of(a.names()).contains(o.longestName())) {
          require(c == type, path, "declares " + o.longestName() + " in a superclass");
          return f.getName();
        }
      }
    }
    return "?"; // not declared here: the caller looks in the mixins
  }

  private static String positionalField(Class<?> type, PositionalParamSpec p, String path) {
    for (Field f : type.getDeclaredFields()) {
      CommandLine.Parameters a = f.getAnnotation(CommandLine.Parameters.class);
      if (a != null && a.paramLabel().equals(p.paramLabel())) {
        return f.getName();
      }
    }
    throw new IllegalStateException(path + ": no field for positional " + p.paramLabel());
  }

  private static String parentField(Class<?> child, Class<?> parent, String path) {
    for (Field f : child.getDeclaredFields()) {
      if (f.isAnnotationPresent(CommandLine.ParentCommand.class) && f.getType() == parent) {
        return f.getName();
      }
    }
    throw new IllegalStateException(path + ": " + child.getName() + " has no @ParentCommand field");
  }

  private static Field declared(Class<?> type, String name, String path) {
    try {
      return type.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(path + ": no mixin field " + name, e);
    }
  }

  /** A fast command fills no picocli spec: it prints through KeysCommand.out()/errors(). */
  private static void noSpec(Class<?> type, String path) {
    for (Field f : type.getDeclaredFields()) {
      require(
          !f.isAnnotationPresent(CommandLine.Spec.class)
              && !f.isAnnotationPresent(CommandLine.Unmatched.class)
              && f.getType() != CommandSpec.class,
          path,
          "has a picocli spec ("
              + type.getSimpleName()
              + "."
              + f.getName()
              + "): print through KeysCommand.out() and errors()");
    }
  }

  private static void require(boolean ok, String path, String problem) {
    if (!ok) {
      throw new IllegalStateException(
          "keys " + path + " cannot take the fast path (cli.FastCommands): it " + problem);
    }
  }
}
