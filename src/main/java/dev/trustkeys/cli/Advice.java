package dev.trustkeys.cli;

import dev.trustkeys.core.Remedy;

/**
 * What the command line tells a person to do about a failure the library describes: the library
 * names the {@link Remedy}, this class words it with the flags and commands of {@code keys}, so
 * that no library message names a flag.
 */
final class Advice {
  private Advice() {}

  /** The words to add after the library's message (after ": "). */
  static String of(Remedy remedy) {
    switch (remedy) {
      case RESTORE_OR_MOVE_KEY_FILE:
        return "restore it from a backup ('keys restore') or move it away";
      case PASSPHRASE_FROM_FILE:
        return "set the variable, or use --passphrase-file FILE";
      case CHOOSE_YUBIKEY:
        return "choose one with --serial N";
      case NAME_MODULE:
        return "name the module with --module PATH or KEYS_PKCS11_MODULE";
      case NAME_GUN:
        return "name it with --gun GUN";
      case USE_ECDSA:
        return "use --algorithm ecdsa";
      case REPLACE_OR_RENAME:
        return "choose another name, or add --force to replace it";
      case LET_THE_SERVER_HOLD_IT:
        return "add --server-managed";
      case NAME_PUBLIC_KEY:
        return "give --key";
      case NAME_SERVER:
        return "give --server URL";
      case CHOOSE_TOKEN:
        return "make the root key on the one you choose first (keys generate --role root --pkcs11 'pkcs11:token=LABEL')";
      default:
        throw new IllegalArgumentException(String.valueOf(remedy));
    }
  }

  /** The message of a failure, with what to do added when the library knows a remedy. */
  static String message(dev.trustkeys.core.KeysException e) {
    String m = String.valueOf(e.getMessage());
    return e.remedy().isPresent() ? m + ": " + of(e.remedy().get()) : m;
  }
}
