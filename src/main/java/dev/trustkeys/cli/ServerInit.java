package dev.trustkeys.cli;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.NotaryServer;
import dev.trustkeys.notary.RepositoryInitializer;
import java.io.PrintWriter;
import java.util.Optional;

/** {@code keys init GUN --server URL}: creates the repository on the Notary server. */
final class ServerInit {
  private ServerInit() {}

  static int run(Context ctx, String gun, String server, TlsOptions tls, String rootKey, boolean serverManagedSnapshot,
      PrintWriter out, PrintWriter err) throws KeysException {
    Remote r = new Remote(ctx);
    NotaryServer notary = r.server(server, tls, gun);
    Optional<KeyId> wanted = rootKey == null ? Optional.empty() : Optional.of(ctx.resolve(rootKey).id());
    RepositoryInitializer.Result res;
    Progress progress = ctx.progress(err, "Creating keys and publishing " + gun + " to " + server);
    try {
      res = new RepositoryInitializer(notary, r.cache(), r.stores(), r.clock())
          .init(gun, wanted, serverManagedSnapshot);
    } finally {
      progress.close();
    }
    out.println("Root key: " + res.rootKey().info().id().hex() + " (certificate " + res.rootCertificateId()
        + ") in " + res.rootKey().backend().describe());
    out.println("Targets key: " + res.targetsKey().info().id().hex());
    out.println("Snapshot key: " + res.snapshotKey().map(k -> k.info().id().hex()).orElse("managed by the server"));
    out.println("Timestamp key: " + res.timestampKey().id().hex() + " (managed by the server)");
    out.println("Published root, targets" + (res.snapshotKey().isPresent() ? " and snapshot" : "") + " of " + gun
        + " to " + server);
    out.flush();
    return 0;
  }
}
