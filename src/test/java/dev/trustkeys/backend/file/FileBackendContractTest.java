package dev.trustkeys.backend.file;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyBackendContract;
import dev.trustkeys.core.secret.SecretProvider;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** The back-end contract, run against passphrase-encrypted key files. */
class FileBackendContractTest extends KeyBackendContract {
  @TempDir Path tmp;

  @Override
  protected KeyBackend backend(SecretProvider secrets) {
    return new KeyFileStore(new TrustDirectory(tmp.resolve("trust")), secrets, 2048);
  }

  @Override
  protected char[] rightSecret() {
    return "the-right-passphrase".toCharArray();
  }

  @Override
  protected char[] wrongSecret() {
    return "a-wrong-passphrase".toCharArray();
  }

  @Override
  protected String scheme() {
    return "file";
  }

  @Override
  protected Set<Algorithm> algorithms() {
    return Set.of(Algorithm.values());
  }
}
