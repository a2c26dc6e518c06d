package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.tuf1.BackendKeySource;
import dev.trustkeys.tuf1.RepositoryEditor;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code keys tuf delegate REPO ROLE --key K... (--paths GLOB...|--path-hash-prefix P...)}. */
@Command(name = "delegate", description = "Delegate target paths to a new (or changed) role.")
final class TufDelegateCommand implements Callable<Integer> {
  @ParentCommand TufCommand parent;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "REPO", description = "The repository folder.")
  Path repo;

  @Parameters(index = "1", paramLabel = "ROLE", description = "The delegated role's name.")
  String role;

  @Option(
      names = "--key",
      required = true,
      paramLabel = "K",
      description = "A key of the role: key ID (prefix)" + " or PEM public key file. Repeatable.")
  List<String> keys = new ArrayList<>();

  @Option(
      names = "--paths",
      paramLabel = "GLOB",
      arity = "1..*",
      description =
          "Target paths it may sign, e.g." + " 'releases/*' (* stays within one path segment).")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--path-hash-prefix",
      paramLabel = "P",
      arity = "1..*",
      description = "Hex prefixes of SHA-256(target path) it may sign (hashed bin delegation).")
  List<String> prefixes = new ArrayList<>();

  @Option(names = "--threshold", paramLabel = "N", description = "Signatures needed (default 1).")
  int threshold = 1;

  @Option(
      names = "--terminating",
      description = "Clients look no further than this role for its paths.")
  boolean terminating;

  @Option(
      names = "--from",
      paramLabel = "ROLE",
      defaultValue = "targets",
      description = "The role that delegates (default targets).")
  String from;

  @Option(
      names = "--expires",
      paramLabel = "DAYS",
      description = "Days its metadata stays valid (default 90).")
  Integer days;

  @Override
  public Integer call() throws KeysException {
    for (String p : prefixes) {
      if (!p.matches("[0-9a-f]{1,64}")) {
        throw new UsageException("--path-hash-prefix '" + p + "' is not lower-case hex");
      }
    }
    if (paths.isEmpty() == prefixes.isEmpty()) {
      throw new UsageException("a delegation needs either --paths or --path-hash-prefix, not both");
    }
    Context ctx = new Context(parent.root);
    try (BackendKeySource source = TufKeys.source(ctx)) {
      List<PublicKey> pks = new ArrayList<>();
      for (String k : keys) {
        pks.add(TufKeys.resolve(ctx, source, k));
      }
      TufKeys.report(
          spec.commandLine().getOut(),
          repo,
          TufKeys.editor(ctx, repo, source)
              .delegate(
                  new RepositoryEditor.DelegationPlan(
                      role, from, pks, threshold, terminating, paths, prefixes, days)));
    }
    return 0;
  }
}
