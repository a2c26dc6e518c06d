package dev.trustkeys.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the trust directory is: -d, $DOCKER_CONFIG/trust, Notary's trust_dir only while Docker has
 * none, else ~/.docker/trust.
 */
class TrustDirectoryTest {
  @TempDir Path home;

  void notaryConfig(String json) throws Exception {
    Files.createDirectories(home.resolve(".notary"));
    Files.writeString(home.resolve(".notary/config.json"), json);
  }

  Path resolved(Path explicit, Map<String, String> env) {
    return TrustDirectory.resolve(explicit, env, home).root();
  }

  @Test
  void notarysTrustDir_isUsedOnlyWhileDockerHasNoTrustDirectory() throws Exception {
    notaryConfig(
        "{\"trust_dir\":\"~/notary-keys\",\"remote_server\":{\"url\":\"https://n.example.com\"}}");
    assertEquals(home.resolve("notary-keys"), resolved(null, Map.of()));
    Files.createDirectories(home.resolve(".docker/trust"));
    assertEquals(home.resolve(".docker/trust"), resolved(null, Map.of()));
  }

  @Test
  void theFlagAndDockerConfig_comeFirst() throws Exception {
    notaryConfig("{\"trust_dir\":\"~/notary-keys\"}");
    assertEquals(home.resolve("flag"), resolved(home.resolve("flag"), Map.of()));
    assertEquals(
        home.resolve("dc/trust"),
        resolved(null, Map.of("DOCKER_CONFIG", home.resolve("dc").toString())));
  }

  @Test
  void notarysPaths_tildeAbsoluteAndRelative_asNotaryReadsThem() throws Exception {
    notaryConfig("{\"trust_dir\":\"~\"}");
    assertEquals(home, resolved(null, Map.of()));
    notaryConfig("{\"trust_dir\":\"" + home.resolve("abs") + "\"}");
    assertEquals(home.resolve("abs"), resolved(null, Map.of()));
    notaryConfig("{\"trust_dir\":\"rel/dir\"}");
    assertEquals(Path.of("rel/dir").toAbsolutePath(), resolved(null, Map.of()));
  }

  @Test
  void noUsableNotaryTrustDir_meansDockersDefault() throws Exception {
    assertEquals(home.resolve(".docker/trust"), resolved(null, Map.of()));
    notaryConfig("{\"remote_server\":{\"url\":\"https://n.example.com\"}}");
    assertEquals(home.resolve(".docker/trust"), resolved(null, Map.of()));
    notaryConfig("{not json");
    assertEquals(home.resolve(".docker/trust"), resolved(null, Map.of()));
    notaryConfig("{\"trust_dir\":42}");
    assertEquals(home.resolve(".docker/trust"), resolved(null, Map.of()));
  }
}
