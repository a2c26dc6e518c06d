package dev.trustkeys.cli;

import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.pkcs11.ModuleLocator;
import dev.trustkeys.backend.pkcs11.Pkcs11Backend;
import dev.trustkeys.backend.pkcs11.Pkcs11Module;
import dev.trustkeys.backend.pkcs11.Pkcs11PinSource;
import dev.trustkeys.backend.pkcs11.Pkcs11Uri;
import dev.trustkeys.backend.pkcs11.TokenFlag;
import dev.trustkeys.backend.pkcs11.TokenInfo;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.backend.yubikey.AttestationStore;
import dev.trustkeys.backend.yubikey.YubiKeyBackend;
import dev.trustkeys.backend.yubikey.YubiKeyDevice;
import dev.trustkeys.backend.yubikey.YubiKeyOptions;
import dev.trustkeys.backend.yubikey.YubiKeyUser;
import dev.trustkeys.backend.yubikey.YubiKeys;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyIndex;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.secret.ChainedSecrets;
import dev.trustkeys.core.secret.EnvironmentSecrets;
import dev.trustkeys.core.secret.FileSecrets;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.Terminal;
import dev.trustkeys.core.secret.TerminalPrompter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a command needs, built from the shared options, the environment and the terminal: the trust directory,
 * where secrets come from, and the back ends. Nothing is loaded before a command asks for it.
 */
final class Context {
  private final KeysCommand root;
  private KeyFileStore fileStore;
  private YubiKeys yubiKeys;
  private List<YubiKeyBackend> yubiKeyBackends;
  private YubiKeyOptions yubiKeyOptions;
  private boolean noYubiKey;
  private KeyBackend rootBackend;
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

  TrustDirectory trustDirectory() {
    return TrustDirectory.resolve(root.trustDir, env(), home(), root.err());
  }

  /** The composition root's parameters (the KDF cost of new key files, the checkpoints of writes). */
  Wiring wiring() {
    return root.wiring();
  }

  /** $HOME as the shell has it (as Docker and Notary use it), else Java's user.home (from the password file). */
  Path home() {
    String h = env().get("HOME");
    return Path.of(h != null && !h.isBlank() ? h : System.getProperty("user.home"));
  }

  /** Passphrases and PINs: --passphrase-file, then the environment, then a prompt on the terminal. */
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
   * A spinner on {@code err} for slow work, drawn only when a person is at a terminal (and colour is allowed:
   * not with NO_COLOR or TERM=dumb). Prompts made meanwhile clear it first and it resumes after them.
   */
  Progress progress(java.io.PrintWriter err, String message) {
    progress = Progress.start(err, Style.enabled(env(), terminal().interactive()), message);
    return progress;
  }

  /** The terminal for prompts: it pauses the current spinner while it asks. */
  private Terminal promptTerminal() {
    Terminal t = terminal();
    return new Terminal() {
      @Override
      public boolean interactive() {
        return t.interactive();
      }

      @Override
      public char[] readSecret(String prompt) {
        progress.pause();
        try {
          return t.readSecret(prompt);
        } finally {
          progress.resume();
        }
      }

      @Override
      public String readLine(String prompt) {
        progress.pause();
        try {
          return t.readLine(prompt);
        } finally {
          progress.resume();
        }
      }

      @Override
      public void say(String message) {
        progress.pause();
        try {
          t.say(message);
        } finally {
          progress.resume();
        }
      }
    };
  }

  KeyFileStore fileStore() {
    if (fileStore == null) {
      fileStore = new KeyFileStore(trustDirectory(), secrets(), wiring().kdfIterations(), wiring().checkpoint());
    }
    return fileStore;
  }

  /**
   * Every back end in use, the file store last (hardware back ends are preferred where a key lives twice). Token
   * back ends only when a PKCS#11 module is configured (--module or KEYS_PKCS11_MODULE): one per present token.
   */
  List<KeyBackend> backends() throws KeysException {
    List<KeyBackend> all = new ArrayList<>(yubiKeyBackends());
    if (ModuleLocator.isConfigured(root.module, env())) {
      Pkcs11Module m = pkcs11Module(null);
      for (TokenInfo t : m.tokens()) {
        if (t.has(TokenFlag.TOKEN_INITIALIZED)) {
          all.add(new Pkcs11Backend(m, Pkcs11Module.tokenUri(t), pkcs11Secrets(null), Clock.systemUTC()));
        }
      }
    }
    all.add(fileStore());
    return all;
  }

  /**
   * Where a new root key goes: the YubiKey chosen with init's options, else the only YubiKey plugged in, else the
   * file store. Several YubiKeys and none chosen: exit 2, asking for --serial.
   */
  KeyBackend rootBackend() throws KeysException {
    if (rootBackend != null) {
      return rootBackend;
    }
    List<YubiKeyBackend> yks = yubiKeyBackends();
    if (yks.size() > 1) {
      return yubiKey(null);
    }
    return yks.isEmpty() ? fileStore() : yks.get(0);
  }

  void rootBackend(KeyBackend b) {
    this.rootBackend = b;
  }

  /** Leaves YubiKeys out of this command (init --no-yubikey). */
  void withoutYubiKeys() {
    noYubiKey = true;
    yubiKeyBackends = new ArrayList<>();
  }

  /** How keys are made on a YubiKey (init options); set before the back ends are first used. */
  void yubiKeyOptions(YubiKeyOptions options) {
    this.yubiKeyOptions = options;
    this.yubiKeyBackends = null;
  }

  YubiKeyOptions yubiKeyOptions() {
    if (yubiKeyOptions == null) {
      yubiKeyOptions = YubiKeyOptions.defaults().withAllowLastPinTry(root.allowLastPinTry);
    }
    return yubiKeyOptions;
  }

  /** PC/SC discovery of YubiKeys: nothing is loaded without libykpiv and a PC/SC daemon socket. */
  YubiKeys yubiKeys() {
    if (yubiKeys == null) {
      yubiKeys = YubiKeys.probe(env());
    }
    return yubiKeys;
  }

  /** One back end per YubiKey plugged in (none with --no-yubikey, or without libykpiv/pcscd). */
  List<YubiKeyBackend> yubiKeyBackends() {
    if (yubiKeyBackends == null) {
      yubiKeyBackends = new ArrayList<>();
      if (!noYubiKey) {
        for (YubiKeyDevice d : yubiKeys().devices()) {
          yubiKeyBackends.add(yubiKeyBackend(d));
        }
      }
    }
    return yubiKeyBackends;
  }

  YubiKeyBackend yubiKeyBackend(YubiKeyDevice d) {
    SecretProvider yubiKeySecrets = new ChainedSecrets(List.of(
        new DeviceSecrets(env(), terminal()).managementKeys(), secrets()));
    return new YubiKeyBackend(yubiKeys(), d, yubiKeySecrets, fileStore(),
        new AttestationStore(trustDirectory().root()), yubiKeyUser(), yubiKeyOptions(), Clock.systemUTC());
  }

  /** The YubiKey back end for {@code serial} (or the only YubiKey); exit 6 when there is none. */
  YubiKeyBackend yubiKey(Integer serial) throws KeysException {
    YubiKeyDevice d = yubiKeys().select(serial);
    for (YubiKeyBackend b : yubiKeyBackends()) {
      if (b.device() == d) {
        return b;
      }
    }
    return yubiKeyBackend(d);
  }

  /**
   * Messages and the last-PIN-try question for the person at the YubiKey, on the terminal (stderr without one);
   * the question's flag is --allow-last-pin-try.
   */
  YubiKeyUser yubiKeyUser() {
    Terminal t = terminal();
    dev.trustkeys.core.secret.Confirmation ask =
        dev.trustkeys.core.secret.Confirmation.on(t, false, "--allow-last-pin-try");
    return new YubiKeyUser() {
      @Override
      public void say(String message) {
        t.say(message);
      }

      @Override
      public boolean confirm(String question) throws KeysException {
        return ask.confirm(question);
      }
    };
  }

  /** The PKCS#11 module: --module, the URI's module-path/module-name, KEYS_PKCS11_MODULE, then discovery. */
  Pkcs11Module pkcs11Module(Pkcs11Uri uri) throws KeysException {
    return Pkcs11Module.open(ModuleLocator.of(env()).locate(root.module, uri));
  }

  /** The token a pkcs11: URI names, as a back end whose PINs come from the URI's pin-source first. */
  Pkcs11Backend pkcs11Backend(Pkcs11Uri uri) throws KeysException {
    return new Pkcs11Backend(pkcs11Module(uri), uri, pkcs11Secrets(uri), Clock.systemUTC());
  }

  /** Token PINs: the URI's pin-source, KEYS_PKCS11_PIN, KEYS_PKCS11_PIN_FILE, then the usual chain (prompt). */
  SecretProvider pkcs11Secrets(Pkcs11Uri uri) throws KeysException {
    return Pkcs11PinSource.of(env(), uri).orElse(secrets());
  }

  /** Everything all back ends hold. */
  List<KeyInfo> allKeys() throws KeysException {
    List<KeyInfo> keys = new ArrayList<>();
    for (KeyBackend b : backends()) {
      KeyListing l = b.list();
      keys.addAll(l.keys());
    }
    return keys;
  }

  /**
   * The key {@code query} names. When no readable key matches but a file whose name starts with the query is
   * unreadable (corrupt, truncated, foreign), says so instead of "no key matches".
   */
  KeyInfo resolve(String query) throws KeysException {
    List<KeyInfo> keys = new ArrayList<>();
    List<KeyListing.Unreadable> unreadable = new ArrayList<>();
    for (KeyBackend b : backends()) {
      KeyListing l = b.list();
      keys.addAll(l.keys());
      unreadable.addAll(l.unreadable());
    }
    try {
      return new KeyIndex(keys).resolve(query);
    } catch (dev.trustkeys.core.KeyNotFoundException e) {
      String q = query.trim().toLowerCase(java.util.Locale.ROOT);
      java.util.Optional<dev.trustkeys.core.KeyId> byCertificate = keyOfCertificate(q);
      if (byCertificate.isPresent()) {
        return new KeyIndex(keys).resolve(byCertificate.get().hex());
      }
      for (KeyListing.Unreadable u : unreadable) {
        if (Path.of(u.location()).getFileName().toString().startsWith(q)) {
          throw new KeysException(u.location() + " cannot be used: " + u.reason()
              + ": restore it from a backup ('keys restore') or move it away", dev.trustkeys.core.ExitCode.FAILURE);
        }
      }
      checkTrustDirectory();
      throw e;
    }
  }

  /**
   * For commands that found no key: a trust directory that is a file (or under one) is a mistake (exit 2), and
   * one named with -d that does not exist is not found (exit 4), so that a typo is not taken for "no keys". The
   * default place ({@code ~/.docker/trust}, {@code $DOCKER_CONFIG/trust}) may well not exist yet: no keys there.
   */
  void checkTrustDirectory() throws KeysException {
    Path d = trustDirectory().root();
    if (java.nio.file.Files.isDirectory(d)) {
      return;
    }
    if (java.nio.file.Files.exists(d)) {
      throw new dev.trustkeys.core.UsageException(
          "the trust directory " + d + " is not a directory: give a directory with -d");
    }
    for (Path p = d.getParent(); p != null; p = p.getParent()) {
      if (java.nio.file.Files.exists(p)) {
        if (!java.nio.file.Files.isDirectory(p)) {
          throw new dev.trustkeys.core.UsageException(
              "the trust directory " + d + " cannot exist: " + p + " is not a directory");
        }
        break;
      }
    }
    if (root.trustDir != null) {
      throw new KeysException("the trust directory " + d + " does not exist (keys init or keys generate creates it)",
          dev.trustkeys.core.ExitCode.NOT_FOUND);
    }
  }

  /**
   * The key whose root certificate (in the metadata this trust directory keeps) has an ID starting with {@code q}:
   * root.json names root keys by certificate, {@code keys list} by key, and either names the key.
   */
  private java.util.Optional<dev.trustkeys.core.KeyId> keyOfCertificate(String q) {
    if (q.length() < dev.trustkeys.core.KeyId.MIN_PREFIX) {
      return java.util.Optional.empty();
    }
    java.util.Set<dev.trustkeys.core.KeyId> hits = new java.util.HashSet<>();
    new dev.trustkeys.notary.MetadataCache(trustDirectory().root()).rootCertificates().forEach((cert, key) -> {
      if (cert.startsWith(q)) {
        hits.add(key);
      }
    });
    return hits.size() == 1 ? java.util.Optional.of(hits.iterator().next()) : java.util.Optional.empty();
  }

  /** A key named on the command line, with the back end that holds it. */
  record Located(KeyInfo key, KeyBackend backend) {}

  /** Finds a key by ID (7+ characters) in any back end, or by a token key's {@code pkcs11:} URI. */
  Located locate(String query) throws KeysException {
    if (query.startsWith("pkcs11:")) {
      Pkcs11Uri uri = Pkcs11Uri.parse(query);
      Pkcs11Backend token = pkcs11Backend(uri);
      return new Located(token.find(uri), token);
    }
    KeyInfo k = resolve(query);
    return new Located(k, backendOf(k));
  }

  /**
   * {@link #locate} for signing: a full key ID is looked for back end by back end ({@link KeyBackend#lookup}) and the
   * search stops at the first that holds it, so that a YubiKey reads only the slots it must (9c first) and not its
   * serial number. Same order and result as {@link #locate}; anything else (a prefix, a URI, no match) goes there.
   */
  Located locateToSign(String query) throws KeysException {
    String q = query.trim().toLowerCase(java.util.Locale.ROOT);
    if (dev.trustkeys.core.KeyId.isKeyId(q)) {
      dev.trustkeys.core.KeyId id = dev.trustkeys.core.KeyId.of(q);
      for (KeyBackend b : backends()) {
        java.util.Optional<KeyInfo> k = b.lookup(id);
        if (k.isPresent()) {
          return new Located(k.get(), b);
        }
      }
    }
    return locate(query);
  }

  KeyBackend backendOf(KeyInfo key) throws KeysException {
    for (KeyBackend b : backends()) {
      for (KeyInfo k : b.list().keys()) {
        if (k.id().equals(key.id()) && k.location().equals(key.location())) {
          return b;
        }
      }
    }
    throw new dev.trustkeys.core.KeyNotFoundException(key.id().hex(), "it is gone");
  }
}
