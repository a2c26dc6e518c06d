package dev.trustkeys.backup;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import java.util.List;
import java.util.stream.Collectors;

/** Files of the archive differ from files already in the trust directory; nothing was written. */
public final class RestoreConflictException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> targets;

  public RestoreConflictException(List<RestorePlan.Action> conflicts) {
    super(
        message(conflicts),
        ExitCode.CONFLICT,
        replaceable(conflicts) ? Remedy.of(Remedy.Kind.OVERWRITE) : null,
        null);
    this.targets = conflicts.stream().map(a -> a.file().target()).toList();
  }

  /** The paths (relative to the trust directory) that conflict. */
  public List<String> targets() {
    return targets;
  }

  private static String message(List<RestorePlan.Action> conflicts) {
    String names =
        conflicts.stream()
            .limit(3)
            .map(a -> a.file().target() + " (" + a.reason() + ")")
            .collect(Collectors.joining(", "));
    String more = conflicts.size() > 3 ? " and " + (conflicts.size() - 3) + " more" : "";
    return conflicts.size()
        + " file(s) of the archive differ from those in the trust directory: "
        + names
        + more
        + ": nothing was restored";
  }

  /** Whether every conflict is a file that differs (and so may be replaced on purpose). */
  private static boolean replaceable(List<RestorePlan.Action> conflicts) {
    return conflicts.stream().allMatch(a -> a.reason().equals(Restorer.DIFFERS));
  }
}
