package dev.trustkeys.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.testing.FixedSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-modify-write of a key file ({@code passwd}) against a second {@code keys} process that
 * changes the key between the read and the write: the loser fails with a conflict naming the key
 * and writes nothing; what the winner did stays. Before the store re-checked under the lock, both
 * reported success and the removed key came back, or the first new passphrase silently stopped
 * working.
 */
class KeyFileUpdateTest {
  private static final String OLD = "old-passphrase";
  @TempDir Path tmp;

  private KeyFileStore store(String passphrase) {
    return new KeyFileStore(
        new TrustDirectory(tmp.resolve("trust")), new FixedSecrets(passphrase), 2048);
  }

  private Path file(KeyId id) {
    return tmp.resolve("trust/private/" + id.hex() + ".key");
  }

  /**
   * New passphrases that first let "another process" act, as if it ran while this one was in the
   * KDF.
   */
  private static SecretProvider meanwhile(String passphrase, Interference other) {
    return request -> {
      try {
        other.run();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      return Optional.of(Secret.adopt(passphrase.toCharArray(), Secret.Origin.PROGRAM));
    };
  }

  @FunctionalInterface
  private interface Interference {
    void run() throws Exception;
  }

  private KeyId targetsKey() throws KeysException {
    return store(OLD)
        .generate(KeySpec.of(Role.TARGETS, "example.com/app", Algorithm.ECDSA_P256))
        .id();
  }

  @Test
  void passwd_whileAnotherProcessRemovesTheKey_failsWithAConflict_andTheKeyStaysRemoved()
      throws Exception {
    KeyId id = targetsKey();
    KeyChangedException e =
        assertThrows(
            KeyChangedException.class,
            () ->
                store(OLD)
                    .changePassphrase(
                        id, meanwhile("new-passphrase", () -> store(OLD).remove(id))));
    assertEquals(id, e.keyId());
    assertTrue(e.removed());
    assertEquals(ExitCode.CONFLICT, e.exitCode());
    assertEquals(
        "key "
            + id.shortId()
            + " was removed while this command was using it (another keys process"
            + " removed it): nothing was written; run the command again",
        e.getMessage());
    assertFalse(Files.exists(file(id)), "a removed key must not come back");
  }

  @Test
  void passwd_whileAnotherPasswdChangesTheKey_failsWithAConflict_andTheOtherPassphraseHolds()
      throws Exception {
    KeyId id = targetsKey();
    KeyChangedException e =
        assertThrows(
            KeyChangedException.class,
            () ->
                store(OLD)
                    .changePassphrase(
                        id,
                        meanwhile(
                            "loser-passphrase",
                            () ->
                                store(OLD)
                                    .changePassphrase(id, new FixedSecrets("winner-passphrase")))));
    assertEquals(id, e.keyId());
    assertFalse(e.removed());
    assertEquals(ExitCode.CONFLICT, e.exitCode());
    assertTrue(e.getMessage().contains("changed while this command was using it"), e.getMessage());
    store("winner-passphrase").unlock(id).close();
    assertThrows(
        dev.trustkeys.core.WrongSecretException.class, () -> store("loser-passphrase").unlock(id));
  }

  @Test
  void passwd_whenAnotherFileWithTheSameBytesWasRenamedOverIt_isStillAConflict() throws Exception {
    // a restore (or an import of the export) renames a copy of the same bytes over the key: another
    // file
    KeyId id = targetsKey();
    byte[] bytes = Files.readAllBytes(file(id));
    assertThrows(
        KeyChangedException.class,
        () ->
            store(OLD)
                .changePassphrase(
                    id,
                    meanwhile(
                        "new-passphrase",
                        () -> {
                          Path copy = Files.write(tmp.resolve("trust/private/copy"), bytes);
                          Files.move(copy, file(id), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                        })));
    assertTrue(java.util.Arrays.equals(bytes, Files.readAllBytes(file(id))));
  }

  @Test
  void passwd_withNothingInTheWay_changesThePassphrase() throws Exception {
    KeyId id = targetsKey();
    store(OLD).changePassphrase(id, new FixedSecrets("new-passphrase"));
    store("new-passphrase").unlock(id).close();
  }

  @Test
  void aStore_refusesFewerIterationsThanNotarys() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new KeyFileStore(new TrustDirectory(tmp), new FixedSecrets(OLD), 2047));
    assertEquals("at least 2048 PBKDF2 iterations (Notary's count), not 2047", e.getMessage());
  }

  @Test
  void theShippedStore_writesSixHundredThousandIterations() throws Exception {
    assertEquals(600_000, KeyEncryption.DEFAULT_ITERATIONS);
    KeyFileStore shipped =
        new KeyFileStore(new TrustDirectory(tmp.resolve("trust")), new FixedSecrets(OLD));
    assertEquals(600_000, shipped.iterations());
  }
}
