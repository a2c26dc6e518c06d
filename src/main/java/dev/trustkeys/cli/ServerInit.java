package dev.trustkeys.cli;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.notary.NotaryServer;
import dev.trustkeys.notary.RepositoryInitializer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code keys init GUN --server URL}: creates the repository on the Notary server. */
final class ServerInit {
  private ServerInit() {}

  /** {@code before}: the keys there were before, to tell a key created from one found. */
  static int run(
      Context ctx,
      List<KeyInfo> before,
      String gun,
      String server,
      TlsOptions tls,
      String rootKey,
      boolean serverManagedSnapshot,
      PrintWriter out,
      PrintWriter err)
      throws KeysException {
    Remote r = new Remote(ctx);
    NotaryServer notary = r.server(server, tls, gun);
    Optional<KeyId> wanted =
        rootKey == null ? Optional.empty() : Optional.of(ctx.locate(rootKey).key().id());
    RepositoryInitializer.Result res;
    Progress progress = ctx.progress(err, "Creating keys and publishing " + gun + " to " + server);
    try {
      res =
          new RepositoryInitializer(notary, r.cache(), r.keyring(), r.clock())
              .init(gun, wanted, serverManagedSnapshot);
    } finally {
      progress.close();
    }
    List<Role> created = new ArrayList<>();
    KeyInfo root = res.rootKey().key();
    boolean rootIsNew = true;
    for (KeyInfo k : before) {
      rootIsNew &= !k.id().equals(root.id());
    }
    if (rootIsNew) {
      created.add(Role.ROOT);
    }
    out.println(KeyLines.of(Role.ROOT, rootIsNew, root, res.rootCertificateId()));
    created.add(Role.TARGETS);
    out.println(KeyLines.of(Role.TARGETS, true, res.targetsKey().key(), null));
    if (res.snapshotKey().isPresent()) {
      created.add(Role.SNAPSHOT);
      out.println(KeyLines.of(Role.SNAPSHOT, true, res.snapshotKey().get().key(), null));
    } else {
      out.println("Snapshot key: managed by the server");
    }
    out.println("Timestamp key: " + res.timestampKey().id().hex() + " (managed by the server)");
    out.println(
        "Published root, targets"
            + (res.snapshotKey().isPresent() ? " and snapshot" : "")
            + " of "
            + gun
            + " to "
            + server);
    KeyLines.summary(out, created);
    out.flush();
    return 0;
  }
}
