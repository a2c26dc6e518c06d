package dev.trustkeys.registry;

import dev.trustkeys.core.KeysException;

/** A TLS connection could not be set up; {@link #problem()} says why, the message what to do. */
public final class TlsException extends KeysException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as a person would fix it. */
  public enum Problem {
    /** The certificate chain ends at a CA that is not trusted. */
    UNKNOWN_CA,
    /** The certificate is valid but names other hosts. */
    NAME_MISMATCH,
    /** A certificate of the chain has expired (or is not valid yet). */
    EXPIRED,
    /** An https:// URL, but the server answers in plain HTTP. */
    PLAIN_HTTP_SERVER,
    /** An http:// URL, but the server speaks TLS. */
    TLS_SERVER,
    /** The server wants a client certificate, or refused the one shown. */
    CLIENT_CERTIFICATE,
    /** Anything else (protocol versions, ciphers, a broken handshake). */
    OTHER
  }

  private final String host;
  private final Problem problem;

  public TlsException(String message, String host, Problem problem, Throwable cause) {
    this(message, host, problem, null, cause);
  }

  /** {@code remedy}: what would fix it, or null. */
  public TlsException(
      String message,
      String host,
      Problem problem,
      dev.trustkeys.core.Remedy remedy,
      Throwable cause) {
    super(message, dev.trustkeys.core.ExitCode.FAILURE, remedy, cause);
    this.host = host;
    this.problem = problem;
  }

  /** {@code host:port} of the server. */
  public String host() {
    return host;
  }

  public Problem problem() {
    return problem;
  }
}
