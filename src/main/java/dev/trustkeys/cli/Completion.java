package dev.trustkeys.cli;

import dev.trustkeys.backend.pkcs11.ModuleType;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.Role;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The shell completion script ({@code keys completion}, target/completion/keys): picocli's, which
 * completes commands, options and the values listed here ({@code --role}, {@code --algorithm},
 * {@code --module}), followed by a wrapper that offers the key IDs of the trust directory
 * (-d/--trust-dir on the line, else $DOCKER_CONFIG/trust, else ~/.docker/trust) where a command
 * takes a key ID.
 */
final class Completion {
  private Completion() {}

  /** {@code --role}: the roles of the trust model; a delegation is typed as targets/NAME. */
  static final class Roles implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of(
              Role.ROOT.name(),
              Role.TARGETS.name(),
              Role.SNAPSHOT.name(),
              Role.TIMESTAMP.name(),
              Role.DELEGATION.name(),
              Role.TARGETS.name() + "/")
          .iterator();
    }
  }

  /** {@code --algorithm}: what keys can create. */
  static final class Algorithms implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      for (Algorithm a : Algorithm.values()) {
        names.add(a.cliName());
      }
      return names.iterator();
    }
  }

  /** {@code --module}: the module names keys finds by itself (a path completes as a file name). */
  static final class Modules implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new ArrayList<>();
      for (ModuleType t : ModuleType.values()) {
        if (t != ModuleType.GENERIC) {
          names.add(t.value());
        }
      }
      return names.iterator();
    }
  }

  /** The bash script (zsh loads it through bashcompinit) for the command line {@code root}. */
  static String script(CommandLine root) {
    return AutoComplete.bash("keys", root) + keyIds(root);
  }

  /**
   * The wrapper around picocli's {@code _complete_keys}: key IDs for the arguments labelled KEYID
   * and for the options whose value is a key (labelled ID, ID|URI or K), found in the picocli
   * model.
   */
  private static String keyIds(CommandLine root) {
    TreeSet<String> commands = new TreeSet<>();
    TreeSet<String> options = new TreeSet<>();
    collect(root, commands, options);
    return "\n# keys: key IDs from the trust directory where a command takes one\n"
        + "function _keys_key_ids() {\n"
        + "  local dir=\"${DOCKER_CONFIG:-$HOME/.docker}/trust\" i f\n"
        + "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
        + "    case ${COMP_WORDS[i]} in\n"
        + "      -d|--trust-dir) dir=${COMP_WORDS[i+1]/#\\~/$HOME} ;;\n"
        + "      --trust-dir=*) dir=${COMP_WORDS[i]#--trust-dir=}; dir=${dir/#\\~/$HOME} ;;\n"
        + "    esac\n"
        + "  done\n"
        + "  for f in \"$dir\"/private/*.key \"$dir\"/private/*/*.key; do\n"
        + "    [[ -f $f ]] || continue\n"
        + "    f=${f##*/}\n"
        + "    printf '%s\\n' \"${f%.key}\"\n"
        + "  done\n"
        + "}\n"
        + "function _keys_complete() {\n"
        + "  local curr=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=\"\" i\n"
        + "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
        + "    case ${COMP_WORDS[i]} in\n"
        + "      -d|--trust-dir|--module|--passphrase-file) ((i++)) ;;\n"
        + "      -*) ;;\n"
        + "      *) cmd=\"$cmd ${COMP_WORDS[i]}\" ;;\n"
        + "    esac\n"
        + "  done\n"
        + "  case $prev in\n"
        + "    "
        + String.join("|", options)
        + ")\n"
        + "      COMPREPLY=( $(compgen -W \"$(_keys_key_ids)\" -- \"$curr\") ); return 0 ;;\n"
        + "  esac\n"
        + "  if [[ $curr != -* ]]; then\n"
        + "    case ${cmd# } in\n"
        + "      "
        + String.join("|", quoted(commands))
        + ")\n"
        + "        COMPREPLY=( $(compgen -W \"$(_keys_key_ids)\" -- \"$curr\") ); return 0 ;;\n"
        + "    esac\n"
        + "  fi\n"
        + "  _complete_keys \"$@\"\n"
        + "}\n"
        + "complete -F _keys_complete -o default keys keys.sh keys.bash\n";
  }

  /**
   * Each command word that takes key IDs, with the words before it: a pattern per alias ("remove",
   * "rm").
   */
  private static void collect(CommandLine cl, TreeSet<String> commands, TreeSet<String> options) {
    CommandSpec spec = cl.getCommandSpec();
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (p.paramLabel().startsWith("KEYID")) {
        String path = HelpLayout.path(spec);
        commands.add(path + (p.isMultiValue() ? "*" : ""));
        for (String alias : spec.aliases()) {
          String parent = path.contains(" ") ? path.substring(0, path.lastIndexOf(' ') + 1) : "";
          commands.add(parent + alias + (p.isMultiValue() ? "*" : ""));
        }
      }
    }
    for (OptionSpec o : spec.options()) {
      String label = o.paramLabel();
      if (label.equals("ID")
          || label.equals("ID|URI")
          || label.equals("K")
          || label.equals("KEYID")
          || label.equals("PUBFILE|KEYID")) {
        for (String n : o.names()) {
          options.add(n);
        }
      }
    }
    for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
      collect(sub, commands, options);
    }
  }

  /**
   * "remove" as a case pattern that also matches later words typed: "remove", "export*" as
   * "export"|"export *".
   */
  private static List<String> quoted(TreeSet<String> commands) {
    List<String> out = new ArrayList<>();
    for (String c : commands) {
      if (c.endsWith("*")) {
        String name = c.substring(0, c.length() - 1);
        out.add("'" + name + "'");
        out.add("'" + name + " '*");
      } else {
        out.add("'" + c + "'");
      }
    }
    return out;
  }
}
