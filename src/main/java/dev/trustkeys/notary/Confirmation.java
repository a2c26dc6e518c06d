package dev.trustkeys.notary;

import dev.trustkeys.core.KeysException;

/** Asks the person at the terminal a yes/no question before something that cannot be undone. */
@FunctionalInterface
public interface Confirmation {
  /** True to go on; a confirmation that cannot be asked (no terminal) throws instead. */
  boolean confirm(String question) throws KeysException;
}
