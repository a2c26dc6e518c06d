package dev.trustkeys.core.json;

/** The text is not the JSON expected; the message says where. */
public final class JsonSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public JsonSyntaxException(String message) {
    super(message);
  }
}
