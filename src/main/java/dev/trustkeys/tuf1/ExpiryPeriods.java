package dev.trustkeys.tuf1;

import dev.trustkeys.core.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each role's metadata stays valid when keys signs it. The entry that names a role's keys
 * records the period: {@code x-keys-expiry-period} (days) in root's role entries and in delegation
 * entries, written by {@code keys tuf init} and {@code delegate}; tuf-on-ci's {@code
 * x-tuf-on-ci-expiry-period} is honoured where present. Without either, the defaults below.
 */
public final class ExpiryPeriods {
  /** The field keys writes. */
  public static final String FIELD = "x-keys-expiry-period";

  static final String TUF_ON_CI_FIELD = "x-tuf-on-ci-expiry-period";

  /** Defaults in days: root 365, targets and delegated roles 90, snapshot 7, timestamp 1. */
  public static final Map<String, Integer> DEFAULTS =
      Map.of("root", 365, "targets", 90, "snapshot", 7, "timestamp", 1, "delegated", 90);

  private ExpiryPeriods() {}

  /**
   * Days for a role from the entry that names its keys (null: a delegated role's entry, or none).
   */
  public static int days(String role, RoleKeys entry) {
    if (entry != null) {
      for (String f : new String[] {FIELD, TUF_ON_CI_FIELD}) {
        Long v = entry.customInteger(f);
        if (v != null && v > 0 && v <= 36500) {
          return v.intValue();
        }
      }
    }
    return DEFAULTS.getOrDefault(role, DEFAULTS.get("delegated"));
  }

  /** Parses {@code ROLE=DAYS} options into a map; roles are checked by the caller. */
  public static Map<String, Integer> parse(Iterable<String> options) throws UsageException {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String o : options) {
      int eq = o.indexOf('=');
      int days;
      try {
        days = eq > 0 ? Integer.parseInt(o.substring(eq + 1)) : -1;
      } catch (NumberFormatException e) {
        days = -1;
      }
      if (days < 1 || days > 36500) {
        throw new UsageException(
            "'" + o + "': write ROLE=DAYS with 1 to 36500 days, e.g. timestamp=1");
      }
      out.put(o.substring(0, eq), days);
    }
    return out;
  }
}
