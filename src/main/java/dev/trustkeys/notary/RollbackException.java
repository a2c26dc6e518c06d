package dev.trustkeys.notary;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.nio.file.Path;

/**
 * A server (or a proxy in front of it) offers an older version of a role than the trust directory
 * has already seen, or no repository at all. Versions seen are a floor: going back would let
 * whoever answers undo a key rotation or hide new targets.
 */
public final class RollbackException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String role;
  private final long offered;
  private final long seen;

  private RollbackException(String message, String role, long offered, long seen) {
    super(message, ExitCode.VERIFICATION_FAILED);
    this.role = role;
    this.offered = offered;
    this.seen = seen;
  }

  static RollbackException older(
      String gun, String role, long offered, long seen, String source, Path repoDir) {
    return new RollbackException(
        source
            + " offers "
            + role
            + " version "
            + offered
            + " of "
            + gun
            + ", but version "
            + seen
            + " was already seen here: refusing to go back (a server or proxy answering with old data). "
            + deletedOnPurpose(repoDir),
        role,
        offered,
        seen);
  }

  /**
   * {@code source} has no repository {@code gun} at all, though root version {@code seen} was seen
   * here.
   */
  static RollbackException missing(String gun, long seen, String source, Path repoDir) {
    return new RollbackException(
        source
            + " has no repository "
            + gun
            + ", but its root version "
            + seen
            + " was already seen here: refusing to start it again (a server or proxy answering with old data). "
            + deletedOnPurpose(repoDir),
        "root",
        0,
        seen);
  }

  private static String deletedOnPurpose(Path repoDir) {
    return "If the repository was deleted and created again on purpose, delete "
        + repoDir
        + " and try again";
  }

  public String role() {
    return role;
  }

  /** The version offered (0: none at all). */
  public long offered() {
    return offered;
  }

  /** The newest version seen in the trust directory. */
  public long seen() {
    return seen;
  }
}
