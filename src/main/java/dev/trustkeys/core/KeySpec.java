package dev.trustkeys.core;

import java.util.Objects;

/** What to create: role, GUN and algorithm, checked against Notary's rules for GUNs. */
public record KeySpec(Role role, String gun, Algorithm algorithm) {
  public KeySpec {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(gun, "gun");
    Objects.requireNonNull(algorithm, "algorithm");
  }

  /**
   * Checks the invariants Notary enforces: targets/snapshot/timestamp keys need a GUN; others have
   * none.
   */
  public static KeySpec of(Role role, String gun, Algorithm algorithm) throws UsageException {
    String g = gun == null ? "" : gun.trim();
    if (role.belongsToGun() && g.isEmpty()) {
      throw new UsageException(
          role + " keys belong to one repository", Remedy.of(Remedy.Kind.NAME_GUN));
    }
    if (!role.belongsToGun()) {
      g = "";
    }
    if (g.contains("..") || g.startsWith("/") || g.contains("\n")) {
      throw new UsageException("invalid GUN " + Untrusted.quote(g));
    }
    return new KeySpec(role, g, algorithm);
  }
}
