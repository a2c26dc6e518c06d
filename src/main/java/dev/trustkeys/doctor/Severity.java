package dev.trustkeys.doctor;

/** How much a finding matters. Only {@link #ERROR} makes {@code keys doctor} exit 1. */
public enum Severity {
  /** Checked and fine. */
  OK("ok"),
  /** Worth knowing, nothing to fix (including "not checked"). */
  INFO("info"),
  /**
   * Works now, but fix it before it bites (a single copy of a root key, metadata expiring within 90
   * days).
   */
  WARN("warn"),
  /** Broken or unsafe now (a key file others can read, an unreadable key, expired metadata). */
  ERROR("error");

  private final String value;

  Severity(String value) {
    this.value = value;
  }

  /** The word printed and used in JSON. */
  public String value() {
    return value;
  }
}
