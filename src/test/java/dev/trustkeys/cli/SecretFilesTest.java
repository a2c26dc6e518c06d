package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.pkcs11.Pkcs11PinSource;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.secret.FileSecrets;
import dev.trustkeys.core.secret.SecretRequest;
import dev.trustkeys.core.secret.Terminal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * One reader of secret files, one failure: a passphrase file, a token's PIN file and a YubiKey's
 * PIN file that cannot be used fail the same way (exit 2, the file and where it was named),
 * whichever way they were named.
 */
class SecretFilesTest {
  @TempDir Path tmp;

  private List<Executable> readers(Path file) throws Exception {
    KeyId id = KeyId.of("a".repeat(64));
    return List.of(
        () -> new FileSecrets(file, r -> true).obtain(SecretRequest.passphrase(id, Role.ROOT, 1)),
        () ->
            Pkcs11PinSource.of(Map.of(Pkcs11PinSource.ENV_PIN_FILE, file.toString()), null)
                .obtain(SecretRequest.pin("token 'ci'", java.util.OptionalInt.empty())),
        () ->
            new DeviceSecrets(Map.of(DeviceSecrets.PIN + "_FILE", file.toString()), Terminal.none())
                .current(DeviceSecrets.PIN, "the PIN"));
  }

  @Test
  void aMissingFile_isTheSameUsageError_forEveryKindOfSecret() throws Exception {
    Path missing = tmp.resolve("no-such-file");
    for (Executable read : readers(missing)) {
      KeysException e = assertThrows(KeysException.class, read);
      assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
      assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
  }

  @Test
  void aFileTooLargeForASecret_isTheSameUsageError_forEveryKindOfSecret() throws Exception {
    Path large = Files.writeString(tmp.resolve("large"), "x".repeat(5000));
    for (Executable read : readers(large)) {
      KeysException e = assertThrows(KeysException.class, read);
      assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
      assertTrue(
          e.getMessage().contains("is too large to hold a passphrase or PIN"), e.getMessage());
    }
  }
}
