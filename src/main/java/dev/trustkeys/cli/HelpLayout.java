package dev.trustkeys.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How {@code keys ... --help} reads: a subcommand's synopsis and option list show its own options
 * only, and one line names the global ones ({@code keys --help} describes them); then the
 * environment variables the command reads and examples ({@link HelpContent}), before picocli's
 * footer.
 */
final class HelpLayout {
  static final String GLOBAL = "keysGlobalOptions";
  static final String ENVIRONMENT = "keysEnvironment";
  static final String EXAMPLES = "keysExamples";
  private static final String INDENT = "  ";

  private HelpLayout() {}

  /** Sets {@code cl}'s help up (not its subcommands'). */
  static void apply(CommandLine cl) {
    cl.getCommandSpec().usageMessage().sectionMap().put(GLOBAL, new Section(GLOBAL));
    cl.getCommandSpec().usageMessage().sectionMap().put(ENVIRONMENT, new Section(ENVIRONMENT));
    cl.getCommandSpec().usageMessage().sectionMap().put(EXAMPLES, new Section(EXAMPLES));
    List<String> keys = new ArrayList<>(cl.getCommandSpec().usageMessage().sectionKeys());
    if (!keys.contains(EXAMPLES)) {
      int at = keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
      keys.addAll(at < 0 ? keys.size() : at, List.of(GLOBAL, ENVIRONMENT, EXAMPLES));
      cl.getCommandSpec().usageMessage().sectionKeys(keys);
    }
    cl.getCommandSpec().usageMessage().helpFactory(new Factory());
  }

  /** The command's name after "keys": "" for keys itself, "ceremony plan". */
  static String path(CommandSpec spec) {
    String q = spec.qualifiedName(" ");
    int space = q.indexOf(' ');
    return space < 0 ? "" : q.substring(space + 1);
  }

  /** The options keys itself defines and every subcommand inherits (-d, --module, ...). */
  static boolean global(OptionSpec o) {
    return o.inherited();
  }

  static List<OptionSpec> own(List<OptionSpec> options) {
    List<OptionSpec> own = new ArrayList<>();
    for (OptionSpec o : options) {
      if (!global(o)) {
        own.add(o);
      }
    }
    return own;
  }

  /** "-d/--trust-dir DIR, --module PATH|NAME, ..." for the line under a subcommand's options. */
  static String globalSummary(CommandSpec spec) {
    List<String> names = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (global(o) && !o.hidden()) {
        names.add(String.join("/", o.names()) + (o.arity().max() > 0 ? " " + o.paramLabel() : ""));
      }
    }
    return String.join(", ", names);
  }

  /** A help without the inherited options in the synopsis and the option list. */
  static final class Factory implements IHelpFactory {
    @Override
    public Help create(CommandSpec spec, ColorScheme scheme) {
      return new OwnOptionsHelp(spec, scheme);
    }
  }

  static final class OwnOptionsHelp extends Help {
    OwnOptionsHelp(CommandSpec spec, ColorScheme scheme) {
      super(spec, scheme);
    }

    @Override
    protected Ansi.Text createDetailedSynopsisOptionsText(
        Collection<ArgSpec> done,
        List<OptionSpec> options,
        Comparator<OptionSpec> sort,
        boolean cluster) {
      return super.createDetailedSynopsisOptionsText(done, own(options), sort, cluster);
    }

    @Override
    public String optionListExcludingGroups(
        List<OptionSpec> options,
        Layout layout,
        Comparator<OptionSpec> sort,
        IParamLabelRenderer labels) {
      return super.optionListExcludingGroups(own(options), layout, sort, labels);
    }
  }

  /** One of the three sections; each renders nothing when the command has nothing for it. */
  static final class Section implements IHelpSectionRenderer {
    private final String kind;

    Section(String kind) {
      this.kind = kind;
    }

    @Override
    public String render(Help help) {
      CommandSpec spec = help.commandSpec();
      StringBuilder s = new StringBuilder();
      String nl = System.lineSeparator();
      if (kind.equals(GLOBAL)) {
        String global = globalSummary(spec);
        if (!global.isEmpty()) {
          s.append(nl)
              .append(wrap("Global options (see 'keys --help'): " + global + ".", width(spec), 2));
        }
        return s.toString();
      }
      HelpContent.Entry e = HelpContent.of(path(spec));
      if (e == null) {
        return "";
      }
      if (kind.equals(ENVIRONMENT) && !e.environment().isEmpty()) {
        s.append(nl).append("Environment:").append(nl);
        for (HelpContent.Variable v : e.environment()) {
          s.append(wrap(INDENT + v.names(), width(spec), 4))
              .append(wrap("      " + v.meaning(), width(spec), 6));
        }
      } else if (kind.equals(EXAMPLES) && !e.examples().isEmpty()) {
        s.append(nl).append("Examples:").append(nl);
        for (String line : e.examples()) {
          s.append(INDENT).append(line).append(nl);
        }
      }
      return s.toString();
    }
  }

  private static int width(CommandSpec spec) {
    return spec.usageMessage().width();
  }

  /**
   * Wraps {@code line} at spaces to {@code width} columns; continuation lines are indented by
   * {@code indent}.
   */
  static String wrap(String line, int width, int indent) {
    String nl = System.lineSeparator();
    StringBuilder out = new StringBuilder();
    int lead = 0;
    while (lead < line.length() && line.charAt(lead) == ' ') {
      lead++;
    }
    StringBuilder current = new StringBuilder(line.substring(0, lead));
    boolean empty = true;
    for (String word : line.substring(lead).split(" ")) {
      if (!empty && current.length() + 1 + word.length() > width) {
        out.append(current).append(nl);
        current = new StringBuilder(" ".repeat(indent));
        empty = true;
      }
      if (!empty) {
        current.append(' ');
      }
      current.append(word);
      empty = false;
    }
    return out.append(current).append(nl).toString();
  }
}
