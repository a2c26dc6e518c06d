package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.notary.KeyRotator;
import dev.trustkeys.tuf.KeyName;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys rotate GUN ROLE --server URL}: replaces a role's key and publishes at once. */
@Command(
    name = "rotate",
    description =
        "Replace the key of a role (root, targets, snapshot, timestamp, "
            + "targets/<delegation>) and publish the change.")
final class RotateCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "GUN")
  String gun;

  @Parameters(index = "1", paramLabel = "ROLE")
  String role;

  @picocli.CommandLine.Mixin ServerFlags serverFlags;

  @Option(
      names = {"-r", "--server-managed"},
      description = "Let the server make and hold the new key " + "(snapshot, timestamp).")
  boolean serverManaged;

  @picocli.CommandLine.Mixin YesOption yes;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    PrintWriter out = spec.commandLine().getOut();
    Role r = Role.of(role);
    Remote remote = new Remote(ctx);
    KeyRotator.Result res =
        new KeyRotator(
                remote.server(serverFlags.server, serverFlags.tls, gun),
                remote.cache(),
                remote.keyring(),
                remote.clock(),
                yes.on(ctx.terminal()))
            .rotate(gun, r, serverManaged);
    out.println(
        "Rotated the "
            + res.role()
            + " key of "
            + gun
            + ": "
            + String.join(", ", res.oldKeys().stream().map(KeyName::fullLabel).toList())
            + " -> "
            + res.newKey().fullLabel()
            + " ("
            + res.newKeyLocation()
            + ")");
    out.println(
        "Root version is now "
            + res.rootVersion()
            + (res.snapshotByServer() ? "; the server signed the new snapshot" : ""));
    out.flush();
    return 0;
  }
}
