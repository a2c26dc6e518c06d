package dev.trustkeys.backend.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretRequest;
import dev.trustkeys.testing.TestIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs11PinSourceTest {
  @TempDir Path dir;
  private static final SecretRequest PIN = SecretRequest.pin("token 'hsm'", OptionalInt.empty());

  private static char[] chars(Optional<Secret> s) {
    return s.orElseThrow().chars().clone();
  }

  @Test
  void obtain_pinSourceFile_beatsTheEnvironment_andDropsTheNewline() throws Exception {
    Path f = dir.resolve("pin");
    Files.writeString(f, "from-file\n");
    Pkcs11PinSource s =
        Pkcs11PinSource.of(
            Map.of(Pkcs11PinSource.ENV_PIN, "from-env"),
            Pkcs11Uri.parse("pkcs11:token=t?pin-source=file:" + f));
    Optional<Secret> pin = s.obtain(PIN);
    assertArrayEquals("from-file".toCharArray(), chars(pin));
    assertEquals(Secret.Origin.FILE, pin.get().origin());
  }

  @Test
  void obtain_environmentPin_thenPinFile() throws Exception {
    Path f = dir.resolve("pin2");
    Files.writeString(f, "file-pin\r\nignored");
    assertArrayEquals(
        "env-pin".toCharArray(),
        chars(Pkcs11PinSource.of(Map.of(Pkcs11PinSource.ENV_PIN, "env-pin"), null).obtain(PIN)));
    assertArrayEquals(
        "file-pin".toCharArray(),
        chars(
            Pkcs11PinSource.of(Map.of(Pkcs11PinSource.ENV_PIN_FILE, f.toString()), null)
                .obtain(PIN)));
    assertTrue(Pkcs11PinSource.of(Map.of(), null).obtain(PIN).isEmpty());
  }

  @Test
  void obtain_answersOnlyPinRequests() throws Exception {
    Pkcs11PinSource s = Pkcs11PinSource.of(Map.of(Pkcs11PinSource.ENV_PIN, "p"), null);
    assertTrue(s.obtain(SecretRequest.passphrase(TestIds.of("one byte"), Role.ROOT, 1)).isEmpty());
  }

  @Test
  void orElse_asksTheNextSourceOnlyWhenEmpty() throws Exception {
    int[] asked = {0};
    Pkcs11PinSource empty = Pkcs11PinSource.of(Map.of(), null);
    var chained =
        empty.orElse(
            r -> {
              asked[0]++;
              return Optional.of(Secret.copyOf("prompted".toCharArray(), Secret.Origin.PROMPT));
            });
    assertArrayEquals("prompted".toCharArray(), chars(chained.obtain(PIN)));
    Pkcs11PinSource.of(Map.of(Pkcs11PinSource.ENV_PIN, "e"), null)
        .orElse(
            r -> {
              asked[0]++;
              return Optional.empty();
            })
        .obtain(PIN);
    assertEquals(1, asked[0]);
  }

  @Test
  void pinSource_commandsAndOtherSchemesAreRefused() {
    assertThrows(UsageException.class, () -> Pkcs11PinSource.pinSourcePath("|/bin/echo 1234"));
    assertThrows(
        UsageException.class, () -> Pkcs11PinSource.pinSourcePath("https://example.com/pin"));
  }

  @Test
  void missingPinFile_isOneLineError_withoutContent() {
    var e =
        assertThrows(
            dev.trustkeys.core.KeysException.class,
            () ->
                Pkcs11PinSource.of(
                        Map.of(Pkcs11PinSource.ENV_PIN_FILE, dir.resolve("none").toString()), null)
                    .obtain(PIN));
    assertEquals(dev.trustkeys.core.ExitCode.USAGE, e.exitCode(), "as a missing --passphrase-file");
    assertTrue(e.getMessage().contains("(from KEYS_PKCS11_PIN_FILE)"), e.getMessage());
  }

  @Test
  void toString_showsNoPin() throws Exception {
    String t = Pkcs11PinSource.of(Map.of(Pkcs11PinSource.ENV_PIN, "hunter2-pin"), null).toString();
    assertFalse(t.contains("hunter2-pin"), t);
  }
}
