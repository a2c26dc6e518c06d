package dev.trustkeys.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.NotaryCli;
import dev.trustkeys.testing.NotaryServerProcess;
import dev.trustkeys.testing.TestCa;
import dev.trustkeys.testing.TokenIssuer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keys against a Notary server as deployed for real: HTTPS with a certificate from a private CA and
 * token authentication (tokens from the test's own issuer, verified by notary-server itself), with
 * the CA and the logins configured as Docker and Notary configure them. And every way a server can
 * be wrong, each told in one line.
 */
class PrivateNotaryServerIT {
  static final String REGISTRY = "127.0.0.1:5000";
  static final String PASSWORD = "alice-Secret-Pass-7";
  static final Map<String, String> PASSPHRASES =
      Map.of(
          "NOTARY_ROOT_PASSPHRASE",
          "root-pass-1",
          "NOTARY_TARGETS_PASSPHRASE",
          "targets-pass-1",
          "NOTARY_SNAPSHOT_PASSPHRASE",
          "snapshot-pass-1");
  static final AtomicInteger REPOS = new AtomicInteger();
  @TempDir static Path shared;
  static TestCa ca;
  static TokenIssuer issuer;
  static NotaryServerProcess server;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("keys.kdf.iterations", "10000");
    ca = TestCa.create("keys test CA");
    issuer =
        TokenIssuer.start(shared, ca)
            .user("alice", PASSWORD, "pull", "push", "*")
            .user("reader", "reader-pass-1", "pull")
            .identityToken("alice", "alice-identity-token-1");
    server =
        NotaryServerProcess.builder(shared.resolve("server")).tls(ca).tokenAuth(issuer).start();
  }

  @AfterAll
  static void stop() {
    System.clearProperty("keys.kdf.iterations");
    if (server != null) {
      server.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  static String gun() {
    return REGISTRY + "/app" + REPOS.incrementAndGet();
  }

  static String basic(String user, String password) {
    return Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  KeysCli keys(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(PASSPHRASES);
    env.put("HOME", tmp.resolve("home").toString());
    env.put("PATH", System.getenv("PATH"));
    env.putAll(extra);
    return new KeysCli(tmp.resolve("trust"), env);
  }

  static void ok(KeysCli.Result r) {
    assertEquals(0, r.exit(), r.toString());
  }

  /** One line on standard error, no Java names, no secret. */
  static String oneLine(KeysCli.Result r, int exit) {
    assertEquals(exit, r.exit(), r.toString());
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), err);
    for (String forbidden :
        List.of(
            "Exception",
            "javax.",
            "java.",
            "PKIX",
            "sun.",
            PASSWORD,
            basic("alice", PASSWORD),
            "<html")) {
      assertFalse(err.contains(forbidden), forbidden + " in: " + err);
    }
    return err;
  }

  /** Docker's layout: $DOCKER_CONFIG/tls/<host:port>/ca.crt and config.json. */
  Path dockerConfig(String configJson) throws Exception {
    Path d = tmp.resolve("docker");
    ca.writeCertificate(d.resolve("tls").resolve(server.hostPort()).resolve("ca.crt"));
    Files.writeString(d.resolve("config.json"), configJson);
    return d;
  }

  @Test
  void init_withTlscacertAndNotaryAuth_publishes_andTheNotaryClientReadsIt() throws Exception {
    String gun = gun();
    ok(
        keys(Map.of("NOTARY_AUTH", basic("alice", PASSWORD)))
            .run("init", gun, "--server", server.url(), "--tlscacert", server.caFile().toString()));
    NotaryCli.Result list =
        new NotaryCli(
                server.url(),
                tmp.resolve("consumer"),
                Map.of("NOTARY_AUTH", basic("reader", "reader-pass-1")))
            .with("--tlscacert", server.caFile().toString())
            .run("list", gun);
    assertTrue(list.ok(), list.toString());
    assertTrue(list.output().contains("No targets present"), list.toString());
  }

  @Test
  void dockersCaDirectoryAndAuths_areUsedUnchanged_andTokensAreCachedPerScope() throws Exception {
    Path docker =
        dockerConfig(
            "{\"auths\":{\"https://"
                + REGISTRY
                + "\":{\"auth\":\""
                + basic("alice", PASSWORD)
                + "\"}}}");
    String gun = gun();
    ok(keys(Map.of("DOCKER_CONFIG", docker.toString())).run("init", gun, "--server", server.url()));
    int before = issuer.requests().size();
    KeysCli.Result status =
        keys(Map.of("DOCKER_CONFIG", docker.toString()))
            .run("status", gun, "--server", server.url());
    ok(status);
    List<String> asked = issuer.requests().subList(before, issuer.requests().size());
    assertEquals(1, asked.size(), "one token for every file of the repository: " + asked);
    assertTrue(
        asked.get(0).contains("account=alice scope=repository:" + gun + ":pull -> 200"),
        asked.toString());
  }

  @Test
  void theServerFromDockerContentTrustServer_withAnIdentityToken() throws Exception {
    Path docker =
        dockerConfig(
            "{\"auths\":{\"" + REGISTRY + "\":{\"identitytoken\":\"alice-identity-token-1\"}}}");
    String gun = gun();
    ok(
        keys(Map.of(
                "DOCKER_CONFIG", docker.toString(), "DOCKER_CONTENT_TRUST_SERVER", server.url()))
            .run("init", gun, "--server", server.url()));
    ok(
        keys(Map.of(
                "DOCKER_CONFIG", docker.toString(), "DOCKER_CONTENT_TRUST_SERVER", server.url()))
            .run("rotate", gun, "snapshot"));
  }

  @Test
  void aCredentialHelperOnThePath_isAskedAsDockerAsksIt() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path asked = tmp.resolve("asked");
    Path helper = bin.resolve("docker-credential-keystest");
    Files.writeString(
        helper,
        "#!/bin/sh\n[ \"$1\" = get ] || exit 2\ncat > '"
            + asked
            + "'\n"
            + "printf '{\"ServerURL\":\"%s\",\"Username\":\"alice\",\"Secret\":\""
            + PASSWORD
            + "\"}' \"$(cat '"
            + asked
            + "')\"\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    Path docker =
        dockerConfig("{\"auths\":{},\"credHelpers\":{\"" + REGISTRY + "\":\"keystest\"}}");
    ok(
        keys(Map.of("DOCKER_CONFIG", docker.toString(), "PATH", bin + ":" + System.getenv("PATH")))
            .run("init", gun(), "--server", server.url()));
    assertEquals(REGISTRY, Files.readString(asked));
  }

  @Test
  void wrongPassword_exits9_inOneLineThatSaysHowToLogIn_withoutTheSecret() throws Exception {
    Path docker =
        dockerConfig(
            "{\"auths\":{\""
                + REGISTRY
                + "\":{\"auth\":\""
                + basic("alice", PASSWORD + "x")
                + "\"}}}");
    String gun = gun();
    String err =
        oneLine(
            keys(Map.of("DOCKER_CONFIG", docker.toString()))
                .run("init", gun, "--server", server.url()),
            9);
    assertTrue(
        err.contains("refused the login for " + REGISTRY)
            && err.contains("docker login " + REGISTRY),
        err);
    KeysCli.Result verbose =
        keys(Map.of("DOCKER_CONFIG", docker.toString()))
            .run("--verbose", "init", gun, "--server", server.url());
    assertEquals(9, verbose.exit(), verbose.toString());
    assertFalse(
        verbose.err().contains(PASSWORD) || verbose.err().contains(basic("alice", PASSWORD + "x")),
        verbose.err());
  }

  @Test
  void noLogin_andTooLittleAccess_exit9() throws Exception {
    Path docker = dockerConfig("{}");
    String err =
        oneLine(
            keys(Map.of("DOCKER_CONFIG", docker.toString()))
                .run("init", gun(), "--server", server.url()),
            9);
    assertTrue(
        err.contains("wants a login for " + REGISTRY) && err.contains("docker login " + REGISTRY),
        err);

    err =
        oneLine(
            keys(Map.of(
                    "DOCKER_CONFIG",
                    docker.toString(),
                    "NOTARY_AUTH",
                    basic("reader", "reader-pass-1")))
                .run("init", gun(), "--server", server.url()),
            9);
    assertTrue(err.contains("denied") && err.contains("docker login " + REGISTRY), err);
  }

  @Test
  void anUnknownCa_isOneLineThatNamesTheHostAndTheFix() throws Exception {
    String err =
        oneLine(
            keys(Map.of("NOTARY_AUTH", basic("alice", PASSWORD)))
                .run("init", gun(), "--server", server.url()),
            1);
    assertTrue(
        err.contains(server.hostPort())
            && err.contains("CN=keys test CA")
            && err.contains("--tlscacert FILE")
            && err.contains("tls/" + server.hostPort() + "/ca.crt"),
        err);
  }

  @Test
  void aCertificateForOtherNames_orExpired_isSaidSo() throws Exception {
    Path ca1 = ca.writeCertificate(tmp.resolve("ca.crt"));
    try (NotaryServerProcess other =
        NotaryServerProcess.builder(tmp.resolve("other"))
            .tls(ca, ca.server("elsewhere", "notary.example.com"))
            .start()) {
      String err =
          oneLine(
              keys(Map.of())
                  .run("status", gun(), "--server", other.url(), "--tlscacert", ca1.toString()),
              1);
      assertTrue(err.contains("is for notary.example.com, not for 127.0.0.1"), err);
    }
    try (NotaryServerProcess old =
        NotaryServerProcess.builder(tmp.resolve("old"))
            .tls(ca, ca.expiredServer("old", "127.0.0.1"))
            .start()) {
      String err =
          oneLine(
              keys(Map.of())
                  .run("status", gun(), "--server", old.url(), "--tlscacert", ca1.toString()),
              1);
      assertTrue(
          err.contains(old.hostPort()) && err.contains("expired on") && err.contains("renew"), err);
    }
  }

  @Test
  void plainHttpAndHttpsMixedUp_areToldApart() throws Exception {
    try (NotaryServerProcess plain = NotaryServerProcess.start(tmp.resolve("plain"))) {
      String err =
          oneLine(
              keys(Map.of()).run("status", gun(), "--server", "https://" + plain.hostPort()), 1);
      assertTrue(err.contains(plain.hostPort()) && err.contains("plain HTTP"), err);
    }
    String err =
        oneLine(keys(Map.of()).run("status", gun(), "--server", "http://" + server.hostPort()), 1);
    assertTrue(err.contains("speaks HTTPS: use --server https://" + server.hostPort()), err);
  }

  @Test
  void anUnknownHost_isToldApartFromARefusedConnection() throws Exception {
    // a hosts file of our own instead of DNS: the name is unknown without asking any server
    Path hosts = Files.writeString(tmp.resolve("hosts"), "127.0.0.1 localhost\n");
    KeysRunner.Result r =
        new KeysRunner()
            .jvm("-Djdk.net.hosts.file=" + hosts)
            .keys(
                "-d",
                tmp.resolve("trust").toString(),
                "status",
                gun(),
                "--server",
                "https://notary.example.invalid:4443");
    assertEquals(1, r.exitCode(), r.toString());
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(
        err.contains("no host named notary.example.invalid is known here")
            && err.contains("check the name in the URL"),
        err);
    assertFalse(err.contains("Exception") || err.contains("nothing listens"), err);
  }

  @Test
  void refusedConnections_andServersThatAreNotNotary_areToldApart() throws Exception {
    String err = oneLine(keys(Map.of()).run("status", gun(), "--server", "http://127.0.0.1:1"), 1);
    assertTrue(err.contains("nothing listens on 127.0.0.1:1"), err);

    HttpServer web =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    web.createContext(
        "/",
        x -> {
          byte[] page =
              "<html><body>Welcome to nginx</body></html>".getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Content-Type", "text/html");
          x.sendResponseHeaders(404, page.length);
          x.getResponseBody().write(page);
          x.close();
        });
    web.createContext(
        "/v2/endless/",
        x -> {
          x.getResponseHeaders().add("Content-Type", "application/json");
          x.sendResponseHeaders(200, 0);
          byte[] chunk = new byte[64 * 1024];
          java.util.Arrays.fill(chunk, (byte) ' ');
          try (OutputStream o = x.getResponseBody()) {
            for (long sent = 0; sent < (200L << 20); sent += chunk.length) {
              o.write(chunk);
            }
          } catch (IOException e) {
            // the client hung up, as it should
          }
        });
    web.start();
    try {
      String url = "http://127.0.0.1:" + web.getAddress().getPort();
      err = oneLine(keys(Map.of()).run("status", REGISTRY + "/web", "--server", url), 1);
      assertTrue(
          err.contains("does not answer as a Notary server") && err.contains("text/html"), err);
      assertFalse(err.contains("keys init"), err);
      err = oneLine(keys(Map.of()).run("status", "endless/app", "--server", url), 1);
      assertTrue(err.contains("more than 100 MiB for fetch root.json of endless/app"), err);
    } finally {
      web.stop(0);
    }
  }
}
