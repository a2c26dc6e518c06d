package dev.trustkeys.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The start-up fast path: {@code keys list} (and {@code keys --version}) without building picocli's
 * command model, which costs more than the listing itself (every subcommand class, its annotations
 * and converters, are reflected on). It accepts only the plain forms; anything else (help, an
 * unknown or misplaced option, a second command word) returns null and picocli handles the command
 * line, errors and help included. The output is the same as picocli's path: both run {@link
 * ListCommand#run}.
 */
final class FastPath {
  private FastPath() {}

  /** What a command line the fast path accepts asks for. */
  static final class Parsed {
    boolean version;
    boolean json;
    boolean verbose;
    String trustDir;
    String module;
    String gun;
    String role;
  }

  /** Runs the command line if the fast path accepts it; null means "use picocli". */
  static Integer run(
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      dev.trustkeys.core.secret.Terminal terminal) {
    Parsed p = parse(args);
    if (p == null) {
      return null;
    }
    if (p.version) {
      for (String line : new VersionProvider().getVersion()) {
        out.println(line);
      }
      out.flush();
      return 0;
    }
    KeysCommand root = new KeysCommand(env, terminal);
    root.trustDir = p.trustDir == null ? null : Path.of(p.trustDir);
    root.module = p.module;
    root.verbose = p.verbose;
    try {
      return ListCommand.run(new Context(root), p.gun, p.role, p.json, out, err);
    } catch (Exception e) {
      return Main.report(e, p.verbose, err);
    }
  }

  /**
   * {@code [-d DIR|--trust-dir[=]DIR|--module[=]M|-v|--verbose]... (list|ls) [same
   * options|--json|--role[=]ROLE]... [GUN]} (GUN anywhere after the command word, once), or {@code
   * --version} / {@code -V} alone; null for anything else.
   */
  static Parsed parse(String[] args) {
    Parsed p = new Parsed();
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      p.version = true;
      return p;
    }
    boolean command = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("list") || a.equals("ls")) {
        if (command) {
          return null;
        }
        command = true;
      } else if (a.equals("--json") && command) {
        p.json = true;
      } else if (a.equals("--role") && command) {
        if (i + 1 >= args.length
            || args[i + 1].startsWith("-")
            || args[i + 1].isEmpty()
            || p.role != null) {
          return null;
        }
        p.role = args[++i];
      } else if (a.startsWith("--role=") && command) {
        if (a.length() == "--role=".length() || p.role != null) {
          return null;
        }
        p.role = a.substring("--role=".length());
      } else if (command && p.gun == null && !a.isEmpty() && !a.startsWith("-")) {
        p.gun = a;
      } else if (a.equals("-v") || a.equals("--verbose")) {
        p.verbose = true;
      } else if (a.equals("-d") || a.equals("--trust-dir") || a.equals("--module")) {
        if (i + 1 >= args.length || args[i + 1].startsWith("-") || args[i + 1].isEmpty()) {
          return null;
        }
        if (!set(p, a, args[++i])) {
          return null;
        }
      } else if (a.startsWith("--trust-dir=") || a.startsWith("--module=")) {
        int eq = a.indexOf('=');
        if (!set(p, a.substring(0, eq), a.substring(eq + 1))) {
          return null;
        }
      } else {
        return null;
      }
    }
    return command ? p : null;
  }

  private static boolean set(Parsed p, String option, String value) {
    if (value.isEmpty()) {
      return false;
    }
    if (option.equals("--module")) {
      if (p.module != null) {
        return false;
      }
      p.module = value;
    } else {
      if (p.trustDir != null) {
        return false;
      }
      p.trustDir = value;
    }
    return true;
  }
}
