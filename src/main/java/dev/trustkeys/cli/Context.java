package dev.trustkeys.cli;

import dev.trustkeys.backend.file.KeyFileStore;
import dev.trustkeys.backend.file.TrustDirectory;
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
    return TrustDirectory.resolve(root.trustDir, env(), Path.of(System.getProperty("user.home")));
  }

  /** Passphrases and PINs: --passphrase-file, then the environment, then a prompt on the terminal. */
  SecretProvider secrets() {
    List<SecretProvider> chain = new ArrayList<>();
    if (root.passphraseFile != null) {
      chain.add(new FileSecrets(root.passphraseFile, r -> r.isPassphrase()));
    }
    chain.add(new EnvironmentSecrets(env()));
    chain.add(new TerminalPrompter(terminal()));
    return new ChainedSecrets(chain);
  }

  KeyFileStore fileStore() {
    if (fileStore == null) {
      fileStore = new KeyFileStore(trustDirectory(), secrets());
    }
    return fileStore;
  }

  /** Every back end in use, the file store last (hardware back ends are preferred where a key lives twice). */
  List<KeyBackend> backends() throws KeysException {
    List<KeyBackend> all = new ArrayList<>();
    all.add(fileStore());
    return all;
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

  KeyInfo resolve(String query) throws KeysException {
    return new KeyIndex(allKeys()).resolve(query);
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
