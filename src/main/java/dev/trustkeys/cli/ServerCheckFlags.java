package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.NotaryServer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A Notary server that a command reads or checks against only when one is named: status, verify,
 * ceremony plan, sign and verify work from the trust directory's copies otherwise (each says in its
 * description what it does with the server). Unlike {@link ServerFlags} (rotate, tag, signer,
 * delegation, ceremony publish), which always reach a server and find it as Docker does when none
 * is named, these reach none unless told.
 */
final class ServerCheckFlags {
  @Option(
      names = {"-s", "--server"},
      paramLabel = "URL",
      description =
          "Also use this Notary server (without it: only the trust directory's copies, no network).")
  String server;

  @Mixin TlsOptions tls;

  /** Whether a server was named. */
  boolean given() {
    return server != null;
  }

  /** The server named (with its TLS settings), for {@code gun}. */
  NotaryServer server(Remote remote, String gun) throws KeysException {
    return remote.server(server, tls, gun);
  }
}
