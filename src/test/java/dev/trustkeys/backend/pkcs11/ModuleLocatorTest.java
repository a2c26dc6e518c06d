package dev.trustkeys.backend.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.ExitCode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModuleLocatorTest {
  private static ModuleLocator locator(Map<String, String> env, String arch, String... existing) {
    Set<Path> files = Set.of(java.util.Arrays.stream(existing).map(Path::of).toArray(Path[]::new));
    return new ModuleLocator(env, NativeConfig.load(arch), files::contains);
  }

  @Test
  void locate_nothingInstalled_listsEverySearchedPathAndThePackages() {
    ModuleNotFoundException e =
        assertThrows(
            ModuleNotFoundException.class, () -> locator(Map.of(), "amd64").locate(null, null));
    assertEquals(ExitCode.DEVICE, e.exitCode());
    assertTrue(e.searchedPaths().contains(Path.of("/usr/lib/x86_64-linux-gnu/libykcs11.so")));
    assertTrue(e.searchedPaths().contains(Path.of("/usr/lib/softhsm/libsofthsm2.so")));
    assertTrue(e.searchedPaths().contains(Path.of("/usr/lib64/pkcs11/libsofthsm2.so")));
    assertTrue(e.searchedPaths().contains(Path.of("/usr/local/lib/opensc-pkcs11.so")));
    assertTrue(e.searchedPaths().contains(Path.of("/opt/homebrew/lib/libykcs11.dylib")));
    assertEquals(java.util.List.of("ykcs11", "opensc-pkcs11", "softhsm2"), e.packages());
    for (Path p : e.searchedPaths()) {
      assertTrue(e.getMessage().contains(p.toString()), "message names " + p);
    }
    assertTrue(
        e.getMessage()
            .contains("; the Debian package ykcs11 or opensc-pkcs11 or softhsm2 installs one)"),
        e.getMessage());
    assertEquals(dev.trustkeys.core.Remedy.Kind.NAME_MODULE, e.remedy().orElseThrow().kind());
    assertFalse(
        e.getMessage().contains("--module"), "the command line adds its flag: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void locate_discovery_usesMultiarchOfThisMachine() throws Exception {
    Path p =
        locator(Map.of(), "aarch64", "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so")
            .locate(null, null);
    assertEquals(Path.of("/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so"), p);
  }

  @Test
  void locate_discovery_prefersYkcs11ThenOpenscThenSofthsm() throws Exception {
    ModuleLocator l =
        locator(
            Map.of(),
            "amd64",
            "/usr/lib/softhsm/libsofthsm2.so",
            "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");
    assertEquals(Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"), l.locate(null, null));
  }

  @Test
  void locate_flagBeatsUriBeatsEnvironment() throws Exception {
    ModuleLocator l =
        locator(
            Map.of(ModuleLocator.ENV, "/env/lib.so"),
            "amd64",
            "/flag/lib.so",
            "/uri/lib.so",
            "/env/lib.so");
    Pkcs11Uri uri = Pkcs11Uri.parse("pkcs11:token=t?module-path=/uri/lib.so");
    assertEquals(Path.of("/flag/lib.so"), l.locate("/flag/lib.so", uri));
    assertEquals(Path.of("/uri/lib.so"), l.locate(null, uri));
    assertEquals(Path.of("/env/lib.so"), l.locate(null, Pkcs11Uri.parse("pkcs11:token=t")));
    assertTrue(l.isConfigured(null));
    assertFalse(locator(Map.of(), "amd64").isConfigured(null));
    assertTrue(locator(Map.of(), "amd64").isConfigured("softhsm2"));
  }

  @Test
  void locate_byName_searchesOnlyThatType() throws Exception {
    ModuleLocator l =
        locator(Map.of(), "amd64", "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/libykcs11.so");
    assertEquals(Path.of("/usr/lib/softhsm/libsofthsm2.so"), l.locate("softhsm2", null));
    assertEquals(
        Path.of("/usr/lib/softhsm/libsofthsm2.so"),
        l.locate(null, Pkcs11Uri.parse("pkcs11:?module-name=libsofthsm2")));
    ModuleNotFoundException e =
        assertThrows(ModuleNotFoundException.class, () -> l.locate("opensc", null));
    assertEquals(java.util.List.of("opensc-pkcs11"), e.packages());
    assertTrue(e.searchedPaths().stream().allMatch(p -> p.toString().contains("opensc")));
  }

  @Test
  void locate_missingExplicitPath_namesItAndItsPackage() {
    ModuleNotFoundException e =
        assertThrows(
            ModuleNotFoundException.class,
            () ->
                locator(Map.of(ModuleLocator.ENV, "/opt/x/libsofthsm2.so"), "amd64")
                    .locate(null, null));
    assertEquals(java.util.List.of(Path.of("/opt/x/libsofthsm2.so")), e.searchedPaths());
    assertEquals(java.util.List.of("softhsm2"), e.packages());
    assertTrue(e.getMessage().contains("KEYS_PKCS11_MODULE"), e.getMessage());
  }

  @Test
  void ofModule_picksTheTemplateByFileName() {
    assertEquals(
        ModuleType.SOFTHSM2, ModuleType.ofModule(Path.of("/usr/lib/softhsm/libsofthsm2.so")));
    assertEquals(
        ModuleType.YKCS11,
        ModuleType.ofModule(Path.of("/usr/lib/x86_64-linux-gnu/libykcs11.so.2")));
    assertEquals(ModuleType.OPENSC, ModuleType.ofModule(Path.of("/usr/lib/opensc-pkcs11.so")));
    assertEquals(ModuleType.GENERIC, ModuleType.ofModule(Path.of("/opt/vendor/libcknfast.so")));
  }
}
