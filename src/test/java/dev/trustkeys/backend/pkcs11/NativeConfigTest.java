package dev.trustkeys.backend.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeConfigTest {
  @Test
  void render_everyTemplate_makesTokenObjectsThatAreSensitiveAndNotExtractable() {
    NativeConfig c = NativeConfig.load("amd64");
    for (ModuleType t : ModuleType.values()) {
      String cfg =
          c.render(
              t,
              "keys-test-1",
              "/usr/lib/x.so",
              12345L,
              "keys:root::01234567".getBytes(StandardCharsets.UTF_8));
      assertTrue(cfg.contains("name = keys-test-1\n"), t + "\n" + cfg);
      assertTrue(cfg.contains("library = /usr/lib/x.so\n"), t + "\n" + cfg);
      assertTrue(cfg.contains("\nslot = 12345\n"), t + "\n" + cfg);
      String priv = cfg.substring(cfg.indexOf("attributes(generate, CKO_PRIVATE_KEY, *)"));
      priv = priv.substring(0, priv.indexOf('}'));
      assertTrue(priv.contains("CKA_TOKEN = true"), t + ": token object");
      assertTrue(priv.contains("CKA_SENSITIVE = true"), t + ": sensitive");
      assertTrue(priv.contains("CKA_EXTRACTABLE = false"), t + ": not extractable");
      assertTrue(
          priv.contains("CKA_ID = 0h6b6579733a726f6f743a3a3031323334353637"),
          t + ": CKA_ID = label");
      assertTrue(
          priv.contains("CKA_LABEL = 0h6b6579733a726f6f743a3a3031323334353637"), t + ": CKA_LABEL");
      assertFalse(cfg.contains("${"), t + ": every placeholder filled");
    }
  }

  @Test
  void render_withoutKeyIdentity_leavesNoIdOrLabel() {
    String cfg = NativeConfig.load("amd64").render(ModuleType.SOFTHSM2, "n", "/l.so", 1, null);
    String body =
        cfg.lines()
            .filter(l -> !l.startsWith("#"))
            .collect(java.util.stream.Collectors.joining("\n"));
    assertTrue(body.contains("CKA_TOKEN = true"));
    assertFalse(body.contains("CKA_ID"));
    assertFalse(body.contains("CKA_LABEL"));
  }

  @Test
  void packagedTemplates_areTheFilesOfTheTopLevelDirectory() throws Exception {
    Path top = Path.of("native-config");
    for (String f :
        new String[] {
          "softhsm2.cfg", "ykcs11.cfg", "opensc.cfg", "generic.cfg", "modules.properties"
        }) {
      String onDisk = Files.readString(top.resolve(f));
      String packaged;
      try (var in = NativeConfig.class.getResourceAsStream("/native-config/" + f)) {
        packaged = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertEquals(onDisk, packaged, f);
    }
  }

  @Test
  void multiarch_followsDebianTriplets() {
    assertEquals("x86_64-linux-gnu", NativeConfig.multiarchOf("amd64"));
    assertEquals("aarch64-linux-gnu", NativeConfig.multiarchOf("aarch64"));
    assertEquals(
        "/usr/lib/aarch64-linux-gnu/libykcs11.so",
        NativeConfig.load("aarch64").searchPaths(ModuleType.YKCS11).get(0));
  }
}
