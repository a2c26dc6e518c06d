package dev.trustkeys.registry;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;

/**
 * A server asked for a login keys could not give, refused the one given, or denied the access asked
 * for.
 */
public final class AuthenticationException extends KeysException {
  private static final long serialVersionUID = 1L;

  /** Which of the three. */
  public enum Problem {
    /** The server asks for a login and none was found for the registry. */
    NO_LOGIN,
    /** The login was refused (wrong user name, password or token). */
    REFUSED,
    /** The login was accepted but does not allow what was asked (push to this repository, say). */
    DENIED
  }

  private final String server;
  private final String registry;
  private final Problem problem;

  public AuthenticationException(String message, String server, String registry, Problem problem) {
    this(message, server, registry, problem, null);
  }

  /** {@code remedy}: what would fix it, or null. */
  public AuthenticationException(
      String message,
      String server,
      String registry,
      Problem problem,
      dev.trustkeys.core.Remedy remedy) {
    super(message, ExitCode.AUTHENTICATION, remedy, null);
    this.server = server;
    this.registry = registry;
    this.problem = problem;
  }

  public String server() {
    return server;
  }

  public String registry() {
    return registry;
  }

  public Problem problem() {
    return problem;
  }
}
