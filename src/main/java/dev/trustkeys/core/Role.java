package dev.trustkeys.core;

import java.util.Objects;

/**
 * A TUF role name as Notary uses it: {@code root}, {@code targets}, {@code snapshot}, {@code
 * timestamp}, a delegation such as {@code targets/releases}, the generic {@code delegation} that
 * Notary gives imported keys, or (read from key files only) a signer's name such as {@code alice},
 * which {@code docker trust key generate alice} writes as the key's {@code role:} header.
 */
public final class Role implements Comparable<Role> {
  public static final Role ROOT = new Role("root");
  public static final Role TARGETS = new Role("targets");
  public static final Role SNAPSHOT = new Role("snapshot");
  public static final Role TIMESTAMP = new Role("timestamp");
  public static final Role DELEGATION = new Role("delegation");

  private final String name;

  private Role(String name) {
    this.name = name;
  }

  public static Role of(String name) throws UsageException {
    Role base = base(name);
    if (base != null) {
      return base;
    }
    if (isDelegationName(name)) {
      return new Role(name);
    }
    throw new UsageException(
        "unknown role "
            + Untrusted.quote(name)
            + ": use root, targets, snapshot, timestamp or a delegation like"
            + " targets/releases");
  }

  /**
   * The shared constant of a base role or of {@code delegation}, null for any other name: one
   * switch, which `keys list` runs for every key file's {@code role:} header.
   */
  private static Role base(String name) {
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
        return null;
    }
  }

  /**
   * The role named by a key file's {@code role:} header. Notary reads any header (its key store
   * never checks it), so besides the names {@link #of} takes this admits a signer's name: Docker's
   * {@code docker trust key generate NAME} and {@code key load --name NAME} write {@code role:
   * NAME}, and {@code notary key list} lists the key under it. Only what cannot be a name is
   * refused: empty, longer than 255 characters (Notary's database limit for role names), holding
   * spaces or control characters, or a path ({@code /}) that is not a clean delegation.
   */
  public static Role fromHeader(String name) throws UsageException {
    Role base = base(name);
    if (base != null) {
      return base;
    }
    if (isDelegationName(name)) {
      return new Role(name);
    }
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new UsageException(
          "role '" + name + "' is empty or longer than " + MAX_NAME + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c == 0x7f || Character.isISOControl(c) || Character.isWhitespace(c)) {
        throw new UsageException("role names hold no spaces or control characters");
      }
      if (c == '/') {
        return of(name); // a path that is no clean delegation: refused with the list of valid names
      }
    }
    return new Role(name);
  }

  private static final int MAX_NAME = 255;

  /**
   * {@code targets(/[A-Za-z0-9_.-]+)+} without "." or ".." segments, checked by hand: `keys list`
   * asks this for every delegation key at start-up, where a regex costs far more than the loop.
   */
  private static boolean isDelegationName(String name) {
    if (!name.startsWith("targets/")) {
      return false;
    }
    int segment = "targets/".length();
    for (int i = segment; i <= name.length(); i++) {
      char c = i == name.length() ? '/' : name.charAt(i);
      if (c == '/') {
        int len = i - segment;
        if (len == 0
            || (len == 1 && name.charAt(segment) == '.')
            || (len == 2 && name.startsWith("..", segment))) {
          return false;
        }
        segment = i + 1;
      } else if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '.'
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  public String name() {
    return name;
  }

  public boolean isRoot() {
    // Role.of returns the shared constant for every base role, so identity is equality here (and
    // cheap: the listing's sort asks this tens of thousands of times).
    return this == ROOT;
  }

  /** Targets, snapshot and timestamp keys belong to one repository (GUN); other keys are shared. */
  public boolean belongsToGun() {
    return this == TARGETS || this == SNAPSHOT || this == TIMESTAMP;
  }

  public boolean isDelegation() {
    return equals(DELEGATION) || name.startsWith("targets/");
  }

  /**
   * A signer's key as Docker names it ({@code alice}): neither a base role, nor {@code delegation},
   * nor a {@code targets/...} path. Docker signs {@code targets/alice} and {@code targets/releases}
   * with it.
   */
  public boolean isSigner() {
    return !(this == ROOT
        || this == TARGETS
        || this == SNAPSHOT
        || this == TIMESTAMP
        || isDelegation());
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
