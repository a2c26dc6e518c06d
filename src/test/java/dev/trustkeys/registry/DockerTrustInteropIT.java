package dev.trustkeys.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.NotaryCli;
import dev.trustkeys.testing.NotaryServerProcess;
import dev.trustkeys.testing.TestCa;
import dev.trustkeys.testing.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Docker CLI ({@code docker trust}), the real {@code notary} client and keys on one
 * repository of a Notary server with TLS from a private CA and token authentication. Docker's and
 * Notary's own configuration ({@code $DOCKER_CONFIG/tls/<host:port>/ca.crt}, {@code config.json}
 * with a credential helper, {@code ~/.notary/config.json}) is what keys uses, unchanged.
 */
class DockerTrustInteropIT {
  static final String REGISTRY = "127.0.0.1:5000";
  static final String PASSWORD = "docker-user-Pass-1";
  @TempDir static Path shared;
  static TestCa ca;
  static TokenIssuer issuer;
  static NotaryServerProcess server;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    ca = TestCa.create("keys docker test CA");
    issuer = TokenIssuer.start(shared, ca).user("dev", PASSWORD, "pull", "push", "*");
    server =
        NotaryServerProcess.builder(shared.resolve("server")).tls(ca).tokenAuth(issuer).start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  /**
   * HOME, DOCKER_CONFIG (CA in tls/<host:port>/, a credential helper of ours in config.json),
   * passphrases.
   */
  KeysRunner runner() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path docker = home.resolve(".docker");
    ca.writeCertificate(docker.resolve("tls").resolve(server.hostPort()).resolve("ca.crt"));
    Files.writeString(docker.resolve("config.json"), "{\"credsStore\":\"keystest\"}");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path helper = bin.resolve("docker-credential-keystest");
    Files.writeString(
        helper,
        "#!/bin/sh\ncase \"$1\" in\n get) read -r server\n"
            + "  [ \"$server\" = "
            + REGISTRY
            + " ] || { echo 'credentials not found in native keychain'; exit 1; }\n"
            + "  echo '{\"ServerURL\":\""
            + REGISTRY
            + "\",\"Username\":\"dev\",\"Secret\":\""
            + PASSWORD
            + "\"}' ;;\n"
            + " *) exit 1 ;;\nesac\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    return new KeysRunner()
        .fastKdf()
        .env("HOME", home.toString())
        .env("DOCKER_CONFIG", docker.toString())
        .env("PATH", bin + ":" + System.getenv("PATH"))
        .env("DOCKER_CONTENT_TRUST_SERVER", server.url())
        .env("DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE", "root-pass-12")
        .env("DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE", "repo-pass-12");
  }

  static String docker() {
    return "docker";
  }

  @Test
  void keysPublishes_dockerAndNotaryRead_dockersSignerKeyIsListedImportedAndHeldHere()
      throws Exception {
    KeysRunner r = runner();
    Path docker = tmp.resolve("home/.docker");
    String gun = REGISTRY + "/shop";
    r.keys("init", gun, "--server", server.url()).ok();
    r.keys("rotate", gun, "snapshot").ok();

    KeysRunner.Result inspect = r.command(docker(), "trust", "inspect", gun);
    assertEquals(0, inspect.exitCode(), inspect.toString());
    assertTrue(
        inspect.out().contains("\"Name\": \"" + gun + "\"")
            || inspect.out().contains("\"Name\":\"" + gun + "\""),
        inspect.out());

    NotaryCli.Result list =
        new NotaryCli(
                server.url(),
                tmp.resolve("notary-trust"),
                Map.of(
                    "NOTARY_AUTH",
                    Base64.getEncoder()
                        .encodeToString(("dev:" + PASSWORD).getBytes(StandardCharsets.UTF_8))))
            .with("--tlscacert", server.caFile().toString())
            .run("list", gun);
    assertTrue(list.ok(), list.toString());

    Path pubDir = Files.createDirectories(tmp.resolve("pub"));
    KeysRunner.Result gen =
        r.command(docker(), "trust", "key", "generate", "alice", "--dir", pubDir.toString());
    assertEquals(0, gen.exitCode(), gen.toString());
    String aliceId = idOfRole(docker.resolve("trust/private"), "alice");

    KeysRunner.Result listed = r.keys("list").ok();
    assertTrue(
        listed.out().lines().anyMatch(l -> l.startsWith("alice ") && l.contains(aliceId)),
        listed.out());
    assertTrue(!listed.out().contains("unreadable"), listed.out());

    KeysRunner.Result add =
        r.command(
            docker(),
            "trust",
            "signer",
            "add",
            "--key",
            pubDir.resolve("alice.pub").toString(),
            "alice",
            gun);
    assertEquals(0, add.exitCode(), add.toString());
    KeysRunner.Result status = r.keys("status", gun, "--server", server.url()).ok();
    assertTrue(
        status.out().contains("targets/alice") && status.out().contains("targets/releases"),
        status.out());
    List<String> aliceLines = status.out().lines().filter(l -> l.contains(aliceId)).toList();
    assertEquals(2, aliceLines.size(), status.out());
    assertTrue(aliceLines.stream().allMatch(l -> l.contains("file:")), status.out());

    KeysRunner.Result imported =
        r.keys(
                "-d",
                tmp.resolve("other").toString(),
                "import",
                docker.resolve("trust/private/" + aliceId + ".key").toString())
            .ok();
    assertTrue(imported.out().contains(aliceId.substring(0, 7)), imported.out());
    KeysRunner.Result otherList = r.keys("-d", tmp.resolve("other").toString(), "list").ok();
    assertTrue(
        otherList.out().lines().anyMatch(l -> l.startsWith("alice ") && l.contains(aliceId)),
        otherList.out());
  }

  @Test
  void notarysOwnConfigFile_namesTheServerItsCaAndTrustItsUse() throws Exception {
    KeysRunner r = runner().env("DOCKER_CONTENT_TRUST_SERVER", "");
    Path notaryDir = Files.createDirectories(tmp.resolve("home/.notary"));
    Files.copy(server.caFile(), notaryDir.resolve("root-ca.crt"));
    Files.writeString(
        notaryDir.resolve("config.json"),
        "{\"remote_server\":{\"url\":\"" + server.url() + "\",\"root_ca\":\"root-ca.crt\"}}");
    Files.writeString(tmp.resolve("home/.docker/config.json"), "{}");
    String gun = REGISTRY + "/notary-config";
    KeysRunner.Result noLogin = r.keys("rotate", gun, "snapshot");
    assertEquals(9, noLogin.exitCode(), noLogin.toString());
    r =
        r.env(
            "NOTARY_AUTH",
            Base64.getEncoder()
                .encodeToString(("dev:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    r.keys("init", gun, "--server", server.url()).ok();
    KeysRunner.Result rotated = r.keys("rotate", gun, "snapshot").ok();
    assertTrue(rotated.out().contains("Rotated the snapshot key of " + gun), rotated.out());
  }

  static String idOfRole(Path privateDir, String role) throws Exception {
    try (Stream<Path> s = Files.list(privateDir)) {
      for (Path p : s.toList()) {
        if (Files.readString(p).contains("role: " + role + "\n")) {
          Matcher m = Pattern.compile("([0-9a-f]{64})\\.key").matcher(p.getFileName().toString());
          assertTrue(m.matches(), p.toString());
          return m.group(1);
        }
      }
    }
    throw new AssertionError("no key with role " + role + " in " + privateDir);
  }
}
