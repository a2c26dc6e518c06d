package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;

/**
 * What the command line tells a person to do about a failure the library describes: the library
 * names the {@link Remedy}, this class words it with the flags and commands of {@code keys}, so
 * that no library message names a flag.
 */
final class Advice {
  private Advice() {}

  /** The words of a remedy: one clause, to follow the library's message ({@link #join}). */
  static String of(Remedy remedy) {
    switch (remedy.kind()) {
      case RESTORE_OR_MOVE_KEY_FILE:
        return "restore it from a backup ('keys restore') or move it away";
      case RESTORE_OR_MOVE_OUT_OF_KEY_DIRECTORY:
        return "restore it from a backup (keys restore ARCHIVE) or move it out of private/";
      case PASSPHRASE_FROM_FILE:
        return "set the variable, or use --passphrase-file FILE";
      case CHOOSE_YUBIKEY:
        return "choose one with --serial N";
      case NAME_MODULE:
        return "name the module with --module PATH or KEYS_PKCS11_MODULE";
      case WHERE_A_MODULE_IS_NAMED:
        return "--module or KEYS_PKCS11_MODULE";
      case FIX_MODULE:
        return "fix --module / KEYS_PKCS11_MODULE, or unset it";
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
      case CHECK_SERVER:
        return "check --server";
      case CHECK_SERVER_IS_NOTARY:
        return "check --server, which must name the Notary server, not the registry or a web site";
      case CHECK_WHAT_ANSWERS:
        return "check --server and what answers there";
      case USE_HTTPS:
        return "use --server " + remedy.server();
      case USE_OWN_NOTARY_SERVER:
        return "use your own Notary server with --server URL";
      case FIX_VARIABLE_OR_NAME_SERVER:
        return "fix it, or give --server URL";
      case TRUST_THE_CA:
        return "give that CA's certificate with " + whereTheCaGoes(remedy);
      case GIVE_CLIENT_CERTIFICATE:
        return "give --tlscert FILE and --tlskey FILE (or client.cert and client.key beside the CA: "
            + whereTheCaGoes(remedy)
            + ")";
      case REPLACE_CLIENT_CERTIFICATE:
        return "give one its CA accepts (or client.cert and client.key beside the CA: "
            + whereTheCaGoes(remedy)
            + ")";
      case GIVE_CERTIFICATE_AND_KEY:
        return "give both --tlscert and --tlskey (or client.cert and client.key)";
      case CREATE_REPOSITORY:
        return "create it with 'keys init " + remedy.gun() + " --server " + remedy.server() + "'";
      case CREATE_REPOSITORY_OR_NAME_SERVER:
        return "run 'keys init " + remedy.gun() + " --server URL' or give --server";
      case FETCH_CACHED_AGAIN:
        return "delete it, and 'keys verify " + remedy.gun() + " --server URL' fetches it again";
      case ROTATE_TO_CHANGE_KEYS:
        return "use 'keys rotate' to change its keys";
      case KEEP_OR_REMOVE_NEW_KEY:
        return "keep it for the next try, or remove it with 'keys remove " + remedy.keyId() + "'";
      case SIGN_WHERE_THE_KEY_IS:
        return "sign where its key is, or import it ('keys import FILE')";
      case ADD_SIGNER_OR_NAME_ROLE:
        return "import a signer's key, add one with 'keys signer add', or name a role with --role";
      case LIST_DELEGATIONS:
        return "see 'keys delegation list " + remedy.gun() + "'";
      case COLLECT_ROOT_SIGNATURES:
        return "collect the others with 'keys ceremony plan/sign/publish'";
      case ROOT_HOLDERS_SIGN:
        return "have their holders sign with 'keys ceremony plan/sign/publish'";
      case RECREATE_REPOSITORY:
        return recreateRepository(remedy.gun());
      case MAKE_WRITABLE_OR_USE_ANOTHER_DIRECTORY:
        return "make it writable, or use -d DIR";
      case UNBLOCK_PIN:
        return "unblock it with 'keys yubikey unblock-pin" + serial(remedy) + "' (needs the PUK)";
      case UNBLOCK_PIN_COMMAND:
        return "keys yubikey unblock-pin" + serial(remedy);
      case KEEP_PIN_TRIES:
        return "enter the right PIN once to restore the tries, or set a new one with the PUK:"
            + " keys yubikey unblock-pin"
            + serial(remedy);
      case RESET_YUBIKEY:
        return "only 'keys yubikey reset' (erases all keys on it) can make it usable again";
      case CHANGE_FACTORY_CREDENTIAL:
        return "run 'keys yubikey setup" + serial(remedy) + "' to change it";
      case SET_UP_YUBIKEY:
        return "keys yubikey setup" + serial(remedy);
      case SETUP_REPLACES_FACTORY_CREDENTIALS:
        return "keys yubikey setup replaces all three";
      case FREE_A_SLOT:
        return "remove a key with 'keys remove ID' first";
      case CLEAR_SLOT_BY_HAND:
        return "run 'keys yubikey status' and remove it by hand";
      case GIVE_ATTESTATION_ROOT:
        return "give --attestation-root FILE";
      case CHECK_WHOLE_ATTESTATION_CHAIN:
        return "pass --attestation-root FILE (Yubico's PIV root CA) to check the whole chain";
      case YUBIKEY_URI_FORM:
        return "yubikey:serial=N;slot=9c, as keys list shows it";
      case GIVE_A_LISTED_KEY_ID:
        return "give the ID (or 7+ characters of it) shown by 'keys list'";
      case LIST_KEYS:
        return "'keys list' shows the keys there are";
      case LIST_KEYS_AGAIN:
        return "run 'keys list' again";
      case NAME_ARCHIVE_FILE:
        return "name the archive file with -o FILE";
      case DRY_RUN_RESTORE:
        return "it was not written by 'keys backup', so there are no hashes to check"
            + " ('keys restore --dry-run' checks that it can be restored)";
      case RESTORE_ELSEWHERE:
        return "replace it with a directory, or restore into another trust directory with -d DIR";
      case OVERWRITE:
        return "use --overwrite to replace them";
      case LEAVE_OUT_ADDED_CERTIFICATE:
        return "leave --add-cert " + remedy.keyId() + " out";
      case REMOVE_AND_ADD_IN_ONE_PLAN:
        return "remove it in the same plan (--remove-key " + remedy.keyId() + ") to list it anew";
      case PUBLISH_TO_SERVER:
        return "publish it with " + CeremonyTuf.SERVER_OPTION;
      case PUBLISH_TO_REPOSITORY:
        return "publish it with " + CeremonyTuf.TUF_OPTION;
      case VERIFY_ON_SERVER:
        return "check it against where it was published with 'keys ceremony verify REQUEST "
            + CeremonyTuf.SERVER_OPTION
            + "'";
      case VERIFY_IN_REPOSITORY:
        return "check it against where it was published with 'keys ceremony verify REQUEST "
            + CeremonyTuf.TUF_OPTION
            + "'";
      case CHECK_PUBLISHED_ON_SERVER:
        return "'keys ceremony verify REQUEST "
            + CeremonyTuf.SERVER_OPTION
            + "' checks it on the server";
      case CHECK_PUBLISHED_IN_REPOSITORY:
        return "'keys ceremony verify REQUEST "
            + CeremonyTuf.TUF_OPTION
            + "' checks it in the repository";
      case CREATE_TUF_REPOSITORY:
        return "create one with 'keys tuf init "
            + remedy.path().map(String::valueOf).orElse("REPO")
            + "'";
      case TUF_INIT_MAKES_NEW_ONLY:
        return "keys tuf init makes a new repository only";
      case VERIFY_TUF_REPOSITORY:
        return "'keys tuf verify' says more";
      case CREATE_TRUST_DIRECTORY:
        return "'keys init' or 'keys generate' creates it";
      case RESIGN_METADATA:
        return "re-sign it: keys rotate "
            + remedy.gun()
            + " "
            + remedy.role()
            + " --server URL, or publish new content";
      case ROTATE_ROOT_KEY:
        return "rotate the root key: keys rotate " + remedy.gun() + " root --server URL";
      case REMOVE_AND_FETCH_AGAIN:
        return "remove it, then fetch it again (keys status " + remedy.gun() + " --server URL)";
      case FETCH_AGAIN_OR_REMOVE_CACHE:
        return "fetch it again (keys status "
            + remedy.gun()
            + " --server URL) or remove the cache directory "
            + remedy.path().orElseThrow();
      case BACK_UP_AND_CHECK:
        return "keys backup -o /media/safe/keys.tar.gz, then keys doctor --backup /media/safe/keys.tar.gz";
      default:
        throw new IllegalArgumentException(String.valueOf(remedy));
    }
  }

  /** " --serial N" when the YubiKey's serial is known, for the commands suggested. */
  private static String serial(Remedy remedy) {
    return remedy.serial().map(s -> " --serial " + s).orElse("");
  }

  /** Where a person puts a server's CA: the flag, and Docker's file for that server if known. */
  private static String whereTheCaGoes(Remedy remedy) {
    return "--tlscacert FILE" + remedy.path().map(p -> " or in " + p).orElse("");
  }

  private static String recreateRepository(String gun) {
    return "the only way out is to delete the repository on the server ('notary delete "
        + gun
        + " --remote'), create it again with a new root ('keys init "
        + gun
        + "'), and have every consumer delete its cached trust data for "
        + gun
        + " ('notary delete "
        + gun
        + "' or remove tuf/"
        + gun
        + "), since until then they refuse the new root with 'could not rotate trust to a new"
        + " trusted root'";
  }

  /**
   * How a remedy's words follow the problem: most after ": ", some in parentheses or after "; ", as
   * the sentence reads.
   */
  private static String separator(Remedy.Kind kind) {
    switch (kind) {
      case LIST_DELEGATIONS:
      case MAKE_WRITABLE_OR_USE_ANOTHER_DIRECTORY:
      case GIVE_ATTESTATION_ROOT:
      case YUBIKEY_URI_FORM:
      case RESTORE_ELSEWHERE:
      case CREATE_TUF_REPOSITORY:
      case VERIFY_TUF_REPOSITORY:
      case CREATE_TRUST_DIRECTORY:
      case SETUP_REPLACES_FACTORY_CREDENTIALS:
      case WHERE_A_MODULE_IS_NAMED:
      case CHECK_PUBLISHED_ON_SERVER:
      case CHECK_PUBLISHED_IN_REPOSITORY:
        return " (";
      case ROTATE_TO_CHANGE_KEYS:
      case ROOT_HOLDERS_SIGN:
      case RECREATE_REPOSITORY:
      case CHECK_WHOLE_ATTESTATION_CHAIN:
      case OVERWRITE:
      case LEAVE_OUT_ADDED_CERTIFICATE:
      case REMOVE_AND_ADD_IN_ONE_PLAN:
      case TUF_INIT_MAKES_NEW_ONLY:
        return "; ";
      case CHECK_WHAT_ANSWERS:
        return ", so ";
      default:
        return ": ";
    }
  }

  /** {@code problem} (the library's words) followed by the remedy's. */
  static String join(String problem, Remedy remedy) {
    String sep = separator(remedy.kind());
    return problem + sep + of(remedy) + (sep.equals(" (") ? ")" : "");
  }

  /** The message of a failure, with what to do added when the library knows a remedy. */
  static String message(KeysException e) {
    String m = String.valueOf(e.getMessage());
    return e.remedy().isPresent() ? join(m, e.remedy().get()) : m;
  }
}
