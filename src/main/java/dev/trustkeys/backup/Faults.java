package dev.trustkeys.backup;

/**
 * Test-only crash points, as {@code backend.file}'s: with {@code -Dkeys.fault=POINT} the process halts at that
 * point as if killed; with {@code -Dkeys.fault=pause:POINT} it prints {@code keys: paused at POINT} on standard
 * error and waits, so that a test can kill it with SIGKILL. Without the property it does nothing.
 */
final class Faults {
  private static final String SPEC = System.getProperty("keys.fault", "");

  private Faults() {}

  static void point(String name) {
    if (SPEC.isEmpty()) {
      return;
    }
    if (SPEC.equals(name)) {
      Runtime.getRuntime().halt(137);
    }
    if (SPEC.equals("pause:" + name)) {
      System.err.println("keys: paused at " + name);
      System.err.flush();
      while (true) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          Runtime.getRuntime().halt(137);
        }
      }
    }
  }
}
