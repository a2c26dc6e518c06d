package dev.trustkeys.core;

/** No key matches what the user named. */
public final class KeyNotFoundException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final String query;

  public KeyNotFoundException(String query, String hint) {
    super("no key matches " + query + (hint.isEmpty() ? "" : ": " + hint), ExitCode.NOT_FOUND);
    this.query = query;
  }

  public String query() {
    return query;
  }
}
