package dev.trustkeys.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A TUF role name as Notary uses it: {@code root}, {@code targets}, {@code snapshot}, {@code timestamp}, a
 * delegation such as {@code targets/releases}, or the generic {@code delegation} that Notary gives imported keys.
 */
public final class Role implements Comparable<Role> {
  public static final Role ROOT = new Role("root");
  public static final Role TARGETS = new Role("targets");
  public static final Role SNAPSHOT = new Role("snapshot");
  public static final Role TIMESTAMP = new Role("timestamp");
  public static final Role DELEGATION = new Role("delegation");

  private static final Pattern DELEGATION_NAME = Pattern.compile("targets(/[A-Za-z0-9_.\\-]+)+");

  private final String name;

  private Role(String name) {
    this.name = name;
  }

  public static Role of(String name) throws UsageException {
    switch (name) {
      case "root":
        return ROOT;
      case "targets":
        return TARGETS;
      case "snapshot":
        return SNAPSHOT;
      case "timestamp":
        return TIMESTAMP;
      case "delegation":
        return DELEGATION;
      default:
        if (DELEGATION_NAME.matcher(name).matches() && !name.contains("/../") && !name.endsWith("/..")) {
          return new Role(name);
        }
        throw new UsageException(
            "unknown role '" + name + "': use root, targets, snapshot, timestamp or a delegation like targets/releases");
    }
  }

  public String name() {
    return name;
  }

  public boolean isRoot() {
    return this.equals(ROOT);
  }

  /** Targets, snapshot and timestamp keys belong to one repository (GUN); other keys are shared. */
  public boolean belongsToGun() {
    return equals(TARGETS) || equals(SNAPSHOT) || equals(TIMESTAMP);
  }

  public boolean isDelegation() {
    return equals(DELEGATION) || name.startsWith("targets/");
  }

  /** Sort order of Notary's key list: root first, then the others by name. */
  @Override
  public int compareTo(Role o) {
    if (isRoot() != o.isRoot()) {
      return isRoot() ? -1 : 1;
    }
    return name.compareTo(o.name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Role && ((Role) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
