package dev.trustkeys.notary;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;

/** {@code init} on a GUN the server already has. */
public final class RepositoryExistsException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String gun;
  private final long rootVersion;

  public RepositoryExistsException(String gun, long rootVersion) {
    super(
        "repository "
            + gun
            + " already exists on the server (root version "
            + rootVersion
            + "): nothing was changed",
        ExitCode.CONFLICT,
        dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.ROTATE_TO_CHANGE_KEYS),
        null);
    this.gun = gun;
    this.rootVersion = rootVersion;
  }

  public String gun() {
    return gun;
  }

  public long rootVersion() {
    return rootVersion;
  }
}
