package dev.trustkeys.cli;

import dev.trustkeys.backend.file.FileProvider;
import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.backend.pkcs11.Pkcs11Provider;
import dev.trustkeys.backend.pkcs11.TokenRecords;
import dev.trustkeys.backend.yubikey.AttestationStore;
import dev.trustkeys.backend.yubikey.YubiKeyOptions;
import dev.trustkeys.backend.yubikey.YubiKeyProvider;
import dev.trustkeys.backend.yubikey.YubiKeyUser;
import dev.trustkeys.core.BackendProvider;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyAliases;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyNotFoundException;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.ChainedSecrets;
import dev.trustkeys.core.secret.EnvironmentSecrets;
import dev.trustkeys.core.secret.FileSecrets;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import dev.trustkeys.core.secret.Terminal;
import dev.trustkeys.core.secret.TerminalPrompter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The composition root of one command: from the shared options, the environment, the terminal and
 * the clock it builds the trust directory, where secrets come from, and the {@link Keyring} of
 * every back end. Nothing is loaded before a command asks for it.
 */
final class Context {
  private final KeysCommand root;
  private TrustDirectory trustDirectory;
  private FileProvider files;
  private YubiKeyProvider yubiKeys;
  private Pkcs11Provider pkcs11;
  private Keyring keyring;
  private YubiKeySetup keyringSetup;
  private Progress progress = Progress.none();

  Context(KeysCommand root) {
    this.root = root;
  }

  Map<String, String> env() {
    return root.env();
  }

  Terminal terminal() {
    return root.terminal();
  }

  /** The clock every command reads the time from (injected, so that tests control expiry). */
  Clock clock() {
    return root.clock();
  }

  /** The trust directory, resolved once per command (Notary's config.json is read at most once). */
  TrustDirectory trustDirectory() {
    if (trustDirectory == null) {
      trustDirectory = TrustDirectory.resolve(root.trustDir, env(), home(), root.err());
    }
    return trustDirectory;
  }

  /**
   * The composition root's parameters (the KDF cost of new key files, the checkpoints of writes).
   */
  Wiring wiring() {
    return root.wiring();
  }

  /**
   * $HOME as the shell has it (as Docker and Notary use it), else Java's user.home (from the
   * password file).
   */
  Path home() {
    String h = env().get("HOME");
    return Path.of(h != null && !h.isBlank() ? h : System.getProperty("user.home"));
  }

  /**
   * Passphrases and PINs: --passphrase-file, then the environment, then a prompt on the terminal.
   */
  SecretProvider secrets() {
    List<SecretProvider> chain = new ArrayList<>();
    if (root.passphraseFile != null) {
      chain.add(new FileSecrets(root.passphraseFile, r -> r.isPassphrase()));
    }
    chain.add(new EnvironmentSecrets(env()));
    chain.add(new TerminalPrompter(promptTerminal()));
    return new ChainedSecrets(chain);
  }

  /**
   * A spinner on {@code err} for slow work, drawn only when a person is at a terminal (and colour
   * is allowed: not with NO_COLOR or TERM=dumb). Prompts made meanwhile clear it first and it
   * resumes after them.
   */
  Progress progress(PrintWriter err, String message) {
    progress = Progress.start(err, Style.enabled(env(), terminal().interactive()), message);
    return progress;
  }

  /** The terminal for prompts: it pauses the current spinner while it asks. */
  private Terminal promptTerminal() {
    return new PausingTerminal(terminal(), this);
  }

  Progress currentProgress() {
    return progress;
  }

  /** The trust directory's key files (for the commands about files: import, export, passwd). */
  KeyFileStore fileStore() {
    return files().store();
  }

  private FileProvider files() {
    if (files == null) {
      files =
          FileProvider.of(
              trustDirectory(), secrets(), wiring().kdfIterations(), wiring().checkpoint());
    }
    return files;
  }

  /**
   * How a command uses YubiKeys: at all ({@code --no-yubikey} says no), which one takes a new root
   * key, and how keys are made on one ({@link YubiKeyInitOptions}).
   */
  record YubiKeySetup(boolean use, YubiKeyProvider.Choice choice, YubiKeyOptions options) {}

  YubiKeySetup defaultYubiKeySetup() {
    return new YubiKeySetup(
        true,
        YubiKeyProvider.Choice.any(),
        YubiKeyOptions.defaults().withAllowLastPinTry(root.allowLastPinTry));
  }

  /**
   * The command's keyring: as built already (by {@link YubiKeyInitOptions}), else with YubiKeys as
   * by default.
   */
  Keyring keyring() {
    return keyring != null ? keyring : keyring(defaultYubiKeySetup());
  }

  /**
   * Every back end: YubiKeys (unless {@code setup} says not to), PKCS#11 tokens (of the module
   * configured with --module or KEYS_PKCS11_MODULE, and those recorded in the trust directory), the
   * trust directory's files. Built once per command.
   */
  Keyring keyring(YubiKeySetup setup) {
    if (keyring != null) {
      if (!keyringSetup.equals(setup)) {
        throw new IllegalStateException("the keyring was built with other YubiKey settings");
      }
      return keyring;
    }
    List<BackendProvider> providers = new ArrayList<>();
    if (setup.use()) {
      providers.add(yubiKeyProvider(setup));
    }
    providers.add(pkcs11());
    providers.add(files());
    keyring =
        new Keyring(
            providers,
            NotaryKeyNaming.INSTANCE,
            new RootCertificateAliases(trustDirectory().root()));
    keyringSetup = setup;
    return keyring;
  }

  /**
   * PKCS#11 tokens: the module of --module or KEYS_PKCS11_MODULE (else the URI's, a recorded one,
   * or one found); PINs from the URI's pin-source, KEYS_PKCS11_PIN, KEYS_PKCS11_PIN_FILE, then the
   * usual chain (prompt).
   */
  Pkcs11Provider pkcs11() {
    if (pkcs11 == null) {
      pkcs11 =
          new Pkcs11Provider(
              env(), root.module, tokenRecords(), secrets(), NotaryKeyNaming.INSTANCE, clock());
    }
    return pkcs11;
  }

  /** The PKCS#11 tokens keys made keys on, recorded in the trust directory. */
  TokenRecords tokenRecords() {
    return new TokenRecords(trustDirectory().root(), new TrustDirectoryLock(trustDirectory()));
  }

  /** The YubiKeys, as by default: for the device commands. */
  YubiKeyProvider yubiKeys() {
    return yubiKeyProvider(defaultYubiKeySetup());
  }

  private YubiKeyProvider yubiKeyProvider(YubiKeySetup setup) {
    if (yubiKeys == null) {
      yubiKeys =
          new YubiKeyProvider(
              env(),
              new YubiKeySecrets(this),
              fileStore(),
              new AttestationStore(trustDirectory().root()),
              yubiKeyUser(),
              setup.options(),
              clock(),
              setup.choice());
    }
    return yubiKeys;
  }

  /**
   * Messages and yes/no questions for the person at the YubiKey, on the terminal (stderr without
   * one).
   */
  YubiKeyUser yubiKeyUser() {
    return new TerminalUser(terminal());
  }

  /**
   * The key a query names (an ID, a prefix, a URI); "no key" after a mistyped -d says so ({@link
   * #checkTrustDirectory}).
   */
  Keyring.Located locate(String query) throws KeysException {
    try {
      return keyring().locate(query);
    } catch (KeyNotFoundException e) {
      checkTrustDirectory();
      throw e;
    }
  }

  /**
   * {@link #locate} for signing: a full ID stops at the first back end that holds it ({@link
   * Keyring#locateToUse}).
   */
  Keyring.Located locateToUse(String query) throws KeysException {
    try {
      return keyring().locateToUse(query);
    } catch (KeyNotFoundException e) {
      checkTrustDirectory();
      throw e;
    }
  }

  /**
   * For commands that found no key: a trust directory that is a file (or under one) is a mistake
   * (exit 2), and one named with -d that does not exist is not found (exit 4), so that a typo is
   * not taken for "no keys". The default place ({@code ~/.docker/trust}, {@code
   * $DOCKER_CONFIG/trust}) may well not exist yet: no keys there.
   */
  void checkTrustDirectory() throws KeysException {
    Path d = trustDirectory().root();
    if (Files.isDirectory(d)) {
      return;
    }
    if (Files.exists(d)) {
      throw new UsageException(
          "the trust directory " + d + " is not a directory: give a directory with -d");
    }
    for (Path p = d.getParent(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p)) {
          throw new UsageException(
              "the trust directory " + d + " cannot exist: " + p + " is not a directory");
        }
        break;
      }
    }
    if (root.trustDir != null) {
      throw new KeysException(
          "the trust directory " + d + " does not exist (keys init or keys generate creates it)",
          ExitCode.NOT_FOUND);
    }
  }

  /**
   * Management keys (KEYS_YUBIKEY_MANAGEMENT_KEY), then PINs and passphrases as every back end gets
   * them; put together when a YubiKey first asks, so that `keys list` without a YubiKey builds none
   * of it (a class: no lambda).
   */
  private static final class YubiKeySecrets implements SecretProvider {
    private final Context ctx;
    private SecretProvider chain;

    YubiKeySecrets(Context ctx) {
      this.ctx = ctx;
    }

    private SecretProvider chain() {
      if (chain == null) {
        chain =
            new ChainedSecrets(
                List.of(
                    new DeviceSecrets(ctx.env(), ctx.terminal()).managementKeys(), ctx.secrets()));
      }
      return chain;
    }

    @Override
    public Optional<Secret> obtain(SecretRequest request) throws KeysException {
      return chain().obtain(request);
    }

    @Override
    public boolean canAnswer(SecretRequest request) throws KeysException {
      return chain().canAnswer(request);
    }
  }

  /**
   * The trust directory's writers' lock, for the token records (a class: `keys list` spins no
   * lambda).
   */
  private static final class TrustDirectoryLock implements TokenRecords.Locker {
    private final TrustDirectory dir;

    TrustDirectoryLock(TrustDirectory dir) {
      this.dir = dir;
    }

    @Override
    public TokenRecords.Held lock() throws KeysException {
      TrustDirectory.WriteLock l = dir.lockForWrite();
      return l::close;
    }
  }

  /**
   * A root key by its root certificate's ID, in the metadata this trust directory keeps: root.json
   * names root keys by certificate, {@code keys list} by key, and either names the key.
   */
  private static final class RootCertificateAliases implements KeyAliases {
    private final Path trustDir;

    RootCertificateAliases(Path trustDir) {
      this.trustDir = trustDir;
    }

    @Override
    public Optional<KeyId> resolve(String prefix) {
      Set<KeyId> hits = new HashSet<>();
      for (Map.Entry<String, KeyId> e :
          new dev.trustkeys.notary.MetadataCache(trustDir).rootCertificates().entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          hits.add(e.getValue());
        }
      }
      return hits.size() == 1 ? Optional.of(hits.iterator().next()) : Optional.empty();
    }
  }
}
