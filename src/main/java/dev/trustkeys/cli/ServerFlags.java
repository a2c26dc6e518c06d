package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.TrustSession;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The Notary server of the repository commands that act on tags, signers and delegations: --server
 * and TLS.
 */
final class ServerFlags {
  @Option(
      names = {"-s", "--server"},
      paramLabel = "URL",
      description =
          "Notary server (default: "
              + "DOCKER_CONTENT_TRUST_SERVER, ~/.notary/config.json, else the registry's, as Docker finds it).")
  String server;

  @Mixin TlsOptions tls;

  /**
   * The server of {@code gun} with the keyring and cache; warnings go to {@code err} as "keys:
   * warning: ...".
   */
  TrustSession session(Context ctx, String gun, PrintWriter err) throws KeysException {
    Remote r = new Remote(ctx);
    return new TrustSession(
        r.server(server, tls, gun),
        r.cache(),
        r.keyring(),
        r.clock(),
        w -> {
          err.println("keys: warning: " + w);
          err.flush();
        });
  }
}
