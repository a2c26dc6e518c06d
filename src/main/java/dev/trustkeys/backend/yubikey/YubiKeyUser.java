package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.secret.Confirmation;

/**
 * The person at the YubiKey: told when to touch it, asked before the last PIN try ({@link
 * Confirmation#confirm}: false for a "no", exit 5 when nobody can be asked and {@code
 * --allow-last-pin-try} was not given).
 */
public interface YubiKeyUser extends Confirmation {
  void say(String message);

  /**
   * A warning: {@code problem} says what is wrong, {@code remedy} what would fix it, which the user
   * interface words.
   */
  void warn(String problem, dev.trustkeys.core.Remedy remedy);
}
