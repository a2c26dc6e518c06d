package dev.trustkeys.ceremony;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.notary.MetadataCache;
import dev.trustkeys.notary.NotaryServer;
import dev.trustkeys.notary.Publisher;
import dev.trustkeys.notary.RepositoryLoader;
import dev.trustkeys.notary.RepositoryState;
import dev.trustkeys.notary.RootHistory;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootChain;
import dev.trustkeys.tuf.RootChainReport;
import dev.trustkeys.tuf.Signed;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GUN's roots on a Notary server: the root in force is the newest of the chain the server offers
 * (no older than the trust directory has seen), and a new root is published, with the snapshot it
 * needs, only when the whole chain from version 1 verifies as Notary's client checks it.
 */
final class NotaryRootTarget implements RootTarget {
  private final NotaryServer server;
  private final String gun;
  private final MetadataCache cache;
  private final Keyring keyring;
  private final Clock clock;
  private List<byte[]> chain;

  /**
   * {@code cache} and {@code keyring} may be null for a target that is only read ({@link #root}).
   */
  NotaryRootTarget(
      NotaryServer server, String gun, MetadataCache cache, Keyring keyring, Clock clock) {
    this.server = server;
    this.gun = gun;
    this.cache = cache;
    this.keyring = keyring;
    this.clock = clock;
  }

  @Override
  public String describe() {
    return "the server " + server.url();
  }

  @Override
  public Optional<byte[]> root(long version) throws KeysException {
    return server.fetch(gun, version + ".root.json");
  }

  @Override
  public byte[] currentRoot() throws KeysException {
    chain = RootHistory.fromServer(server, gun, cache);
    return chain.get(chain.size() - 1);
  }

  @Override
  public void publish(CeremonyRequest req, byte[] newRootFile) throws KeysException {
    List<byte[]> all =
        new java.util.ArrayList<>(
            chain == null ? RootHistory.fromServer(server, gun, cache) : chain);
    all.add(newRootFile);
    RootChainReport report = new RootChain(clock).verify(gun, all);
    if (!report.ok()) {
      String p =
          report.steps().stream()
              .flatMap(s -> s.problems().stream())
              .findFirst()
              .orElse(report.problems().isEmpty() ? "?" : report.problems().get(0));
      throw new KeysException(
          "the root chain with the new root does not verify: " + p, ExitCode.VERIFICATION_FAILED);
    }
    RepositoryState state = new RepositoryLoader(server, cache, clock).load(gun);
    Root next;
    try {
      next = Root.fromJson(Signed.parse(newRootFile).signed());
    } catch (MetadataException e) {
      throw new KeysException(
          "the new root cannot be read back: " + e.getMessage(), ExitCode.VERIFICATION_FAILED);
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("root", newRootFile);
    new Publisher(server, cache, keyring, clock).publish(gun, next, files, state.snapshot());
  }

  @Override
  public Map<String, Object> entryFields() {
    return Map.of("server", server.url());
  }
}
