package dev.trustkeys.backup;

import java.util.List;

/**
 * What a restore does (or, with {@code --dry-run}, would do) with each file of the archive.
 *
 * @param archive the archive's contents
 * @param actions one per file, in archive order
 */
public record RestorePlan(ArchiveContents archive, List<Action> actions) {
  /** What happens to one file. */
  public enum Kind {
    /** Not in the trust directory: written. */
    CREATE,
    /** A different file is there and {@code --overwrite} was given: replaced. */
    REPLACE,
    /** The same bytes are there: skipped. */
    IDENTICAL,
    /** A different file is there: the restore is refused (unless {@code --overwrite}). */
    CONFLICT
  }

  /** One file and what happens to it; {@code reason} explains a conflict. */
  public record Action(ArchivedFile file, Kind kind, String reason) {}

  public RestorePlan {
    actions = List.copyOf(actions);
  }

  public long count(Kind kind) {
    return actions.stream().filter(a -> a.kind() == kind).count();
  }

  public List<Action> conflicts() {
    return actions.stream().filter(a -> a.kind() == Kind.CONFLICT).toList();
  }
}
