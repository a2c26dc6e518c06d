package dev.trustkeys.backend.file;

import dev.trustkeys.core.BackendProvider;
import dev.trustkeys.core.Custody;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.Untrusted;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.io.AtomicWrite.Checkpoint;
import dev.trustkeys.core.secret.SecretProvider;
import java.util.List;
import java.util.Optional;

/**
 * The encrypted files of one trust directory, as the keyring sees them: always there, named by key
 * ID only.
 */
public final class FileProvider implements BackendProvider {
  public static final String SCHEME = "file";
  private final KeyFileStore store;

  public FileProvider(KeyFileStore store) {
    this.store = store;
  }

  /**
   * The files of {@code dir}: passphrases from {@code secrets}, new files encrypted with {@code
   * iterations} rounds of PBKDF2, writes paused at {@code checkpoint} (for crash tests; {@link
   * Checkpoint#NONE} otherwise).
   */
  public static FileProvider of(
      TrustDirectory dir, SecretProvider secrets, int iterations, Checkpoint checkpoint) {
    return new FileProvider(new KeyFileStore(dir, secrets, iterations, checkpoint));
  }

  public KeyFileStore store() {
    return store;
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Custody custody() {
    return Custody.FILE;
  }

  @Override
  public List<KeyBackend> discover() {
    return List.of(store);
  }

  @Override
  public Address address(String uri) throws UsageException {
    throw new UsageException(Untrusted.quote(uri) + ": key files are named by key ID, not by URI");
  }

  @Override
  public Optional<KeyBackend> rootHome(List<KeyBackend> present) {
    return Optional.of(store);
  }
}
