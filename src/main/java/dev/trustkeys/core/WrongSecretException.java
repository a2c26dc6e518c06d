package dev.trustkeys.core;

import java.util.OptionalInt;

/** A passphrase or PIN was rejected. Carries the tries left when the token reports them. */
public final class WrongSecretException extends KeysException {
  private static final long serialVersionUID = 1L;
  private final transient OptionalInt attemptsRemaining;

  public WrongSecretException(String message, OptionalInt attemptsRemaining) {
    super(message, ExitCode.WRONG_SECRET);
    this.attemptsRemaining = attemptsRemaining;
  }

  /**
   * The passphrase from {@code source} (an environment variable's name, a file, "the prompt") does
   * not open the key. The message does not claim "nothing was changed": reading a key changes
   * nothing, and a command that was about to change something stops before it.
   */
  public static WrongSecretException passphrase(KeyId id, Role role, String source) {
    return new WrongSecretException(
        "wrong passphrase for " + role + " key " + id.shortId() + " (from " + source + ")",
        OptionalInt.empty());
  }

  public OptionalInt attemptsRemaining() {
    return attemptsRemaining;
  }
}
