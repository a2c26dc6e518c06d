package dev.trustkeys.backend.file;

/**
 * Test-only crash points for the reliability harness. When the system property {@code keys.fault} names a point
 * (for example {@code write-before-rename}), the process halts there as if it had been killed; when it names
 * {@code fail:POINT}, an I/O error is raised there instead (a failed fsync or rename). Without the property it
 * does nothing.
 */
final class FaultInjection {
  private static final String SPEC = System.getProperty("keys.fault", "");

  private FaultInjection() {}

  static void point(String name) throws java.io.IOException {
    if (SPEC.isEmpty()) {
      return;
    }
    if (SPEC.equals(name)) {
      Runtime.getRuntime().halt(137);
    }
    if (SPEC.equals("fail:" + name)) {
      throw new java.io.IOException("injected failure at " + name);
    }
  }
}
