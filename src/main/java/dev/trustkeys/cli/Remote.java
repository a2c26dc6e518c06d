package dev.trustkeys.cli;

import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.MetadataCache;
import dev.trustkeys.notary.NotaryServer;
import dev.trustkeys.registry.EndpointResolver;
import dev.trustkeys.registry.NotaryEndpoint;
import dev.trustkeys.registry.ServerOptions;
import java.time.Clock;

/**
 * What the repository commands share: the key stores, the trust directory's metadata cache, the
 * server.
 */
final class Remote {
  private final Context ctx;

  Remote(Context ctx) {
    this.ctx = ctx;
  }

  /**
   * Every back end, searched in order (YubiKeys first); a new root key goes to the YubiKey when one
   * is plugged in (see {@link YubiKeyInitOptions}), other new keys to the file store.
   */
  Keyring keyring() {
    return ctx.keyring();
  }

  MetadataCache cache() {
    return new MetadataCache(ctx.trustDirectory().root());
  }

  /**
   * The Notary server of {@code gun}: {@code url} (--server) if given, else as Docker and Notary
   * find it (DOCKER_CONTENT_TRUST_SERVER, ~/.notary/config.json, the registry's default), with
   * their TLS settings and the registry's logins ({@link EndpointResolver}).
   */
  NotaryServer server(String url, TlsOptions tls, String gun) throws KeysException {
    return NotaryServer.connect(endpoint(url, tls, gun));
  }

  NotaryEndpoint endpoint(String url, TlsOptions tls, String gun) throws KeysException {
    ServerOptions opts =
        tls == null
            ? new ServerOptions(url, null, null, null)
            : new ServerOptions(url, tls.caFile, tls.clientCert, tls.clientKey);
    return new EndpointResolver(ctx.env(), ctx.home()).resolve(gun, opts);
  }

  Clock clock() {
    return ctx.clock();
  }
}
