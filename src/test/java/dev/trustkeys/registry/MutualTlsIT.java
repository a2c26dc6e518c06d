package dev.trustkeys.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.MutualTlsProxy;
import dev.trustkeys.testing.NotaryCli;
import dev.trustkeys.testing.NotaryServerProcess;
import dev.trustkeys.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS: a Notary server behind a TLS front that admits only clients with a certificate from
 * the private CA (as a reverse proxy in front of notary-server is often set up). keys shows its
 * client certificate from {@code --tlscert}/{@code --tlskey} or from Docker's {@code
 * $DOCKER_CONFIG/tls/<host:port>/client.cert} and {@code client.key}; the real notary client reads
 * what keys published through the same front; a missing or foreign client certificate is one line
 * that says what to give.
 */
class MutualTlsIT {
  private static final AtomicInteger REPOS = new AtomicInteger();
  @TempDir static Path shared;
  static TestCa ca;
  static NotaryServerProcess server;
  static MutualTlsProxy front;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("keys.kdf.iterations", "10000");
    ca = TestCa.create("keys mutual TLS CA");
    server = NotaryServerProcess.start(shared.resolve("server"));
    front = MutualTlsProxy.start(ca, server.port());
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("keys.kdf.iterations");
    if (front != null) {
      front.close();
    }
    if (server != null) {
      server.close();
    }
  }

  static String gun() {
    return "127.0.0.1:5000/mtls" + REPOS.incrementAndGet();
  }

  KeysCli keys(Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "NOTARY_ROOT_PASSPHRASE",
                "root-pass-1",
                "NOTARY_TARGETS_PASSPHRASE",
                "targets-pass-1",
                "NOTARY_SNAPSHOT_PASSPHRASE",
                "snapshot-pass-1"));
    env.put("HOME", tmp.resolve("home").toString());
    env.putAll(extra);
    return new KeysCli(tmp.resolve("trust"), env);
  }

  static String oneLine(KeysCli.Result r, int exit) {
    assertEquals(exit, r.exit(), r.toString());
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), err);
    for (String forbidden : List.of("Exception", "javax.", "java.", "sun.")) {
      assertFalse(err.contains(forbidden), forbidden + " in: " + err);
    }
    return err;
  }

  @Test
  void tlscertAndTlskey_showTheClientCertificate_andTheNotaryClientReadsWhatKeysPublished()
      throws Exception {
    TestCa.Files2 alice = ca.client("alice").write(tmp, "alice");
    Path caFile = ca.writeCertificate(tmp.resolve("ca.crt"));
    String gun = gun();
    KeysCli.Result init =
        keys(Map.of())
            .run(
                "init",
                gun,
                "--server",
                front.url(),
                "--tlscacert",
                caFile.toString(),
                "--tlscert",
                alice.cert().toString(),
                "--tlskey",
                alice.key().toString());
    assertEquals(0, init.exit(), init.toString());
    assertTrue(
        front.clients().contains("CN=alice"),
        "the front saw alice's certificate: " + front.clients());

    NotaryCli.Result list =
        new NotaryCli(front.url(), tmp.resolve("consumer"), Map.of())
            .with(
                "--tlscacert",
                caFile.toString(),
                "--tlscert",
                alice.cert().toString(),
                "--tlskey",
                alice.key().toString())
            .run("list", gun);
    assertTrue(list.ok(), list.toString());
    assertTrue(list.output().contains("No targets present"), list.toString());
  }

  @Test
  void dockersTlsDirectory_givesTheCaAndTheClientCertificate() throws Exception {
    Path dir = tmp.resolve("docker").resolve("tls").resolve(front.hostPort());
    ca.writeCertificate(dir.resolve("ca.crt"));
    TestCa.Files2 bob = ca.client("bob").write(dir, "client");
    Files.move(bob.cert(), dir.resolve("client.cert"));
    KeysCli.Result init =
        keys(Map.of("DOCKER_CONFIG", tmp.resolve("docker").toString()))
            .run("init", gun(), "--server", front.url());
    assertEquals(0, init.exit(), init.toString());
    assertTrue(front.clients().contains("CN=bob"), front.clients().toString());
  }

  @Test
  void noClientCertificate_isOneLineThatNamesTheFlags() throws Exception {
    Path caFile = ca.writeCertificate(tmp.resolve("ca.crt"));
    String err =
        oneLine(
            keys(Map.of())
                .run("status", gun(), "--server", front.url(), "--tlscacert", caFile.toString()),
            1);
    assertTrue(
        err.contains(front.hostPort())
            && err.contains("wants a client certificate")
            && err.contains("--tlscert FILE and --tlskey FILE"),
        err);
  }

  @Test
  void aClientCertificateFromAnotherCa_isRefused_inOneLine() throws Exception {
    TestCa other = TestCa.create("someone else's CA");
    TestCa.Files2 mallory = other.client("mallory").write(tmp, "mallory");
    Path caFile = ca.writeCertificate(tmp.resolve("ca.crt"));
    String err =
        oneLine(
            keys(Map.of())
                .run(
                    "status",
                    gun(),
                    "--server",
                    front.url(),
                    "--tlscacert",
                    caFile.toString(),
                    "--tlscert",
                    mallory.cert().toString(),
                    "--tlskey",
                    mallory.key().toString()),
            1);
    assertTrue(
        err.contains(front.hostPort())
            && err.contains("refused the client certificate")
            && err.contains(mallory.cert().toString()),
        err);
  }
}
