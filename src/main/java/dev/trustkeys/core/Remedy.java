package dev.trustkeys.core;

/**
 * What would fix a failure, as data. The library's message says what is wrong; the command line adds how to fix it
 * in its own words, with its flags and commands ({@code cli.Advice}), so that no library message names a flag.
 */
public enum Remedy {
  /** A key file cannot be read: restore it from a backup, or move it away. */
  RESTORE_OR_MOVE_KEY_FILE,
  /** Several PKCS#11 tokens could take the key: choose one by URI. */
  CHOOSE_TOKEN
}
