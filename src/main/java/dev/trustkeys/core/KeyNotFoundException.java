package dev.trustkeys.core;

/** No key matches what the user named. */
public final class KeyNotFoundException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String query;

  public KeyNotFoundException(String query, String hint) {
    super("no key matches " + query + (hint.isEmpty() ? "" : ": " + hint), ExitCode.NOT_FOUND);
    this.query = query;
  }

  /** No key matches {@code query} among all there are: the command line says how to see them. */
  public KeyNotFoundException(String query, Remedy remedy) {
    super("no key matches " + query, ExitCode.NOT_FOUND, remedy, null);
    this.query = query;
  }

  public String query() {
    return query;
  }
}
