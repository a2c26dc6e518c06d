package dev.trustkeys.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Build-time generator (run by the exec plugin in the {@code package} phase): {@code
 * completion/keys}, a bash completion script that zsh also loads (through {@code bashcompinit}),
 * and {@code man/keys.1} plus one {@code man/keys-COMMAND[-SUB].1} per subcommand, all from the
 * picocli model. {@code keys completion} prints the same script at run time.
 */
public final class Extras {
  private Extras() {}

  /** {@code Extras TARGET_DIR VERSION}. */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[0]);
    String version = args.length > 1 ? args[1] : "";
    CommandLine cl = commandLine();
    Path completion = target.resolve("completion");
    Files.createDirectories(completion);
    Files.writeString(completion.resolve("keys"), completionScript(cl), StandardCharsets.UTF_8);
    Path man = target.resolve("man");
    Files.createDirectories(man);
    int n = 0;
    for (CommandLine c : all(cl)) {
      Files.writeString(
          man.resolve(pageName(c.getCommandSpec()) + ".1"),
          manPage(c, version),
          StandardCharsets.UTF_8);
      n++;
    }
    System.out.println(
        "keys: wrote " + completion.resolve("keys") + " and " + n + " man pages in " + man);
  }

  static CommandLine commandLine() {
    return CommandLines.full(
        new KeysCommand(Map.of(), dev.trustkeys.core.secret.Terminal.system()));
  }

  static String completionScript(CommandLine cl) {
    return Completion.script(cl);
  }

  /** The command and every subcommand, depth first (aliases once). */
  static List<CommandLine> all(CommandLine cl) {
    List<CommandLine> out = new ArrayList<>();
    out.add(cl);
    for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
      out.addAll(all(sub));
    }
    return out;
  }

  /** "keys", "keys-generate", "keys-ceremony-plan". */
  static String pageName(CommandSpec spec) {
    return spec.qualifiedName("-");
  }

  static String manPage(CommandLine cl, String version) {
    CommandSpec spec = cl.getCommandSpec();
    String name = pageName(spec);
    StringBuilder m = new StringBuilder();
    m.append(".TH \"")
        .append(name.toUpperCase(Locale.ROOT))
        .append("\" \"1\" \"\" \"keys ")
        .append(esc(version))
        .append("\" \"keys manual\"\n");
    m.append(".SH NAME\n")
        .append(esc(name))
        .append(" \\- ")
        .append(esc(first(spec.usageMessage().description())))
        .append('\n');
    m.append(".SH SYNOPSIS\n.B ").append(esc(spec.qualifiedName())).append('\n');
    String synopsis = cl.getHelp().synopsis(0).trim();
    String rest =
        synopsis.startsWith(spec.qualifiedName())
            ? synopsis.substring(spec.qualifiedName().length())
            : "";
    if (!rest.isBlank()) {
      m.append(esc(rest.replaceAll("\\s+", " ").trim())).append('\n');
    }
    m.append(".SH DESCRIPTION\n");
    for (String d : spec.usageMessage().description()) {
      m.append(esc(d)).append("\n.PP\n");
    }
    List<PositionalParamSpec> params = spec.positionalParameters();
    if (!params.isEmpty()) {
      m.append(".SH ARGUMENTS\n");
      for (PositionalParamSpec p : params) {
        m.append(".TP\n.I ")
            .append(esc(p.paramLabel()))
            .append('\n')
            .append(esc(description(p)))
            .append('\n');
      }
    }
    if (!spec.options().isEmpty()) {
      m.append(".SH OPTIONS\n");
      for (OptionSpec o : spec.options()) {
        if (o.hidden() || HelpLayout.global(o)) {
          continue;
        }
        m.append(".TP\n.B ").append(esc(String.join(", ", o.names())));
        if (o.arity().max() > 0) {
          m.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
        }
        m.append('\n').append(esc(description(o))).append('\n');
      }
    }
    String global = HelpLayout.globalSummary(spec);
    if (!global.isEmpty()) {
      m.append(".PP\nGlobal options (described in \\fBkeys\\fR(1)): ")
          .append(esc(global))
          .append(".\n");
    }
    HelpContent.Entry entry = HelpContent.of(HelpLayout.path(spec));
    if (entry != null && !entry.environment().isEmpty()) {
      m.append(".SH ENVIRONMENT\n");
      for (HelpContent.Variable v : entry.environment()) {
        m.append(".TP\n.B ")
            .append(esc(v.names()))
            .append('\n')
            .append(esc(v.meaning()))
            .append('\n');
      }
    }
    if (!cl.getSubcommands().isEmpty()) {
      m.append(".SH COMMANDS\n");
      for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
        CommandSpec s = sub.getCommandSpec();
        m.append(".TP\n.B ")
            .append(esc(s.name()))
            .append('\n')
            .append(esc(first(s.usageMessage().description())))
            .append(" See \\fB")
            .append(esc(pageName(s)))
            .append("\\fR(1).\n");
      }
    }
    if (entry != null && !entry.examples().isEmpty()) {
      m.append(".SH EXAMPLES\n");
      boolean open = false;
      for (String line : entry.examples()) {
        if (line.startsWith("#")) {
          m.append(open ? ".fi\n.RE\n" : "")
              .append(".PP\n")
              .append(esc(line.substring(1).trim()))
              .append(":\n");
          open = false;
        } else {
          m.append(open ? "" : ".RS\n.nf\n").append(esc(line)).append('\n');
          open = true;
        }
      }
      m.append(open ? ".fi\n.RE\n" : "");
    }
    m.append(
            ".SH EXIT STATUS\n0 success, 1 failure, 2 usage error, 3 wrong passphrase or PIN, 4 not found,\n")
        .append(
            "5 input needed but none available, 6 device problem, 7 verification failed, 8 conflict.\n")
        .append("\\fBkeys doctor\\fR exits 1 when it reports an error-level finding.\n");
    m.append(".SH SEE ALSO\n");
    m.append(spec.parent() == null ? "" : "\\fB" + esc(pageName(spec.parent())) + "\\fR(1), ");
    m.append("the guides in docs/ of the keys source tree.\n");
    return m.toString();
  }

  private static String description(ArgSpec a) {
    return String.join(" ", a.description())
        .replace("${DEFAULT-VALUE}", String.valueOf(a.defaultValue()));
  }

  private static String first(String[] lines) {
    return lines.length == 0 ? "" : lines[0];
  }

  /** troff: backslashes doubled, hyphens escaped, no line starting with a control character. */
  static String esc(String s) {
    String e = s.replace("\\", "\\e").replace("-", "\\-");
    e = e.replace("\n", " ");
    return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
  }
}
