package dev.trustkeys.doctor;

import java.util.Objects;

/**
 * One line of the doctor's report.
 *
 * @param severity how much it matters
 * @param check the check that found it ("permissions", "root-backup", "expiry", "pcscd", ...)
 * @param message what was found, with the path, key ID or device it concerns
 * @param fix what to do about it, or "" when there is nothing to do
 */
public record Finding(Severity severity, String check, String message, String fix) {
  public Finding {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
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
}
