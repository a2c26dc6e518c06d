package dev.trustkeys.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.UsageException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Image names become GUNs as Docker's ParseNormalizedNamed makes them. */
class ImageReferenceTest {
  @Test
  void dockerHubNames_getTheirRegistryAndLibrary() throws Exception {
    assertEquals("docker.io/library/ubuntu", ImageReference.parse("ubuntu").gun());
    assertEquals("docker.io/me/app", ImageReference.parse("me/app:1.0").gun());
    assertEquals(Optional.of("1.0"), ImageReference.parse("me/app:1.0").tag());
    assertEquals("docker.io/library/app", ImageReference.parse("index.docker.io/app").gun());
    assertEquals("docker.io/library/app", ImageReference.parse("docker.io/app").gun());
  }

  @Test
  void registriesWithADotAColonOrLocalhost_areKept() throws Exception {
    ImageReference r = ImageReference.parse("127.0.0.1:5000/shop/web:latest");
    assertEquals("127.0.0.1:5000/shop/web", r.gun());
    assertEquals(Optional.of("latest"), r.tag());
    assertEquals("localhost/app", ImageReference.parse("localhost/app").gun());
    assertEquals(
        "registry.example.com/a/b/c", ImageReference.parse("registry.example.com/a/b/c").gun());
    ImageReference d = ImageReference.parse("registry.example.com/app@sha256:" + "a".repeat(64));
    assertEquals(Optional.empty(), d.tag());
    assertEquals(Optional.of("sha256:" + "a".repeat(64)), d.digest());
  }

  @Test
  void invalidNames_areUsageErrorsThatSayWhy() {
    UsageException upper = assertThrows(UsageException.class, () -> ImageReference.parse("me/App"));
    assertEquals(ExitCode.USAGE, upper.exitCode());
    assertTrue(upper.getMessage().contains("must be lowercase"), upper.getMessage());
    assertTrue(
        assertThrows(UsageException.class, () -> ImageReference.parse("app:bad tag"))
            .getMessage()
            .contains("invalid tag"));
    assertTrue(
        assertThrows(UsageException.class, () -> ImageReference.parse("a".repeat(64)))
            .getMessage()
            .contains("64-byte hexadecimal"));
    assertThrows(UsageException.class, () -> ImageReference.parse("me//app"));
    assertThrows(UsageException.class, () -> ImageReference.parse(""));
    assertThrows(UsageException.class, () -> ImageReference.parse("app@sha256:xyz"));
    assertThrows(
        UsageException.class, () -> ImageReference.parse("r.example.com/" + "a".repeat(260)));
  }
}
