package dev.trustkeys.cli;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys init GUN}: the keys a repository needs. Reuses an existing root key or creates one; creates the
 * GUN's targets and snapshot keys unless they exist. Running it twice creates nothing new.
 */
@Command(name = "init", description = "Create (or reuse) the root, targets and snapshot keys of a repository.")
final class InitCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "GUN", description = "Repository name, e.g. docker.io/library/app.")
  String gun;

  @picocli.CommandLine.Option(names = {"-s", "--server"}, paramLabel = "URL",
      description = "Also create the repository on this Notary server: sign and publish root, targets, snapshot.")
  String server;

  @picocli.CommandLine.Mixin TlsOptions tls;

  @picocli.CommandLine.Option(names = "--root-key", paramLabel = "ID",
      description = "With --server: the root key to use (default: the first root key found, else a new one).")
  String rootKey;

  @picocli.CommandLine.Option(names = "--server-managed-snapshot",
      description = "With --server: let the server hold the snapshot key.")
  boolean serverManagedSnapshot;

  @picocli.CommandLine.Mixin YubiKeyInitOptions yubiKey;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    PrintWriter out = spec.commandLine().getOut();
    yubiKey.apply(ctx);
    if (server != null) {
      return ServerInit.run(ctx, gun, server, tls, rootKey, serverManagedSnapshot, out, spec.commandLine().getErr());
    }
    List<KeyInfo> keys = ctx.allKeys();
    KeyInfo rootKey = find(keys, Role.ROOT, "").orElse(null);
    if (rootKey == null) {
      Progress progress = ctx.progress(spec.commandLine().getErr(), "Creating the root key");
      try {
        rootKey = YubiKeyInitOptions.rootHome(ctx).generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
      } finally {
        progress.close();
      }
      out.println("Root key created: " + rootKey.id().hex());
      if (rootKey.location().isHardware()) {
        out.println("Root key location: " + rootKey.location().display()
            + (yubiKey.onDevice ? " (generated on the YubiKey, not exportable)" : " (backup: "
                + ctx.fileStore().directory().root().resolve("private").resolve(rootKey.id().hex() + ".key") + ")"));
      }
    } else {
      out.println("Root key found, using: " + rootKey.id().hex() + " (" + rootKey.location().display() + ")");
    }
    for (Role r : List.of(Role.TARGETS, Role.SNAPSHOT)) {
      Optional<KeyInfo> existing = find(keys, r, gun);
      if (existing.isPresent()) {
        out.println(cap(r) + " key found, using: " + existing.get().id().hex());
      } else {
        KeyInfo k;
        Progress progress = ctx.progress(spec.commandLine().getErr(), "Creating the " + r + " key for " + gun);
        try {
          k = ctx.fileStore().generate(KeySpec.of(r, gun, Algorithm.ECDSA_P256));
        } finally {
          progress.close();
        }
        out.println(cap(r) + " key created: " + k.id().hex());
      }
    }
    out.flush();
    return 0;
  }

  private static String cap(Role r) {
    return Character.toUpperCase(r.name().charAt(0)) + r.name().substring(1);
  }

  static Optional<KeyInfo> find(List<KeyInfo> keys, Role role, String gun) {
    return keys.stream().filter(k -> k.role().equals(role) && k.gun().equals(gun)).findFirst();
  }
}
