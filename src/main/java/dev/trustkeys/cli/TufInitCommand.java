package dev.trustkeys.cli;

import dev.trustkeys.backend.yubikey.AttestationStore;
import dev.trustkeys.ceremony.RootKey;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.tuf1.BackendKeySource;
import dev.trustkeys.tuf1.ExpiryPeriods;
import dev.trustkeys.tuf1.RepositoryEditor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys tuf init REPO}: a new TUF 1.0 repository, version 1 of every role. Keys not given are
 * made: the root key on a YubiKey when one is present (as {@code keys init}), the others in the
 * trust directory.
 */
@Command(
    name = "init",
    description =
        "Create a TUF 1.0 repository: make the keys not given, write version 1 of" + " every role.")
final class TufInitCommand implements Callable<Integer> {
  @ParentCommand TufCommand parent;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "REPO",
      description = "The repository folder (metadata/ and targets/ go in it).")
  Path repo;

  @Option(
      names = "--root-key",
      paramLabel = "K",
      description =
          "A root key: key ID (prefix) or PEM public key"
              + " file. Repeat for several. Default: a new key.")
  List<String> rootKeys = new ArrayList<>();

  @Option(
      names = "--root-threshold",
      paramLabel = "N",
      description = "Root signatures needed (default 1).")
  int rootThreshold = 1;

  @Option(
      names = "--targets-key",
      paramLabel = "K",
      description = "A targets key (repeatable). Default: a new key.")
  List<String> targetsKeys = new ArrayList<>();

  @Option(
      names = "--snapshot-key",
      paramLabel = "K",
      description = "The snapshot key. Default: a new key.")
  String snapshotKey;

  @Option(
      names = "--timestamp-key",
      paramLabel = "K",
      description = "The timestamp key. Default: a new key.")
  String timestampKey;

  @Option(
      names = "--expires",
      paramLabel = "ROLE=DAYS",
      description =
          "Days a role's metadata stays valid"
              + " (defaults: root=365, targets=90, snapshot=7, timestamp=1). Repeatable.")
  List<String> expires = new ArrayList<>();

  @Mixin YubiKeyInitOptions yubiKey;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(parent.root);
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Integer> days;
    try {
      days = ExpiryPeriods.parse(expires);
    } catch (UsageException e) {
      throw new UsageException("--expires " + e.getMessage());
    }
    for (String r : days.keySet()) {
      if (!List.of("root", "targets", "snapshot", "timestamp").contains(r)) {
        throw new UsageException(
            "--expires " + r + "=...: name root, targets, snapshot or timestamp");
      }
    }
    Keyring keyring = yubiKey.keyring(ctx);
    String gun = repo.toAbsolutePath().normalize().getFileName().toString();
    try (BackendKeySource source = TufKeys.source(keyring)) {
      List<PublicKey> root = keys(ctx, source, rootKeys, Role.ROOT, gun, out);
      List<PublicKey> targets = keys(ctx, source, targetsKeys, Role.TARGETS, gun, out);
      List<PublicKey> snapshot = keys(ctx, source, listOf(snapshotKey), Role.SNAPSHOT, gun, out);
      List<PublicKey> timestamp = keys(ctx, source, listOf(timestampKey), Role.TIMESTAMP, gun, out);
      RepositoryEditor.Result r =
          TufKeys.editor(ctx, repo, source)
              .init(
                  new RepositoryEditor.InitPlan(
                      root,
                      rootThreshold,
                      targets,
                      1,
                      snapshot,
                      timestamp,
                      days,
                      attestations(ctx, root)));
      TufKeys.report(out, repo, r);
    }
    return 0;
  }

  /**
   * The YubiKey attestations the trust directory keeps for root keys generated on a YubiKey ({@code
   * --on-device}), recorded with each key in root.json as a ceremony's {@code --add-key} records
   * them.
   */
  private static Map<PublicKey, Map<String, Object>> attestations(Context ctx, List<PublicKey> root)
      throws KeysException {
    AttestationStore store = new AttestationStore(ctx.trustDirectory().root());
    Map<PublicKey, Map<String, Object>> out = new java.util.HashMap<>();
    for (PublicKey pk : root) {
      Optional<String> pem = store.read(ctx.keyring().naming().idOf(pk));
      pem.ifPresent(a -> out.put(pk, Map.of(RootKey.ATTESTATION_FIELD, a)));
    }
    return out;
  }

  private static List<String> listOf(String k) {
    return k == null ? List.of() : List.of(k);
  }

  private List<PublicKey> keys(
      Context ctx,
      BackendKeySource source,
      List<String> given,
      Role role,
      String gun,
      PrintWriter out)
      throws KeysException {
    List<PublicKey> out2 = new ArrayList<>();
    for (String k : given) {
      out2.add(TufKeys.resolve(ctx, source, k));
    }
    if (out2.isEmpty()) {
      Keyring.Located made;
      Progress progress =
          ctx.progress(spec.commandLine().getErr(), "Creating the " + role + " key");
      try {
        made = ctx.keyring().create(role, gun);
      } finally {
        progress.close();
      }
      out.println(KeyLines.of(role, true, made.key(), null));
      out2.add(source.open(made).publicKey());
    }
    return out2;
  }
}
