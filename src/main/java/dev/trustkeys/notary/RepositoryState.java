package dev.trustkeys.notary;

import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.Snapshot;
import dev.trustkeys.tuf.Targets;
import java.util.Optional;

/** A repository's current, verified metadata as the server holds it, with the exact file bytes. */
public record RepositoryState(
    String gun,
    byte[] rootBytes,
    Root root,
    byte[] targetsBytes,
    Targets targets,
    Optional<byte[]> snapshotBytes,
    Optional<Snapshot> snapshot,
    Optional<byte[]> timestampBytes,
    Optional<Snapshot> timestamp) {

  public Signed rootDoc() {
    try {
      return Signed.parse(rootBytes);
    } catch (dev.trustkeys.tuf.MetadataException e) {
      throw new IllegalStateException("verified root cannot be parsed again", e);
    }
  }
}
