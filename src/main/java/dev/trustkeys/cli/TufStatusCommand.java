package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf1.BackendKeySource;
import dev.trustkeys.tuf1.Expiry;
import dev.trustkeys.tuf1.RepositoryStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

/**
 * {@code keys tuf status REPO [--json]}: roles, keys and where each is held, thresholds, signers,
 * expiry.
 */
@Command(
    name = "status",
    description =
        "Roles, their keys and where each is held, thresholds, who has signed,"
            + " expiry calendar.")
final class TufStatusCommand implements Callable<Integer> {
  @ParentCommand TufCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REPO", description = "The repository folder.")
  Path repo;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws KeysException {
    List<RepositoryStatus.RoleStatus> roles;
    try (BackendKeySource source = TufKeys.source(new Context(parent.root))) {
      roles = RepositoryStatus.of(repo, source);
    }
    Instant now = parent.root.clock().instant();
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled) {
      List<Object> list = new ArrayList<>();
      for (RepositoryStatus.RoleStatus r : roles) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", r.role());
        m.put("version", r.version());
        m.put("expires", Expiry.format(r.expires()));
        m.put("daysLeft", Duration.between(now, r.expires()).toDays());
        m.put("threshold", r.threshold());
        m.put("signed", r.signedCount());
        m.put("file", r.file());
        List<Object> keys = new ArrayList<>();
        for (RepositoryStatus.KeyStatus k : r.keys()) {
          Map<String, Object> km = new LinkedHashMap<>();
          km.put("id", k.id());
          km.put("owner", k.owner());
          km.put("heldAt", k.heldAt());
          km.put("signature", k.signature());
          keys.add(km);
        }
        m.put("keys", keys);
        list.add(m);
      }
      Map<String, Object> top = new LinkedHashMap<>();
      top.put("repository", repo.toString());
      top.put("roles", list);
      out.print(Json.write(top));
    } else {
      Table t = new Table("ROLE", "VERSION", "SIGNED", "KEY", "OWNER", "HELD HERE", "SIGNATURE");
      for (RepositoryStatus.RoleStatus r : roles) {
        boolean first = true;
        for (RepositoryStatus.KeyStatus k : r.keys()) {
          t.row(
              first ? r.role() : "",
              first ? String.valueOf(r.version()) : "",
              first ? r.signedCount() + "/" + r.threshold() : "",
              k.id().substring(0, Math.min(7, k.id().length())),
              k.owner() == null ? "-" : k.owner(),
              k.heldAt() == null ? "-" : k.heldAt(),
              k.signature());
          first = false;
        }
      }
      t.print(out);
      out.println();
      Table cal = new Table("EXPIRES", "DAYS LEFT", "ROLE");
      List<RepositoryStatus.RoleStatus> byExpiry = new ArrayList<>(roles);
      byExpiry.sort(Comparator.comparing(RepositoryStatus.RoleStatus::expires));
      for (RepositoryStatus.RoleStatus r : byExpiry) {
        long d = Duration.between(now, r.expires()).toDays();
        cal.row(
            Expiry.format(r.expires()),
            r.expires().isBefore(now) ? "expired" : String.valueOf(d),
            r.role());
      }
      cal.print(out);
    }
    out.flush();
    return 0;
  }
}
