package dev.trustkeys.core;

/**
 * What would fix a failure, as data. The library's message says what is wrong; the command line
 * adds how to fix it in its own words, with its flags and commands ({@code cli.Advice}), so that no
 * library message names a flag.
 */
public enum Remedy {
  /** A key file cannot be read: restore it from a backup, or move it away. */
  RESTORE_OR_MOVE_KEY_FILE,
  /** Several PKCS#11 tokens could take the key: choose one by URI. */
  CHOOSE_TOKEN,
  /** A passphrase is needed and there is no terminal to ask on: it can come from a file too. */
  PASSPHRASE_FROM_FILE,
  /** Several YubiKeys are plugged in: choose one by serial. */
  CHOOSE_YUBIKEY,
  /** A PKCS#11 module is needed and none was found: name it. */
  NAME_MODULE,
  /** A key of this role belongs to one repository: name it. */
  NAME_GUN,
  /** The back end makes ECDSA P-256 keys only. */
  USE_ECDSA,
  /** An output file exists: another name, or replace it on purpose. */
  REPLACE_OR_RENAME,
  /** The key asked for can only be made and held by the server. */
  LET_THE_SERVER_HOLD_IT,
  /** A public key is needed: name one. */
  NAME_PUBLIC_KEY,
  /** A Notary server is needed: name it. */
  NAME_SERVER
}
