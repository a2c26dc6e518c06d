package dev.trustkeys.cli;

import dev.trustkeys.backup.ArchiveLimits;
import dev.trustkeys.backup.RestoreConflictException;
import dev.trustkeys.backup.RestorePlan;
import dev.trustkeys.backup.Restorer;
import dev.trustkeys.core.KeysException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys restore FILE}: all or nothing; hostile archives are refused with nothing written. */
@Command(
    name = "restore",
    description = {
      "Restore keys (and metadata) from an archive of 'keys backup' or of plain tar, all or nothing.",
      "Identical files are skipped; a different file under the same name is refused unless --overwrite."
    })
final class RestoreCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The archive (.tar.gz or .tar).")
  Path archive;

  @Option(
      names = "--dry-run",
      description = "Check the archive and show what would be restored; write nothing.")
  boolean dryRun;

  @Option(names = "--overwrite", description = "Replace files that differ from the archive's.")
  boolean overwrite;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    Restorer restorer =
        new Restorer(ctx.trustDirectory(), ArchiveLimits.defaults(), ctx.wiring().checkpoint());
    PrintWriter out = spec.commandLine().getOut();
    RestorePlan plan;
    Progress progress =
        ctx.progress(spec.commandLine().getErr(), (dryRun ? "Checking " : "Restoring ") + archive);
    try {
      plan = dryRun ? restorer.plan(archive, overwrite) : restorer.restore(archive, overwrite);
    } finally {
      progress.close();
    }
    String verb = dryRun ? "would " : "";
    for (RestorePlan.Action a : plan.actions()) {
      String what =
          a.file().isKey()
              ? " ("
                  + a.file().key().role()
                  + " key"
                  + (a.file().key().gun().isEmpty() ? "" : ", " + a.file().key().gun())
                  + ")"
              : "";
      switch (a.kind()) {
        case CREATE:
          out.println(verb + "restore " + a.file().target() + what);
          break;
        case REPLACE:
          out.println(verb + "replace " + a.file().target() + what);
          break;
        case CONFLICT:
          out.println("conflict " + a.file().target() + what + ": " + a.reason());
          break;
        default:
          break;
      }
    }
    out.println(
        (dryRun ? "Dry run: would restore " : "Restored ")
            + plan.count(RestorePlan.Kind.CREATE)
            + " new, "
            + (dryRun ? "replace " : "replaced ")
            + plan.count(RestorePlan.Kind.REPLACE)
            + ", skipped "
            + plan.count(RestorePlan.Kind.IDENTICAL)
            + " identical file(s) into "
            + ctx.trustDirectory()
            + (plan.archive().manifest() == null ? " (an archive of plain tar: no manifest)" : ""));
    out.flush();
    if (!plan.conflicts().isEmpty()) {
      throw new RestoreConflictException(plan.conflicts());
    }
    return 0;
  }
}
