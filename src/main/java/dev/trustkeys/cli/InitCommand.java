package dev.trustkeys.cli;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.secret.EnvironmentSecrets;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys init GUN}: the keys a repository needs. Reuses an existing root key or creates one;
 * creates the GUN's targets and snapshot keys unless they exist. Running it twice creates nothing
 * new.
 */
@Command(
    name = "init",
    description = "Create (or reuse) the root, targets and snapshot keys of a repository.")
final class InitCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "GUN", description = "Repository name, e.g. docker.io/library/app.")
  String gun;

  // Not ServerFlags (a server always reached, found as Docker does) nor ServerCheckFlags (a server
  // only read): init writes to the server it is given, and --root-key and
  // --server-managed-snapshot depend on it.
  @picocli.CommandLine.Option(
      names = {"-s", "--server"},
      paramLabel = "URL",
      description =
          "Also create the repository on this Notary server: sign and publish root, targets, snapshot.")
  String server;

  @picocli.CommandLine.Mixin TlsOptions tls;

  @picocli.CommandLine.Option(
      names = "--root-key",
      paramLabel = "ID",
      description =
          "With --server: the root key to use (default: the first root key found, else a new one).")
  String rootKey;

  @picocli.CommandLine.Option(
      names = "--server-managed-snapshot",
      description = "With --server: let the server hold the snapshot key.")
  boolean serverManagedSnapshot;

  @picocli.CommandLine.Mixin YubiKeyInitOptions yubiKey;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    PrintWriter out = spec.commandLine().getOut();
    Keyring keyring = yubiKey.keyring(ctx);
    List<KeyInfo> keys = keyring.list().keys();
    KeyInfo rootKey = find(keys, Role.ROOT, "").orElse(null);
    if (server != null) {
      requireServerInitPassphrases(ctx, keyring, keys, rootKey != null);
      return ServerInit.run(
          ctx,
          keys,
          gun,
          server,
          tls,
          this.rootKey,
          serverManagedSnapshot,
          out,
          spec.commandLine().getErr());
    }
    List<Role> newFileKeys = new ArrayList<>();
    if (rootKey == null && needsPassphrase(keyring.rootHome())) {
      newFileKeys.add(Role.ROOT);
    }
    for (Role r : List.of(Role.TARGETS, Role.SNAPSHOT)) {
      if (find(keys, r, gun).isEmpty()) {
        newFileKeys.add(r);
      }
    }
    requireNewPassphrases(ctx, gun, newFileKeys);
    List<Role> created = new ArrayList<>();
    if (rootKey == null) {
      Progress progress = ctx.progress(spec.commandLine().getErr(), "Creating the root key");
      try {
        rootKey = keyring.create(Role.ROOT, "").key();
      } finally {
        progress.close();
      }
      created.add(Role.ROOT);
      out.println(
          KeyLines.of(Role.ROOT, true, rootKey, null)
              + (!rootKey.location().isHardware()
                  ? ""
                  : yubiKey.onDevice
                      ? " (made on the device, not exportable)"
                      : " (backup: "
                          + ctx.fileStore()
                              .directory()
                              .root()
                              .resolve("private")
                              .resolve(rootKey.id().hex() + ".key")
                          + ")"));
    } else {
      out.println(KeyLines.of(Role.ROOT, false, rootKey, null));
    }
    for (Role r : List.of(Role.TARGETS, Role.SNAPSHOT)) {
      Optional<KeyInfo> existing = find(keys, r, gun);
      if (existing.isPresent()) {
        out.println(KeyLines.of(r, false, existing.get(), null));
      } else {
        KeyInfo k;
        Progress progress =
            ctx.progress(spec.commandLine().getErr(), "Creating the " + r + " key for " + gun);
        try {
          k = ctx.fileStore().generate(KeySpec.of(r, gun, Algorithm.ECDSA_P256));
        } finally {
          progress.close();
        }
        created.add(r);
        out.println(KeyLines.of(r, true, k, null));
      }
    }
    KeyLines.summary(out, created);
    out.flush();
    return 0;
  }

  /**
   * init --server makes a new targets key (and snapshot key unless the server holds it) and maybe a
   * root key, then signs with the root key: every passphrase that takes is checked before the first
   * key is made.
   */
  private void requireServerInitPassphrases(
      Context ctx, Keyring keyring, List<KeyInfo> keys, boolean rootExists) throws KeysException {
    List<Role> newKeys = new ArrayList<>();
    if (!rootExists && this.rootKey == null && needsPassphrase(keyring.rootHome())) {
      newKeys.add(Role.ROOT);
    }
    newKeys.add(Role.TARGETS);
    if (!serverManagedSnapshot) {
      newKeys.add(Role.SNAPSHOT);
    }
    requireNewPassphrases(ctx, gun, newKeys);
    // the root key that signs: the one named, else (as the initializer picks) a hardware one before
    // a file
    KeyInfo signer = this.rootKey != null ? ctx.locate(this.rootKey).key() : null;
    for (KeyInfo k : keys) {
      if (signer == null && k.role().isRoot() && k.location().isHardware()) {
        signer = k;
      }
    }
    if (signer == null) {
      signer = find(keys, Role.ROOT, "").orElse(null);
    }
    if (signer != null
        && signer.role().isRoot()
        && !signer.location().isHardware()
        && !ctx.secrets().canAnswer(SecretRequest.passphrase(signer.id(), Role.ROOT, 1))) {
      throw new KeysException(
          "no terminal to ask for the root key's passphrase (to sign the new root): set "
              + String.join(" or ", EnvironmentSecrets.variablesFor(Role.ROOT))
              + ", or use --passphrase-file FILE;"
              + " nothing was created",
          ExitCode.NEEDS_INPUT);
    }
  }

  /**
   * Whether a new root key in {@code home} is encrypted with a passphrase (a file, or a YubiKey's
   * backup file).
   */
  static boolean needsPassphrase(KeyBackend home) {
    return home.newKeysNeedPassphrase();
  }

  /**
   * Checks, before the first key is made, that a passphrase can be had for each new key of {@code
   * roles}: without a terminal, each must come from --passphrase-file or the environment. Otherwise
   * init would make the root key and stop at the targets key. Names every variable that is missing.
   */
  static void requireNewPassphrases(Context ctx, String gun, List<Role> roles)
      throws KeysException {
    SecretProvider secrets = ctx.secrets();
    List<Role> missing = new ArrayList<>();
    for (Role r : roles) {
      if (!secrets.canAnswer(SecretRequest.newPassphrase(null, r, r.belongsToGun() ? gun : ""))) {
        missing.add(r);
      }
    }
    if (!missing.isEmpty()) {
      StringBuilder names = new StringBuilder();
      for (int i = 0; i < missing.size(); i++) {
        names
            .append(i == 0 ? "" : i == missing.size() - 1 ? " and " : ", ")
            .append(missing.get(i).name());
      }
      boolean one = missing.size() == 1;
      throw new KeysException(
          "no terminal to ask for the passphrase"
              + (one ? "" : "s")
              + " of the new "
              + names
              + (one ? " key" : " keys")
              + ": set "
              + EnvironmentSecrets.variablesToSet(missing)
              + ", or use --passphrase-file FILE; nothing was created",
          ExitCode.NEEDS_INPUT);
    }
  }

  private static String cap(Role r) {
    return Character.toUpperCase(r.name().charAt(0)) + r.name().substring(1);
  }

  static Optional<KeyInfo> find(List<KeyInfo> keys, Role role, String gun) {
    return keys.stream().filter(k -> k.role().equals(role) && k.gun().equals(gun)).findFirst();
  }
}
