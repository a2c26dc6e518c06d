package dev.trustkeys.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What would fix a failure, as data: a {@link Kind} and the things it is about (a GUN, a role, a
 * key ID, a YubiKey's serial, a server URL, a path). The library's message says what is wrong; the
 * command line adds how to fix it in its own words, with its flags and commands ({@code
 * cli.Advice}), so that no library message names a flag or a command line.
 */
public final class Remedy {
  /** What a kind of remedy is about. */
  public enum About {
    NOTHING,
    GUN,
    GUN_AND_ROLE,
    GUN_AND_SERVER,
    KEY_ID,
    /** A YubiKey's serial, when it is known. */
    YUBIKEY,
    SERVER,
    /** A path, when there is one. */
    PATH,
    GUN_AND_PATH
  }

  /** The kinds of remedy, each with what it is about. */
  public enum Kind {
    /** A key file cannot be read: restore it from a backup, or move it away. */
    RESTORE_OR_MOVE_KEY_FILE(About.NOTHING),
    /** A key file cannot be read (a finding): restore it, or move it out of the key directory. */
    RESTORE_OR_MOVE_OUT_OF_KEY_DIRECTORY(About.NOTHING),
    /** Several PKCS#11 tokens could take the key: choose one by URI. */
    CHOOSE_TOKEN(About.NOTHING),
    /** A passphrase is needed and there is no terminal to ask on: it can come from a file too. */
    PASSPHRASE_FROM_FILE(About.NOTHING),
    /** Several YubiKeys are plugged in: choose one by serial. */
    CHOOSE_YUBIKEY(About.NOTHING),
    /** A PKCS#11 module is needed and none was found: name it. */
    NAME_MODULE(About.NOTHING),
    /** No PKCS#11 module is configured (a note): where one is named. */
    WHERE_A_MODULE_IS_NAMED(About.NOTHING),
    /** The PKCS#11 module named does not work: name another, or none. */
    FIX_MODULE(About.NOTHING),
    /** A key of this role belongs to one repository: name it. */
    NAME_GUN(About.NOTHING),
    /** The back end makes ECDSA P-256 keys only. */
    USE_ECDSA(About.NOTHING),
    /** An output file exists: another name, or replace it on purpose. */
    REPLACE_OR_RENAME(About.NOTHING),
    /** The key asked for can only be made and held by the server. */
    LET_THE_SERVER_HOLD_IT(About.NOTHING),
    /** A public key is needed: name one. */
    NAME_PUBLIC_KEY(About.NOTHING),
    /** A Notary server is needed: name it. */
    NAME_SERVER(About.NOTHING),
    /** What answered is not what was meant: check the server named. */
    CHECK_SERVER(About.NOTHING),
    /** What answered is no Notary server: name the Notary server, not the registry. */
    CHECK_SERVER_IS_NOTARY(About.NOTHING),
    /** Far too much came back: check the server named and what answers there. */
    CHECK_WHAT_ANSWERS(About.NOTHING),
    /** The server speaks HTTPS: use its https:// URL. */
    USE_HTTPS(About.SERVER),
    /** Docker Hub's Notary is going away: run and name a server of one's own. */
    USE_OWN_NOTARY_SERVER(About.NOTHING),
    /** An environment variable names a server wrongly: fix it, or name the server. */
    FIX_VARIABLE_OR_NAME_SERVER(About.NOTHING),
    /** The server's CA is not trusted: give its certificate (Docker's CA file for the server). */
    TRUST_THE_CA(About.PATH),
    /** The server wants a client certificate: give one and its key (Docker's CA file beside). */
    GIVE_CLIENT_CERTIFICATE(About.PATH),
    /** The server refused the client certificate: give one it accepts (Docker's CA file beside). */
    REPLACE_CLIENT_CERTIFICATE(About.PATH),
    /** A client certificate came without its key or the other way round: give both. */
    GIVE_CERTIFICATE_AND_KEY(About.NOTHING),
    /** The repository does not exist on the server: create it there. */
    CREATE_REPOSITORY(About.GUN_AND_SERVER),
    /** No root.json was found: create the repository, or name the server that has it. */
    CREATE_REPOSITORY_OR_NAME_SERVER(About.GUN),
    /** A cached file is damaged: delete it and fetch it again. */
    FETCH_CACHED_AGAIN(About.GUN),
    /** The repository exists: change its keys by rotating them. */
    ROTATE_TO_CHANGE_KEYS(About.NOTHING),
    /** A new key was made but not published: keep it, or remove it. */
    KEEP_OR_REMOVE_NEW_KEY(About.KEY_ID),
    /** A role's key is not here: sign where it is, or import it. */
    SIGN_WHERE_THE_KEY_IS(About.NOTHING),
    /** No key here can sign a tag: get a signer's key, add a signer, or name a role. */
    ADD_SIGNER_OR_NAME_ROLE(About.NOTHING),
    /** A delegation (or key of one) was named that is not there: the delegations there are. */
    LIST_DELEGATIONS(About.GUN),
    /** Some root keys are here, too few: collect the others' signatures in a ceremony. */
    COLLECT_ROOT_SIGNATURES(About.NOTHING),
    /** No root key is here: their holders sign in a ceremony. */
    ROOT_HOLDERS_SIGN(About.NOTHING),
    /** The only root key is not here: if it is lost, the repository must be made anew. */
    RECREATE_REPOSITORY(About.GUN),
    /** The trust directory is read-only: make it writable, or use another. */
    MAKE_WRITABLE_OR_USE_ANOTHER_DIRECTORY(About.NOTHING),
    /** A YubiKey's PIN is blocked: unblock it with the PUK. */
    UNBLOCK_PIN(About.YUBIKEY),
    /** A YubiKey's PIN is blocked (a finding): the command that unblocks it. */
    UNBLOCK_PIN_COMMAND(About.YUBIKEY),
    /** One PIN try is left (a finding): enter the right PIN, or set a new one with the PUK. */
    KEEP_PIN_TRIES(About.YUBIKEY),
    /** A YubiKey's PUK is blocked: only a reset makes it usable. */
    RESET_YUBIKEY(About.NOTHING),
    /** A YubiKey still has a factory credential: change it. */
    CHANGE_FACTORY_CREDENTIAL(About.YUBIKEY),
    /** A YubiKey has the factory management key (a finding): the command that sets it up. */
    SET_UP_YUBIKEY(About.YUBIKEY),
    /** The factory PIN and PUK were not tried (a note): what replaces them. */
    SETUP_REPLACES_FACTORY_CREDENTIALS(About.NOTHING),
    /** A YubiKey has no free slot: remove a key first. */
    FREE_A_SLOT(About.NOTHING),
    /** A slot could not be cleared after a failure: look at the device and clear it by hand. */
    CLEAR_SLOT_BY_HAND(About.NOTHING),
    /** No attestation root is trusted: give one. */
    GIVE_ATTESTATION_ROOT(About.NOTHING),
    /** An attestation was checked up to the device's own certificate: give the root for all. */
    CHECK_WHOLE_ATTESTATION_CHAIN(About.NOTHING),
    /** A yubikey: URI is malformed: its form, and where to see one. */
    YUBIKEY_URI_FORM(About.NOTHING),
    /** Something is not a key ID: the IDs there are. */
    GIVE_A_LISTED_KEY_ID(About.NOTHING),
    /** No key matches: the keys there are. */
    LIST_KEYS(About.NOTHING),
    /** What a device holds changed since it was read: read it again. */
    LIST_KEYS_AGAIN(About.NOTHING),
    /** The archive named is a directory: name a file. */
    NAME_ARCHIVE_FILE(About.NOTHING),
    /** An archive has no manifest: it was not written as a backup; a dry run checks it. */
    DRY_RUN_RESTORE(About.NOTHING),
    /** A path in the way is not a directory: replace it, or restore into another directory. */
    RESTORE_ELSEWHERE(About.NOTHING),
    /** Files of the archive differ from those here: replace them on purpose. */
    OVERWRITE(About.NOTHING),
    /** A root certificate is added for a key that is in the root already: leave it out. */
    LEAVE_OUT_ADDED_CERTIFICATE(About.KEY_ID),
    /** A key in the root is listed again: remove it in the same plan to list it anew. */
    REMOVE_AND_ADD_IN_ONE_PLAN(About.KEY_ID),
    /** A Notary ceremony request is published to a server. */
    PUBLISH_TO_SERVER(About.NOTHING),
    /** A TUF ceremony request is published to a repository. */
    PUBLISH_TO_REPOSITORY(About.NOTHING),
    /** An entry signed by no root key: check the request against the server it went to. */
    VERIFY_ON_SERVER(About.NOTHING),
    /** An entry signed by no root key: check the request against the repository it went to. */
    VERIFY_IN_REPOSITORY(About.NOTHING),
    /** A published request (a note): how to check it on the server. */
    CHECK_PUBLISHED_ON_SERVER(About.NOTHING),
    /** A published request (a note): how to check it in the repository. */
    CHECK_PUBLISHED_IN_REPOSITORY(About.NOTHING),
    /** A folder is not a TUF repository: create one there. */
    CREATE_TUF_REPOSITORY(About.PATH),
    /** A TUF repository exists already: creating makes new ones only. */
    TUF_INIT_MAKES_NEW_ONLY(About.NOTHING),
    /** A TUF repository is incomplete: verifying it says more. */
    VERIFY_TUF_REPOSITORY(About.NOTHING),
    /** There is no trust directory yet (a note): what creates it. */
    CREATE_TRUST_DIRECTORY(About.NOTHING),
    /** A repository's metadata expires (a finding): re-sign it. */
    RESIGN_METADATA(About.GUN_AND_ROLE),
    /** A root certificate expires (a finding): rotate the root key. */
    ROTATE_ROOT_KEY(About.GUN),
    /** A cached file cannot be read (a finding): remove it and fetch it again. */
    REMOVE_AND_FETCH_AGAIN(About.GUN),
    /** A cached file is damaged (a finding): fetch it again, or remove the cache directory. */
    FETCH_AGAIN_OR_REMOVE_CACHE(About.GUN_AND_PATH),
    /** A root key has one copy (a finding): back it up, and check the backup. */
    BACK_UP_AND_CHECK(About.NOTHING);

    private final About about;

    Kind(About about) {
      this.about = about;
    }

    public About about() {
      return about;
    }
  }

  private final Kind kind;
  private final String gun;
  private final String role;
  private final String keyId;
  private final String serial;
  private final String server;
  private final Path path;

  private Remedy(
      Kind kind, String gun, String role, String keyId, String serial, String server, Path path) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.gun = gun;
    this.role = role;
    this.keyId = keyId;
    this.serial = serial;
    this.server = server;
    this.path = path;
  }

  private static Kind check(Kind kind, About about) {
    if (kind.about() != about) {
      throw new IllegalArgumentException(kind + " is about " + kind.about() + ", not " + about);
    }
    return kind;
  }

  /** A remedy about nothing in particular. */
  public static Remedy of(Kind kind) {
    return new Remedy(check(kind, About.NOTHING), null, null, null, null, null, null);
  }

  public static Remedy forGun(Kind kind, String gun) {
    return new Remedy(
        check(kind, About.GUN), Objects.requireNonNull(gun), null, null, null, null, null);
  }

  public static Remedy forRole(Kind kind, String gun, String role) {
    return new Remedy(
        check(kind, About.GUN_AND_ROLE),
        Objects.requireNonNull(gun),
        Objects.requireNonNull(role),
        null,
        null,
        null,
        null);
  }

  /** {@code server}: the URL of a Notary server. */
  public static Remedy forServer(Kind kind, String server) {
    return new Remedy(
        check(kind, About.SERVER), null, null, null, null, Objects.requireNonNull(server), null);
  }

  /** A remedy about repository {@code gun} on the Notary server at {@code server}. */
  public static Remedy forGunOnServer(Kind kind, String gun, String server) {
    return new Remedy(
        check(kind, About.GUN_AND_SERVER),
        Objects.requireNonNull(gun),
        null,
        null,
        null,
        Objects.requireNonNull(server),
        null);
  }

  public static Remedy forKey(Kind kind, String keyId) {
    return new Remedy(
        check(kind, About.KEY_ID), null, null, Objects.requireNonNull(keyId), null, null, null);
  }

  /** {@code serial}: the YubiKey's serial, or null when it is not known. */
  public static Remedy forYubiKey(Kind kind, String serial) {
    return new Remedy(check(kind, About.YUBIKEY), null, null, null, serial, null, null);
  }

  /** {@code path}: the path it is about, or null when there is none. */
  public static Remedy forPath(Kind kind, Path path) {
    return new Remedy(check(kind, About.PATH), null, null, null, null, null, path);
  }

  public static Remedy forCache(Kind kind, String gun, Path path) {
    return new Remedy(
        check(kind, About.GUN_AND_PATH),
        Objects.requireNonNull(gun),
        null,
        null,
        null,
        null,
        Objects.requireNonNull(path));
  }

  public Kind kind() {
    return kind;
  }

  /** The repository it is about (GUN), or "". */
  public String gun() {
    return gun == null ? "" : gun;
  }

  /** The role it is about, or "". */
  public String role() {
    return role == null ? "" : role;
  }

  /** The key ID it is about, or "". */
  public String keyId() {
    return keyId == null ? "" : keyId;
  }

  /** The serial of the YubiKey it is about, if known. */
  public Optional<String> serial() {
    return Optional.ofNullable(serial);
  }

  /** The server URL it is about, or "". */
  public String server() {
    return server == null ? "" : server;
  }

  /** The path it is about, if any. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Remedy r
        && kind == r.kind
        && Objects.equals(gun, r.gun)
        && Objects.equals(role, r.role)
        && Objects.equals(keyId, r.keyId)
        && Objects.equals(serial, r.serial)
        && Objects.equals(server, r.server)
        && Objects.equals(path, r.path);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, gun, role, keyId, serial, server, path);
  }

  @Override
  public String toString() {
    return "Remedy["
        + kind
        + (gun == null ? "" : " gun=" + gun)
        + (role == null ? "" : " role=" + role)
        + (keyId == null ? "" : " key=" + keyId)
        + (serial == null ? "" : " serial=" + serial)
        + (server == null ? "" : " server=" + server)
        + (path == null ? "" : " path=" + path)
        + "]";
  }
}
