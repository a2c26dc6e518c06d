package dev.trustkeys.notary;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;

/** The server has no metadata for the GUN. */
public final class RepositoryNotFoundException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String gun;

  public RepositoryNotFoundException(String gun, String server) {
    super(
        "repository " + gun + " does not exist on " + server,
        ExitCode.NOT_FOUND,
        Remedy.forGunOnServer(Remedy.Kind.CREATE_REPOSITORY, gun, server),
        null);
    this.gun = gun;
  }

  public String gun() {
    return gun;
  }
}
