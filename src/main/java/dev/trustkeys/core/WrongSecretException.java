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

  public static WrongSecretException passphrase(KeyId id, Role role) {
    return new WrongSecretException(
        "wrong passphrase for " + role + " key " + id.shortId() + ": nothing was changed; try again",
        OptionalInt.empty());
  }

  public OptionalInt attemptsRemaining() {
    return attemptsRemaining;
  }
}
