package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf1.BackendKeySource;
import dev.trustkeys.tuf1.RoleFileSigner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code keys tuf sign REPO ROLE [--key K]}: add this keyholder's signature to a staged role file
 * of any tool's repository (a tuf-on-ci signing event, a root-signing ceremony), changing nothing
 * else.
 */
@Command(
    name = "sign",
    description =
        "Add your signature to a staged role file (tuf-on-ci, root-signing), changing"
            + " nothing else.")
final class TufSignCommand implements Callable<Integer> {
  @ParentCommand TufCommand parent;

  @Parameters(
      index = "0",
      paramLabel = "REPO",
      description = "The repository (its working tree or published" + " folder).")
  Path repo;

  @Parameters(
      index = "1",
      paramLabel = "ROLE",
      description = "root, targets, snapshot, timestamp or a delegated" + " role.")
  String role;

  @Option(
      names = "--key",
      paramLabel = "K",
      description =
          "Sign with this key only (key ID prefix or PEM public"
              + " key file). Default: every key of the role held here.")
  String key;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    PrintWriter out = parent.root.out();
    try (BackendKeySource source = TufKeys.source(ctx)) {
      PublicKey only = key == null ? null : TufKeys.resolve(ctx, source, key);
      RoleFileSigner.Result r = RoleFileSigner.sign(repo, role, only, source);
      for (String w : r.warnings()) {
        parent.root.errors().println("keys: warning: " + w);
      }
      for (String id : r.alreadySigned()) {
        out.println("Key " + id.substring(0, 7) + " has already signed " + role);
      }
      for (String id : r.signedBy()) {
        out.println("Signed " + role + " with key " + id);
      }
      Path base = repo.toAbsolutePath().normalize();
      for (Path p : r.written()) {
        out.println("Wrote " + base.relativize(p));
      }
    }
    out.flush();
    return 0;
  }
}
