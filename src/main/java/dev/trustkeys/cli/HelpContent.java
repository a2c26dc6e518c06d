package dev.trustkeys.cli;

import java.util.List;
import java.util.Map;

/**
 * What each command's help adds to picocli's usage: the environment variables it reads and examples
 * to copy. One table for every command (keyed by the command's name after {@code keys}, "" for
 * {@code keys} itself), shown by {@code --help} ({@link HelpLayout}) and the man pages ({@code
 * Extras}); {@code HelpTest} checks that every command has examples and that every example parses
 * as that command.
 */
final class HelpContent {
  private HelpContent() {}

  /** An environment variable (or a few that mean the same) and what it gives the command. */
  record Variable(String names, String meaning) {}

  /**
   * A command's environment and examples; an example line starting with "#" says what the next line
   * does.
   */
  record Entry(List<Variable> environment, List<String> examples) {}

  // The groups of variables, as the commands read them.
  private static final Variable ROOT_PASSPHRASE =
      new Variable(
          "NOTARY_ROOT_PASSPHRASE, DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE",
          "The root key's passphrase (else --passphrase-file, else a prompt).");
  private static final Variable ROLE_PASSPHRASES =
      new Variable(
          "NOTARY_TARGETS_PASSPHRASE, NOTARY_SNAPSHOT_PASSPHRASE, NOTARY_TIMESTAMP_PASSPHRASE,"
              + " NOTARY_DELEGATION_PASSPHRASE",
          "The passphrase of a key of that role (else DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE).");
  private static final Variable REPOSITORY_PASSPHRASE =
      new Variable(
          "DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE",
          "Docker's name for the passphrase of every key that is not a root key.");
  private static final Variable PKCS11_MODULE =
      new Variable("KEYS_PKCS11_MODULE", "The PKCS#11 module for token keys, as --module.");
  private static final Variable PKCS11_PIN =
      new Variable(
          "KEYS_PKCS11_PIN, KEYS_PKCS11_PIN_FILE",
          "A token's PIN, or the file holding it (else the URI's pin-source, else a prompt).");
  private static final Variable YUBIKEY_PIN =
      new Variable("KEYS_YUBIKEY_PIN", "The YubiKey's PIN (else a prompt).");
  private static final Variable MANAGEMENT_KEY =
      new Variable(
          "KEYS_YUBIKEY_MANAGEMENT_KEY, KEYS_YUBIKEY_MANAGEMENT_KEY_FILE",
          "The YubiKey's management key (48 hex digits) when it is not the factory one, to put a key on it.");
  private static final Variable SERVER =
      new Variable(
          "DOCKER_CONTENT_TRUST_SERVER",
          "The Notary server when --server is not given (else ~/.notary/config.json, else the registry's).");
  private static final Variable AUTH =
      new Variable(
          "NOTARY_AUTH",
          "base64(user:password) for the server's login (else what 'docker login' stored).");
  private static final Variable TLS =
      new Variable(
          "DOCKER_CONFIG",
          "Certificates for the server are read from $DOCKER_CONFIG/tls/<host:port>/ (else ~/.docker/tls/...), as"
              + " Docker does.");
  private static final Variable DEVICE_PIN =
      new Variable(
          "KEYS_YUBIKEY_PIN, KEYS_YUBIKEY_PIN_FILE",
          "The current PIN, or a file holding it (else a prompt).");
  private static final Variable DEVICE_PUK =
      new Variable(
          "KEYS_YUBIKEY_PUK, KEYS_YUBIKEY_PUK_FILE",
          "The current PUK, or a file holding it (else a prompt).");
  private static final Variable NEW_PIN =
      new Variable(
          "KEYS_YUBIKEY_NEW_PIN, KEYS_YUBIKEY_NEW_PIN_FILE",
          "The new PIN, 6 to 8 characters (else asked twice).");
  private static final Variable NEW_PUK =
      new Variable(
          "KEYS_YUBIKEY_NEW_PUK, KEYS_YUBIKEY_NEW_PUK_FILE",
          "The new PUK, 6 to 8 characters (else asked twice).");
  private static final Variable NEW_MANAGEMENT_KEY =
      new Variable(
          "KEYS_YUBIKEY_NEW_MANAGEMENT_KEY, KEYS_YUBIKEY_NEW_MANAGEMENT_KEY_FILE",
          "The new management key, 48 hex digits (else asked twice, or made at random).");

  private static final List<Variable> PASSPHRASES =
      List.of(ROOT_PASSPHRASE, ROLE_PASSPHRASES, REPOSITORY_PASSPHRASE);
  private static final List<Variable> SIGNING =
      List.of(
          ROOT_PASSPHRASE,
          ROLE_PASSPHRASES,
          REPOSITORY_PASSPHRASE,
          YUBIKEY_PIN,
          PKCS11_MODULE,
          PKCS11_PIN);
  private static final List<Variable> MAKING =
      List.of(
          ROOT_PASSPHRASE,
          ROLE_PASSPHRASES,
          REPOSITORY_PASSPHRASE,
          YUBIKEY_PIN,
          MANAGEMENT_KEY,
          PKCS11_MODULE,
          PKCS11_PIN);
  private static final List<Variable> REMOTE = List.of(SERVER, AUTH, TLS);
  private static final List<Variable> NONE = List.of();

  private static List<Variable> and(List<Variable> a, List<Variable> b) {
    List<Variable> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static Entry entry(List<Variable> environment, String... examples) {
    return new Entry(environment, List.of(examples));
  }

  static final Map<String, Entry> ENTRIES =
      Map.ofEntries(
          Map.entry(
              "",
              entry(
                  List.of(
                      new Variable(
                          "DOCKER_CONFIG",
                          "The trust directory is $DOCKER_CONFIG/trust (else ~/.docker/trust) unless -d is given."),
                      PKCS11_MODULE,
                      new Variable(
                          "NOTARY_*_PASSPHRASE, DOCKER_CONTENT_TRUST_*_PASSPHRASE, KEYS_YUBIKEY_*,"
                              + " KEYS_PKCS11_*",
                          "Passphrases and PINs: each command's --help names those it reads.")),
                  "# Check the machine, then create a repository's keys",
                  "keys doctor",
                  "keys init docker.io/me/app",
                  "# What is here, and the help of one command",
                  "keys list",
                  "keys help rotate")),
          Map.entry(
              "list",
              entry(
                  List.of(PKCS11_MODULE),
                  "keys list",
                  "# The keys of one repository, or of one role",
                  "keys list docker.io/me/app",
                  "keys list --role root",
                  "keys list --json")),
          Map.entry(
              "generate",
              entry(
                  MAKING,
                  "keys generate --role root",
                  "keys generate --role targets --gun docker.io/me/app",
                  "# A delegation key, Ed25519",
                  "keys generate --role targets/releases --algorithm ed25519",
                  "# On a YubiKey, or on a PKCS#11 token",
                  "keys generate --role root --yubikey",
                  "keys generate --role root --pkcs11 pkcs11:token=keys --module softhsm2")),
          Map.entry(
              "init",
              entry(
                  and(MAKING, List.of(AUTH, TLS)),
                  "# Reuse or create the root key, create the targets and snapshot keys",
                  "keys init docker.io/me/app",
                  "# Also sign and publish the repository's first metadata",
                  "keys init docker.io/me/app --server https://notary.example.com",
                  "# The root key on a YubiKey",
                  "keys init docker.io/me/app --yubikey")),
          Map.entry(
              "import",
              entry(
                  PASSPHRASES,
                  "keys import key.pem",
                  "# A key without a role header",
                  "keys import --role targets --gun docker.io/me/app targets.pem")),
          Map.entry(
              "export",
              entry(
                  List.of(PKCS11_MODULE),
                  "# As stored (still encrypted), for notary key import",
                  "keys export 1a2b3c4 -o backup.pem",
                  "keys export --public 1a2b3c4")),
          Map.entry(
              "passwd",
              entry(
                  PASSPHRASES,
                  "keys passwd 1a2b3c4",
                  "keys passwd 1a2b3c4 --new-passphrase-file new.txt")),
          Map.entry(
              "remove",
              entry(
                  List.of(PKCS11_MODULE, PKCS11_PIN),
                  "# Asks first, [y/N]",
                  "keys remove 1a2b3c4",
                  "# For scripts",
                  "keys remove 1a2b3c4 --yes")),
          Map.entry(
              "sign",
              entry(
                  SIGNING,
                  "keys sign --key 1a2b3c4 payload.json",
                  "keys sign --key 1a2b3c4 --base64 -o payload.sig payload.json")),
          Map.entry(
              "tokens",
              entry(List.of(PKCS11_MODULE), "keys tokens --module softhsm2", "keys tokens --json")),
          Map.entry(
              "rotate",
              entry(
                  and(SIGNING, REMOTE),
                  "keys rotate docker.io/me/app targets",
                  "# Let the server hold the snapshot key",
                  "keys rotate docker.io/me/app snapshot --server-managed",
                  "# A new root key: asks first, [y/N]",
                  "keys rotate docker.io/me/app root --server https://notary.example.com")),
          Map.entry(
              "status",
              entry(
                  and(List.of(PKCS11_MODULE), REMOTE),
                  "keys status docker.io/me/app",
                  "keys status docker.io/me/app --json")),
          Map.entry(
              "verify",
              entry(
                  REMOTE,
                  "keys verify docker.io/me/app",
                  "keys verify docker.io/me/app --server https://notary.example.com --json")),
          Map.entry(
              "inspect",
              entry(
                  REMOTE,
                  "keys inspect me/app",
                  "keys inspect --pretty me/app:1.0 registry.example.com:5000/team/app")),
          Map.entry(
              "signer",
              entry(
                  NONE,
                  "keys signer add alice me/app --key alice.pub",
                  "keys signer remove alice me/app")),
          Map.entry(
              "signer add",
              entry(
                  and(MAKING, REMOTE),
                  "# Alice's public key, e.g. from 'docker trust key generate alice'",
                  "keys signer add alice me/app --key alice.pub",
                  "# A key held here (a YubiKey's, a token's), by ID",
                  "keys signer add bob me/app registry.example.com:5000/team/app --key 1a2b3c4")),
          Map.entry(
              "signer remove",
              entry(
                  and(SIGNING, REMOTE),
                  "keys signer remove alice me/app",
                  "keys signer remove alice me/app --force")),
          Map.entry(
              "tag",
              entry(
                  NONE,
                  "keys tag sign me/app:1.0 --digest sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0"
                      + " --size 1234",
                  "keys tag revoke me/app:1.0")),
          Map.entry(
              "tag sign",
              entry(
                  and(SIGNING, REMOTE),
                  "# The digest and size of the manifest, as the registry shows them",
                  "keys tag sign me/app:1.0 me/app:latest --digest"
                      + " sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0 --size 1234",
                  "keys tag sign me/app:1.0 --role targets --digest"
                      + " sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0 --size 1234")),
          Map.entry(
              "tag revoke",
              entry(
                  and(SIGNING, REMOTE),
                  "keys tag revoke me/app:1.0",
                  "# Every tag: asks first, [y/N]",
                  "keys tag revoke me/app")),
          Map.entry(
              "delegation",
              entry(
                  NONE,
                  "keys delegation list docker.io/me/app",
                  "keys delegation add docker.io/me/app targets/releases --key alice.pub --all-paths")),
          Map.entry(
              "delegation list",
              entry(
                  REMOTE,
                  "keys delegation list docker.io/me/app",
                  "keys delegation list docker.io/me/app --json")),
          Map.entry(
              "delegation add",
              entry(
                  and(SIGNING, REMOTE),
                  "keys delegation add docker.io/me/app targets/releases --key alice.pub --all-paths",
                  "keys delegation add docker.io/me/app targets/qa --key 1a2b3c4 --paths qa/ --threshold 1")),
          Map.entry(
              "delegation remove",
              entry(
                  and(SIGNING, REMOTE),
                  "# One key of a delegation",
                  "keys delegation remove docker.io/me/app targets/qa --key 1a2b3c4",
                  "# The whole delegation: asks first, [y/N]",
                  "keys delegation remove docker.io/me/app targets/qa")),
          Map.entry(
              "ceremony",
              entry(
                  NONE,
                  "keys ceremony plan docker.io/me/app --add-cert bob.crt --threshold 2 -o request.json",
                  "keys ceremony sign request.json",
                  "keys ceremony publish request.json")),
          Map.entry(
              "ceremony certificate",
              entry(
                  List.of(ROOT_PASSPHRASE, YUBIKEY_PIN, PKCS11_MODULE, PKCS11_PIN),
                  "keys ceremony certificate docker.io/me/app --key 1a2b3c4 -o bob.crt")),
          Map.entry(
              "ceremony plan",
              entry(
                  REMOTE,
                  "# Add Bob's root key; any two of the keys can sign from now on",
                  "keys ceremony plan docker.io/me/app --add-cert bob.crt --threshold 2 -o request.json",
                  "keys ceremony plan docker.io/me/app --remove-key 1a2b3c4 -o request.json --operator alice")),
          Map.entry(
              "ceremony sign",
              entry(
                  List.of(ROOT_PASSPHRASE, YUBIKEY_PIN, PKCS11_MODULE, PKCS11_PIN, AUTH, TLS),
                  "keys ceremony sign request.json",
                  "keys ceremony sign request.json --key 1a2b3c4 --operator bob")),
          Map.entry(
              "ceremony status",
              entry(
                  NONE,
                  "keys ceremony status request.json",
                  "keys ceremony status request.json --json")),
          Map.entry(
              "ceremony publish",
              entry(
                  REMOTE,
                  "keys ceremony publish request.json",
                  "keys ceremony publish request.json --server https://notary.example.com")),
          Map.entry(
              "ceremony verify",
              entry(
                  List.of(AUTH, TLS),
                  "keys ceremony verify request.json",
                  "keys ceremony verify request.json --json")),
          Map.entry(
              "tuf",
              entry(
                  NONE,
                  "keys tuf init repo",
                  "keys tuf add-target repo dist/app.tar.gz",
                  "keys tuf verify repo")),
          Map.entry(
              "tuf init",
              entry(
                  MAKING,
                  "keys tuf init repo",
                  "# Two of three root keys, the root keys on YubiKeys",
                  "keys tuf init repo --root-key 1a2b3c4 --root-key 5d6e7f8 --root-key 9a8b7c6 --root-threshold 2",
                  "keys tuf init repo --yubikey --expires timestamp=1")),
          Map.entry(
              "tuf add-target",
              entry(
                  SIGNING,
                  "keys tuf add-target repo dist/app.tar.gz",
                  "keys tuf add-target repo dist/app.tar.gz --path releases/app-1.0.tar.gz --role releases")),
          Map.entry(
              "tuf remove-target",
              entry(SIGNING, "keys tuf remove-target repo releases/app-1.0.tar.gz")),
          Map.entry(
              "tuf delegate",
              entry(
                  SIGNING,
                  "keys tuf delegate repo releases --key 1a2b3c4 --paths 'releases/*'",
                  "keys tuf delegate repo releases --key 1a2b3c4 --key 5d6e7f8 --threshold 2 --terminating")),
          Map.entry("tuf undelegate", entry(SIGNING, "keys tuf undelegate repo releases")),
          Map.entry(
              "tuf sign",
              entry(
                  SIGNING,
                  "# Add your signature to a staged root (tuf-on-ci, root-signing)",
                  "keys tuf sign repo root",
                  "keys tuf sign repo root --key 1a2b3c4")),
          Map.entry("tuf refresh", entry(SIGNING, "keys tuf refresh repo")),
          Map.entry(
              "tuf verify",
              entry(
                  NONE,
                  "keys tuf verify repo",
                  "keys tuf verify repo --at 2030-01-01T00:00:00Z --json")),
          Map.entry(
              "tuf status", entry(NONE, "keys tuf status repo", "keys tuf status repo --json")),
          Map.entry(
              "backup",
              entry(
                  List.of(ROOT_PASSPHRASE, ROLE_PASSPHRASES, REPOSITORY_PASSPHRASE),
                  "keys backup -o keys-backup.tar.gz",
                  "keys backup --with-metadata -o keys-backup.tar.gz --force",
                  "# Check an archive (and that the passphrases still open its keys)",
                  "keys backup --verify keys-backup.tar.gz --check-passphrases")),
          Map.entry(
              "restore",
              entry(
                  NONE,
                  "keys restore keys-backup.tar.gz --dry-run",
                  "keys restore keys-backup.tar.gz",
                  "keys restore keys-backup.tar.gz --overwrite")),
          Map.entry(
              "yubikey",
              entry(
                  NONE,
                  "keys yubikey list",
                  "keys yubikey setup",
                  "keys yubikey status --serial 12345678")),
          Map.entry("yubikey list", entry(NONE, "keys yubikey list", "keys yubikey list --json")),
          Map.entry(
              "yubikey status",
              entry(NONE, "keys yubikey status", "keys yubikey status --serial 12345678 --json")),
          Map.entry(
              "yubikey attest",
              entry(
                  NONE,
                  "keys yubikey attest 9c",
                  "keys yubikey attest 9c --attestation-root yubico-piv-ca.pem")),
          Map.entry(
              "yubikey setup",
              entry(
                  List.of(
                      DEVICE_PIN, NEW_PIN, DEVICE_PUK, NEW_PUK, MANAGEMENT_KEY, NEW_MANAGEMENT_KEY),
                  "# Asks for each new value, twice",
                  "keys yubikey setup",
                  "# Let keys make the management key, and show it once",
                  "keys yubikey setup --random-management-key")),
          Map.entry(
              "yubikey change-pin",
              entry(
                  List.of(DEVICE_PIN, NEW_PIN),
                  "keys yubikey change-pin",
                  "keys yubikey change-pin --serial 12345678")),
          Map.entry(
              "yubikey change-puk", entry(List.of(DEVICE_PUK, NEW_PUK), "keys yubikey change-puk")),
          Map.entry(
              "yubikey unblock-pin",
              entry(List.of(DEVICE_PUK, NEW_PIN), "keys yubikey unblock-pin")),
          Map.entry(
              "yubikey set-management-key",
              entry(
                  List.of(MANAGEMENT_KEY, NEW_MANAGEMENT_KEY),
                  "keys yubikey set-management-key",
                  "keys yubikey set-management-key --random")),
          Map.entry(
              "yubikey reset",
              entry(
                  NONE,
                  "# Asks first, [y/N]",
                  "keys yubikey reset --serial 12345678",
                  "keys yubikey reset --serial 12345678 --yes")),
          Map.entry(
              "doctor",
              entry(
                  List.of(PKCS11_MODULE),
                  "keys doctor",
                  "keys doctor --backup keys-backup.tar.gz --json")),
          Map.entry(
              "completion",
              entry(
                  NONE,
                  "keys completion bash > ~/.local/share/bash-completion/completions/keys",
                  "keys completion zsh > ~/.zfunc/keys.zsh")),
          Map.entry("help", entry(NONE, "keys help", "keys help ceremony plan")));

  /** The entry of the command named {@code path} after "keys" ("" for keys itself), or null. */
  static Entry of(String path) {
    return ENTRIES.get(path);
  }
}
