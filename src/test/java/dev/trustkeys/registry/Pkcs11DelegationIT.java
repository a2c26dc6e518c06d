package dev.trustkeys.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.pkcs11.SoftHsmToken;
import dev.trustkeys.testing.DockerTrustRig;
import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delegation keys on a PKCS#11 token (SoftHSM), which Notary never allowed (notary #306): {@code
 * keys delegation add} names the token key by its pkcs11: URI, {@code keys tag sign} signs with it
 * on the token, and the real {@code notary} and {@code docker trust inspect} read the result from
 * the TLS + token notary-server.
 */
class Pkcs11DelegationIT {
  @TempDir static Path dir;

  @Test
  void delegationKeyOnAToken_signsTags_notaryAndDockerReadThem() throws Exception {
    SoftHsmToken token = SoftHsmToken.create(dir, "release-token");
    System.setProperty("keys.kdf.iterations", "2048");
    try (DockerTrustRig trust = DockerTrustRig.start(dir.resolve("server"))) {
      DockerTrustRig.Home h =
          trust
              .home(dir)
              .with(
                  Map.of(
                      "KEYS_PKCS11_MODULE",
                      SoftHsmToken.module().toString(),
                      "KEYS_PKCS11_PIN",
                      SoftHsmToken.USER_PIN));
      KeysCli keys = h.keys();
      String repo = DockerTrustRig.REGISTRY + "/token/app";
      ok(keys.run("init", repo, "--server", trust.server().url()));
      KeysCli.Result gen =
          ok(
              keys.run(
                  "generate",
                  "--role",
                  "targets/releases",
                  "--pkcs11",
                  "pkcs11:token=" + token.label()));
      Matcher m = Pattern.compile("Location: (pkcs11:\\S+)").matcher(gen.out());
      assertTrue(m.find(), gen.toString());
      String uri = m.group(1);

      ok(keys.run("delegation", "add", repo, "targets/releases", "--key", uri, "--all-paths"));
      String delegations = h.notary().run("delegation", "list", repo).output();
      assertTrue(
          delegations.contains("targets/releases") && delegations.contains("\"\" <all paths>"),
          delegations);

      KeysCli.Result signed =
          ok(
              keys.run(
                  "tag",
                  "sign",
                  repo + ":2.1",
                  "--digest",
                  "sha256:" + "9f".repeat(32),
                  "--size",
                  "2048"));
      assertTrue(signed.out().contains("into targets/releases"), signed.out());
      String list = h.notary().run("list", repo).output();
      assertTrue(list.contains("2.1") && list.contains("targets/releases"), list);
      KeysRunner.Result docker = h.run("docker", "trust", "inspect", "--pretty", repo);
      assertEquals(0, docker.exitCode(), docker.toString());
      assertTrue(
          docker.out().contains("2.1") && docker.out().contains("(Repo Admin)"), docker.out());
      assertEquals(docker.out(), ok(keys.run("inspect", "--pretty", repo)).out());
    } finally {
      System.clearProperty("keys.kdf.iterations");
    }
  }

  static KeysCli.Result ok(KeysCli.Result r) {
    assertEquals(0, r.exit(), r.toString());
    return r;
  }
}
