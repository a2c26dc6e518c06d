package dev.trustkeys.core;

/**
 * How a kind of back end keeps its keys, strongest first. The {@link Keyring} searches back ends in
 * this order (a key held twice is used where it is best kept) and puts a new root key in the
 * strongest kind present.
 */
public enum Custody {
  /**
   * A hardware key one person carries (a YubiKey): the key never leaves it; PIN, and touch if
   * asked.
   */
  PERSONAL_DEVICE,
  /** A PKCS#11 token or HSM: the key never leaves it; PIN. */
  TOKEN,
  /** Passphrase-encrypted files. */
  FILE
}
