package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeysException;
import java.util.Optional;

/**
 * Where roots are published (a Notary server, a TUF repository): what a publication entry is
 * checked against.
 */
public interface PublishedRoots {
  /** For messages: "the server https://...", "the repository /srv/tuf". */
  String describe();

  /** The published root file of {@code version}, if there is one. */
  Optional<byte[]> root(long version) throws KeysException;
}
