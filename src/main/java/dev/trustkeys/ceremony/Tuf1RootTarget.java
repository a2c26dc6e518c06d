package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf1.RootPublisher;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The roots of a TUF 1.0 repository on disk, in the layout keys publishes ({@code
 * metadata/N.root.json}) or a working tree's (tuf-on-ci, Sigstore's root-signing: {@code root.json}
 * and {@code root_history/}).
 */
public final class Tuf1RootTarget implements RootTarget {
  private final Path repo;
  private final Clock clock;
  private List<Path> written = List.of();

  public Tuf1RootTarget(Path repo, Clock clock) {
    this.repo = repo;
    this.clock = clock;
  }

  @Override
  public String describe() {
    return "the repository " + repo;
  }

  @Override
  public Optional<byte[]> root(long version) throws KeysException {
    return RootPublisher.version(repo, version);
  }

  @Override
  public byte[] currentRoot() throws KeysException {
    return RootPublisher.newest(repo);
  }

  @Override
  public void publish(CeremonyRequest req, byte[] newRootFile) throws KeysException {
    written = RootPublisher.publish(repo, req.baseRoot(), newRootFile, clock.instant());
  }

  /** The files the publication wrote. */
  public List<Path> written() {
    return written;
  }

  @Override
  public Map<String, Object> entryFields() {
    return Map.of("repository", repo.toString());
  }
}
