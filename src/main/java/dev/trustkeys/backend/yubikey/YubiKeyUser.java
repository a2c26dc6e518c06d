package dev.trustkeys.backend.yubikey;

/** The person at the YubiKey: told when to touch it, asked before the last PIN try. */
public interface YubiKeyUser {
  void say(String message);

  /** Asks a yes/no question; false when nobody can answer (no terminal). */
  boolean confirm(String question);
}
