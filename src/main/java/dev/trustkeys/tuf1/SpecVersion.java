package dev.trustkeys.tuf1;

/** {@code spec_version}: keys writes the version python-tuf writes, and reads any 1.x or 1.x.y. */
final class SpecVersion {
  /** What keys writes (python-tuf's SPECIFICATION_VERSION). */
  static final String WRITTEN = "1.0.31";

  private SpecVersion() {}

  /**
   * Whether a client of spec 1.0 reads {@code v}: two or three numbers, the first 1 (python-tuf's
   * rule).
   */
  static boolean supported(String v) {
    String[] parts = v.split("\\.", -1);
    if (parts.length < 2 || parts.length > 3 || !parts[0].equals("1")) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }
}
