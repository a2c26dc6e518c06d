package dev.trustkeys.notary;

import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What the signer, delegation, tag and inspect operations share: the server, the trust directory's
 * metadata cache, the keyring, the clock, and where warnings go (delegations left out, thresholds
 * no longer met).
 */
public record TrustSession(
    NotaryServer server,
    MetadataCache cache,
    Keyring keyring,
    Clock clock,
    Consumer<String> warnings) {

  /** {@code gun}'s current metadata from the server, verified, ready to change. */
  public TargetsEdit open(String gun) throws KeysException {
    return TargetsEdit.open(server, cache, clock, gun, warnings);
  }

  /**
   * {@code gun}'s current metadata from the server, verified, as clients read it (expired
   * delegations left out).
   */
  public TargetsTree read(String gun) throws KeysException {
    RepositoryState state = new RepositoryLoader(server, cache, clock).load(gun);
    return TargetsTree.load(server, state, clock, false, warnings);
  }

  /** Signs and publishes what {@code edit} staged. */
  public Publisher.Published publish(TargetsEdit edit) throws KeysException {
    return edit.publish(server, cache, keyring, clock);
  }
}
