package dev.trustkeys.cli;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.tuf1.Expiry;
import dev.trustkeys.tuf1.RepositoryFiles;
import dev.trustkeys.tuf1.RepositoryVerifier;
import dev.trustkeys.tuf1.SignatureCheck;
import dev.trustkeys.tuf1.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys tuf verify REPO [--at TIME] [--json]}: what a TUF 1.0 client checks; exit 7 at the
 * first problem.
 */
@Command(
    name = "verify",
    description =
        "Check a repository as a TUF 1.0 client would: root chain, roles,"
            + " delegations, versions, hashes, expiry.")
final class TufVerifyCommand implements Callable<Integer> {
  @ParentCommand TufCommand parent;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "REPO", description = "The repository folder.")
  Path repo;

  @Option(
      names = "--at",
      paramLabel = "TIME",
      description =
          "Check as of this time (2025-02-09T12:02:08Z, or with" + " an offset); default now.")
  String at;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws KeysException {
    Instant when = at == null ? parent.root.clock().instant() : parseTime(at);
    VerifyReport r = RepositoryVerifier.verify(RepositoryFiles.open(repo), when);
    PrintWriter out = spec.commandLine().getOut();
    out.print(json.enabled ? Json.write(toJson(r)) : toText(r));
    out.flush();
    if (!r.ok()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("keys: " + repo + ": " + r.problems().get(0));
      err.flush();
      return ExitCode.VERIFICATION_FAILED.value();
    }
    return 0;
  }

  static Instant parseTime(String s) throws UsageException {
    for (DateTimeFormatter f :
        List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ssXXX"))) {
      try {
        return OffsetDateTime.parse(s.trim(), f).toInstant();
      } catch (DateTimeParseException e) {
        // the next form
      }
    }
    throw new UsageException("--at '" + s + "' is not a time like 2025-02-09T12:02:08Z");
  }

  private static String toText(VerifyReport r) {
    StringBuilder sb = new StringBuilder();
    List<VerifyReport.RootStep> chain = r.rootChain();
    if (!chain.isEmpty()) {
      sb.append("root chain ")
          .append(chain.get(0).version())
          .append("..")
          .append(chain.get(chain.size() - 1).version())
          .append(" checked\n");
    }
    for (VerifyReport.RoleResult role : r.roles()) {
      sb.append(
          String.format(
              "%-12s version %-5d expires %s  %s%n",
              role.role(),
              role.version(),
              Expiry.format(role.expires()),
              role.signatures().describe()));
    }
    sb.append("targets: ")
        .append(r.targetsListed())
        .append(" listed, ")
        .append(r.targetsChecked())
        .append(" present and checked, ")
        .append(r.targetsAbsent())
        .append(" not in this copy\n");
    for (String w : r.warnings()) {
      sb.append("warning: ").append(w).append('\n');
    }
    for (String p : r.problems()) {
      sb.append("problem: ").append(p).append('\n');
    }
    sb.append(
        r.ok()
            ? "OK: a TUF 1.0 client accepts this repository at " + Expiry.format(r.at()) + "\n"
            : "FAILED at " + Expiry.format(r.at()) + "\n");
    return sb.toString();
  }

  private Map<String, Object> toJson(VerifyReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("repository", repo.toString());
    m.put("at", Expiry.format(r.at()));
    m.put("ok", r.ok());
    m.put("problems", r.problems());
    m.put("warnings", r.warnings());
    List<Object> chain = new ArrayList<>();
    for (VerifyReport.RootStep s : r.rootChain()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("version", s.version());
      step.put("byPrevious", s.byPrevious() == null ? null : check(s.byPrevious()));
      step.put("bySelf", check(s.bySelf()));
      chain.add(step);
    }
    m.put("rootChain", chain);
    List<Object> roles = new ArrayList<>();
    for (VerifyReport.RoleResult role : r.roles()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("role", role.role());
      x.put("version", role.version());
      x.put("expires", Expiry.format(role.expires()));
      x.put("signatures", check(role.signatures()));
      roles.add(x);
    }
    m.put("roles", roles);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("listed", r.targetsListed());
    t.put("checked", r.targetsChecked());
    t.put("absent", r.targetsAbsent());
    m.put("targets", t);
    return m;
  }

  private static Map<String, Object> check(SignatureCheck c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", c.threshold());
    m.put("signed", c.signed());
    m.put("invalid", c.invalid());
    m.put("pending", c.pending());
    return m;
  }
}
