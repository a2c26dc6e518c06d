package dev.trustkeys.cli;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.notary.KeyStores;
import dev.trustkeys.notary.MetadataCache;
import dev.trustkeys.notary.NotaryServer;
import java.time.Clock;

/** What the repository commands share: the key stores, the trust directory's metadata cache, the server. */
final class Remote {
  private final Context ctx;

  Remote(Context ctx) {
    this.ctx = ctx;
  }

  /**
   * Every back end, searched in order (YubiKeys first); a new root key goes to the YubiKey when one is plugged in
   * (see {@link YubiKeyInitOptions}), other new keys to the file store.
   */
  KeyStores stores() throws KeysException {
    return new KeyStores(ctx.backends(), new DeferredRootBackend(ctx), ctx.fileStore());
  }

  MetadataCache cache() {
    return new MetadataCache(ctx.trustDirectory().root());
  }

  static NotaryServer server(String url) throws UsageException {
    if (url == null || url.isBlank()) {
      throw new UsageException("name the Notary server with --server URL");
    }
    return NotaryServer.connect(url);
  }

  Clock clock() {
    return Clock.systemUTC();
  }
}
