package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.pkcs11.SoftHsmToken;
import dev.trustkeys.testing.KeysCli;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys doctor} with a SoftHSM token configured, and with a configured module that does not
 * exist.
 */
class DoctorPkcs11IT {
  @TempDir static Path dir;
  private static SoftHsmToken token;
  private static Path module;

  @BeforeAll
  static void token() throws Exception {
    token = SoftHsmToken.create(dir, "doctor-token");
    module = SoftHsmToken.module();
  }

  private static List<String> lines(String out, String prefix) {
    return out.lines().filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
  }

  @Test
  void configuredSoftHsm_isReportedWithItsTokens() {
    KeysCli.Result r =
        new KeysCli(dir.resolve("trust"), Map.of("KEYS_PKCS11_MODULE", module.toString()))
            .run("doctor");
    List<String> pkcs11 = lines(r.out(), "ok    pkcs11");
    assertEquals(1, pkcs11.size(), r.toString());
    assertTrue(pkcs11.get(0).contains("PKCS#11 module " + module + ": "), r.out());
    assertTrue(pkcs11.get(0).contains("'" + token.label() + "'"), r.out());
  }

  @Test
  void configuredModuleThatIsMissing_isAnError_andExitsOne() {
    KeysCli.Result r =
        new KeysCli(
                dir.resolve("trust"),
                Map.of("KEYS_PKCS11_MODULE", dir.resolve("nope.so").toString()))
            .run("doctor");
    assertEquals(1, r.exit(), r.toString());
    assertEquals(1, lines(r.out(), "error pkcs11").size(), r.out());
    assertTrue(r.out().contains("nope.so"), r.out());
  }

  @Test
  void noModuleConfigured_isOnlyInformation() {
    KeysCli.Result r = new KeysCli(dir.resolve("trust"), Map.of()).run("doctor");
    assertEquals(1, lines(r.out(), "info  pkcs11").size(), r.out());
  }
}
