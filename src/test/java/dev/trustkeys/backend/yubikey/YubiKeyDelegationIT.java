package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.testing.DockerTrustRig;
import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signer whose key is on the (virtual) YubiKey, which Notary never allowed for delegation keys
 * (notary #306): {@code keys signer add} creates the repository with its root key on the YubiKey
 * too, {@code keys tag sign} signs on the card (the key's backup file moved away first), and the
 * real {@code docker trust inspect} and {@code notary list} read the result from the TLS + token
 * notary-server.
 */
class YubiKeyDelegationIT {
  @TempDir Path tmp;

  @Test
  void signerKeyOnTheYubiKey_signsTags_dockerAndNotaryReadThem() throws Exception {
    System.setProperty("keys.kdf.iterations", "2048");
    try (VirtualYubiKeyRig rig = YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(50000077));
        DockerTrustRig trust = DockerTrustRig.start(tmp.resolve("server"))) {
      Map<String, String> env = new HashMap<>(rig.env());
      env.put("KEYS_YUBIKEY_PIN", "123456");
      DockerTrustRig.Home h = trust.home(tmp).with(env);
      String repo = DockerTrustRig.REGISTRY + "/hw/app";
      KeysCli keys = h.keys();
      KeysCli.Result gen = ok(keys.run("generate", "--role", "targets/ci", "--yubikey"));
      Matcher m = Pattern.compile("keyID: ([0-9a-f]{64})").matcher(gen.out());
      assertTrue(m.find() && gen.out().contains("yubikey:serial=50000077"), gen.toString());
      String ci = m.group(1);
      Files.move(
          h.trustDir().resolve("private").resolve(ci + ".key"),
          tmp.resolve("ci-backup-elsewhere.key"));

      KeysCli.Result added = ok(keys.run("signer", "add", "--key", ci, "ci", repo));
      assertTrue(
          added.out().contains("Initializing signed repository for " + repo), added.toString());
      String status = ok(keys.run("status", repo, "--server", trust.server().url())).out();
      assertTrue(
          status.lines().filter(l -> l.contains(ci)).allMatch(l -> l.contains("yubikey:")), status);
      assertTrue(status.lines().anyMatch(l -> l.startsWith("root")), status);
      String root =
          status.lines().dropWhile(l -> !l.startsWith("root")).skip(1).findFirst().orElseThrow();
      assertTrue(
          root.contains("yubikey:"),
          "the new repository's root key went to the YubiKey: " + status);

      rig.card().trace().clear();
      ok(
          keys.run(
              "tag",
              "sign",
              repo + ":1.0",
              repo + ":stable",
              "--digest",
              "sha256:" + "12".repeat(32),
              "--size",
              "321"));
      assertTrue(
          rig.card().trace().count("GENERAL_AUTHENTICATE") >= 2,
          "releases and ci signed on the card: " + rig.card().trace().counters());

      KeysRunner.Result docker = h.run("docker", "trust", "inspect", repo);
      assertEquals(0, docker.exitCode(), docker.toString());
      assertTrue(
          docker.out().contains("\"SignedTag\": \"stable\"") && docker.out().contains("\"ci\""),
          docker.out());
      assertEquals(docker.out(), ok(keys.run("inspect", repo)).out());
      String list = h.notary().run("list", repo).output();
      assertTrue(list.contains("1.0") && list.contains("targets/ci"), list);

      ok(keys.run("tag", "revoke", repo + ":1.0"));
      assertFalse(h.run("docker", "trust", "inspect", repo).out().contains("\"1.0\""));
    } finally {
      System.clearProperty("keys.kdf.iterations");
    }
  }

  static KeysCli.Result ok(KeysCli.Result r) {
    assertEquals(0, r.exit(), r.toString());
    return r;
  }
}
