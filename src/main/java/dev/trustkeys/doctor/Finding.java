package dev.trustkeys.doctor;

import dev.trustkeys.core.Remedy;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the doctor's report.
 *
 * @param severity how much it matters
 * @param check the check that found it ("permissions", "root-backup", "expiry", "pcscd", ...)
 * @param message what was found, with the path, key ID or device it concerns
 * @param fix what to do about it in words that name no command of keys, or "" ({@code remedy}, or
 *     nothing to do)
 * @param remedy what would fix it, as data, which the command line words: the fix of a warning or
 *     an error, a note on a finding that needs no fixing
 */
public record Finding(
    Severity severity, String check, String message, String fix, Optional<Remedy> remedy) {
  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(remedy, "remedy");
    if (remedy.isPresent() && !fix.isEmpty()) {
      throw new IllegalArgumentException("a fix in words or a remedy, not both");
    }
  }

  public Finding(Severity severity, String check, String message, String fix) {
    this(severity, check, message, fix, Optional.empty());
  }

  public static Finding ok(String check, String message) {
    return new Finding(Severity.OK, check, message, "");
  }

  public static Finding info(String check, String message) {
    return new Finding(Severity.INFO, check, message, "");
  }

  public static Finding warn(String check, String message, String fix) {
    return new Finding(Severity.WARN, check, message, fix);
  }

  public static Finding error(String check, String message, String fix) {
    return new Finding(Severity.ERROR, check, message, fix);
  }

  /** Nothing to fix; {@code note} says what would change it. */
  public static Finding info(String check, String message, Remedy note) {
    return new Finding(Severity.INFO, check, message, "", Optional.of(note));
  }

  public static Finding warn(String check, String message, Remedy fix) {
    return new Finding(Severity.WARN, check, message, "", Optional.of(fix));
  }

  public static Finding error(String check, String message, Remedy fix) {
    return new Finding(Severity.ERROR, check, message, "", Optional.of(fix));
  }
}
