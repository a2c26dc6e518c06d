package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.notary.DelegationEditor;
import dev.trustkeys.tuf.TufKey;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys delegation add GUN ROLE [--key K]... [--paths P,...|--all-paths] [--threshold N]}:
 * creates the delegation or adds keys and paths to it, and publishes.
 */
@Command(
    name = "add",
    description =
        "Add a delegation, or keys and paths to one, and publish (as 'notary delegation"
            + " add' then 'notary publish'). Its keys may live anywhere: files, a YubiKey, a PKCS#11 token.")
final class DelegationAddCommand implements Callable<Integer> {
  @ParentCommand DelegationCommand parent;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "GUN")
  String gun;

  @Parameters(
      index = "1",
      paramLabel = "ROLE",
      description = "The delegation, e.g. targets/releases or targets/a/b.")
  String role;

  @Option(
      names = {"-k", "--key"},
      paramLabel = "PUBFILE|KEYID",
      description =
          "A key to add: a PEM file (PUBLIC KEY"
              + " or CERTIFICATE) or a key held here by ID or pkcs11: URI. Repeatable.")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--paths",
      paramLabel = "PATH",
      split = ",",
      description =
          "Path prefixes the delegation may sign"
              + " (comma-separated, repeatable); \"\" means all.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--all-paths",
      description = "Let the delegation sign every name (the path \"\").")
  boolean allPaths;

  @Option(
      names = "--threshold",
      paramLabel = "N",
      description =
          "Signatures the delegation needs (default: 1 for a"
              + " new one, unchanged otherwise); at most its number of different keys.")
  Integer threshold;

  @Mixin ServerFlags serverFlags;

  @Override
  public Integer call() throws KeysException {
    DelegationEditor.checkName(role);
    if (threshold != null && threshold < 1) {
      throw new UsageException("--threshold must be at least 1, not " + threshold);
    }
    List<String> p = allPaths || paths.contains("") ? List.of("") : paths;
    if (keys.isEmpty() && p.isEmpty() && threshold == null) {
      throw new UsageException(
          "give a key (--key), paths (--paths or --all-paths) or --threshold to add");
    }
    Context ctx = new Context(parent.root);
    PrintWriter out = spec.commandLine().getOut();
    List<TufKey> pub = PublicKeyInput.resolve(ctx, keys);
    DelegationEditor.Result r =
        new DelegationEditor(serverFlags.session(ctx, gun, spec.commandLine().getErr()))
            .add(
                gun,
                role,
                pub,
                p,
                threshold == null ? OptionalInt.empty() : OptionalInt.of(threshold));
    List<String> added = new ArrayList<>();
    for (TufKey k : pub) {
      added.add(k.canonicalId().hex());
    }
    String items =
        (added.isEmpty() ? "" : "with keys " + added + ", ")
            + (p.isEmpty()
                ? ""
                : "with paths [" + String.join("\n", DelegationCommand.prettyPaths(p)) + "], ");
    out.println(
        "Addition of delegation role "
            + role
            + " "
            + items
            + "to repository \""
            + gun
            + "\" "
            + (r.changed() ? "published." : "changed nothing: it already had them."));
    out.println(
        "Delegation "
            + role
            + ": threshold "
            + r.threshold()
            + ", keys "
            + r.keyIds()
            + ", paths "
            + DelegationCommand.prettyPaths(r.paths()));
    out.flush();
    return 0;
  }
}
