package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Untrusted;
import dev.trustkeys.notary.DelegationEditor;
import dev.trustkeys.tuf.DelegatedRole;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys delegation list GUN}: the table {@code notary delegation list} prints, or JSON. */
@Command(
    name = "list",
    aliases = "ls",
    description =
        "List a repository's delegations (as 'notary delegation list')"
            + " with their paths, canonical key IDs and thresholds.")
final class DelegationListCommand implements Callable<Integer> {
  @ParentCommand DelegationCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "GUN")
  String gun;

  @Mixin JsonOption json;

  @Mixin ServerFlags serverFlags;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    PrintWriter out = spec.commandLine().getOut();
    List<DelegatedRole> roles =
        new DelegationEditor(serverFlags.session(ctx, gun, spec.commandLine().getErr())).list(gun);
    List<DelegatedRole> sorted = new ArrayList<>(roles);
    sorted.sort((a, b) -> dev.trustkeys.tuf.Json.KEY_ORDER.compare(a.name(), b.name()));
    out.print(json.enabled ? Json.write(toJson(gun, sorted)) : text(sorted));
    out.flush();
    return 0;
  }

  static Map<String, Object> toJson(String gun, List<DelegatedRole> roles) {
    List<Object> list = new ArrayList<>();
    for (DelegatedRole r : roles) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("role", r.name());
      m.put("paths", r.paths());
      m.put("keyids", r.keyIds());
      m.put("threshold", (long) r.threshold());
      list.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gun", gun);
    m.put("delegations", list);
    return m;
  }

  /** Exactly {@code notary delegation list}'s output (Go's tabwriter: minwidth 4, padding 4). */
  static String text(List<DelegatedRole> roles) {
    if (roles.isEmpty()) {
      return "\n\nNo delegations present in this repository.\n\n\n";
    }
    StringBuilder t =
        new StringBuilder("ROLE\tPATHS\tKEY IDS\tTHRESHOLD\n----\t-----\t-------\t---------\n");
    for (DelegatedRole r : roles) {
      List<String> paths = DelegationCommand.prettyPaths(r.paths());
      int rows = Math.max(1, Math.max(paths.size(), r.keyIds().size()));
      for (int i = 0; i < rows; i++) {
        t.append(i == 0 ? Untrusted.printable(r.name()) : "")
            .append('\t')
            .append(i < paths.size() ? Untrusted.printable(paths.get(i)) : "")
            .append('\t')
            .append(i < r.keyIds().size() ? r.keyIds().get(i) : "")
            .append('\t')
            .append(i == 0 ? String.valueOf(r.threshold()) : "")
            .append('\n');
      }
    }
    return "\n" + TabWriter.format(t.toString(), 4, 4) + "\n";
  }
}
