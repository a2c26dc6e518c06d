package dev.trustkeys.ceremony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.notary.NotaryServer;
import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.NotaryCli;
import dev.trustkeys.testing.NotaryServerProcess;
import dev.trustkeys.tuf.Json;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root held by several people, each with their own trust directory ("machine"): two ceremonies (1
 * key -> 3 keys threshold 2; then replace a key), request files passed from holder to holder,
 * published to a real notary-server, followed by a real notary client.
 */
class RootCeremonyIT {
  static final Map<String, String> ENV =
      Map.of(
          "NOTARY_ROOT_PASSPHRASE",
          "root-pass-1",
          "NOTARY_TARGETS_PASSPHRASE",
          "targets-pass-1",
          "NOTARY_SNAPSHOT_PASSPHRASE",
          "snapshot-pass-1");
  static NotaryServerProcess server;
  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    server = NotaryServerProcess.start(shared);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  KeysCli holder(String name) {
    return new KeysCli(tmp.resolve(name), ENV).kdfIterations(10_000);
  }

  static KeysCli.Result ok(KeysCli.Result r) {
    assertEquals(0, r.exit(), r.toString());
    return r;
  }

  String newRootKey(String name) throws Exception {
    ok(holder(name).run("generate", "--role", "root"));
    try (Stream<Path> s = Files.list(tmp.resolve(name + "/private"))) {
      return s.map(p -> p.getFileName().toString().replace(".key", "")).findFirst().orElseThrow();
    }
  }

  Path certificate(String name, String gun) throws Exception {
    String id = newRootKey(name);
    Path cert = tmp.resolve(name + ".crt");
    ok(holder(name).run("ceremony", "certificate", gun, "--key", id, "-o", cert.toString()));
    return cert;
  }

  Root serverRoot(String gun) throws Exception {
    return Root.fromJson(
        Signed.parse(NotaryServer.connect(server.url()).fetch(gun, "root.json").orElseThrow())
            .signed());
  }

  @Test
  void twoCeremonies_thresholdTwo_publishedOnlyWhenBothThresholdsAreMet() throws Exception {
    String gun = "example.com/ceremony/app";
    KeysCli alice = holder("alice");
    ok(alice.run("init", gun, "--server", server.url()));
    NotaryCli consumer = new NotaryCli(server.url(), tmp.resolve("consumer"), Map.of());
    assertTrue(consumer.run("list", gun).ok());
    Path bobCert = certificate("bob", gun);
    Path carolCert = certificate("carol", gun);
    Path daveCert = certificate("dave", gun);

    // ceremony 1: alice's single root key -> alice, bob, carol with threshold 2
    Path req1 = tmp.resolve("req1.json");
    KeysCli.Result plan =
        ok(
            alice.run(
                "ceremony",
                "plan",
                gun,
                "--server",
                server.url(),
                "--add-cert",
                bobCert.toString(),
                "--add-cert",
                carolCert.toString(),
                "--threshold",
                "2",
                "-o",
                req1.toString(),
                "--operator",
                "alice"));
    assertTrue(plan.out().contains("root threshold 1 -> 2"), plan.out());
    assertEquals(
        7, alice.run("ceremony", "publish", req1.toString(), "--server", server.url()).exit());
    ok(holder("bob").run("ceremony", "sign", req1.toString(), "--operator", "bob"));
    KeysCli.Result notYet = alice.run("ceremony", "status", req1.toString(), "--json");
    assertEquals(7, notYet.exit(), notYet.toString());
    Map<String, Object> st = Json.parseObject(notYet.out().getBytes());
    assertEquals(false, ((Map<?, ?>) st.get("old_root")).get("met"));
    assertEquals(false, ((Map<?, ?>) st.get("new_root")).get("met"));
    KeysCli.Result refused =
        alice.run("ceremony", "publish", req1.toString(), "--server", server.url());
    assertEquals(7, refused.exit(), refused.toString());
    assertTrue(
        refused.err().contains("needs 1 valid signature(s) from different keys but has 0"),
        refused.toString());
    assertEquals(1, serverRoot(gun).version());
    ok(alice.run("ceremony", "sign", req1.toString(), "--operator", "alice"));
    ok(alice.run("ceremony", "status", req1.toString()));
    ok(
        alice.run(
            "ceremony",
            "publish",
            req1.toString(),
            "--server",
            server.url(),
            "--operator",
            "alice"));
    Root v2 = serverRoot(gun);
    assertEquals(2, v2.version());
    assertEquals(3, v2.role("root").keyIds().size());
    assertEquals(2, v2.role("root").threshold());
    assertTrue(consumer.run("list", gun).ok());

    // ceremony 2: remove alice's key, add dave's; needs 2 of {alice,bob,carol} and 2 of
    // {bob,carol,dave}
    dev.trustkeys.tuf.TufKey bobKey = dev.trustkeys.tuf.TufKey.forCertificate(read(bobCert));
    dev.trustkeys.tuf.TufKey carolKey = dev.trustkeys.tuf.TufKey.forCertificate(read(carolCert));
    String aliceKey =
        v2.role("root").keyIds().stream()
            .filter(id -> !v2.keys().get(id).equals(bobKey))
            .filter(id -> !v2.keys().get(id).equals(carolKey))
            .findFirst()
            .orElseThrow();
    Path req2 = tmp.resolve("req2.json");
    ok(
        alice.run(
            "ceremony",
            "plan",
            gun,
            "--server",
            server.url(),
            "--remove-key",
            aliceKey.substring(0, 12),
            "--add-cert",
            daveCert.toString(),
            "-o",
            req2.toString(),
            "--operator",
            "alice"));
    ok(holder("bob").run("ceremony", "sign", req2.toString(), "--operator", "bob"));
    assertEquals(7, alice.run("ceremony", "status", req2.toString()).exit());
    ok(holder("carol").run("ceremony", "sign", req2.toString(), "--operator", "carol"));
    ok(alice.run("ceremony", "status", req2.toString()));
    ok(alice.run("ceremony", "publish", req2.toString(), "--server", server.url()));
    assertEquals(3, serverRoot(gun).version());
    assertTrue(consumer.run("list", gun).ok());
    Root cached =
        Root.fromJson(
            Signed.parse(
                    Files.readAllBytes(tmp.resolve("consumer/tuf/" + gun + "/metadata/root.json")))
                .signed());
    assertEquals(3, cached.version(), "the notary client followed both ceremonies");
    assertTrue(new NotaryCli(server.url(), tmp.resolve("fresh"), Map.of()).run("list", gun).ok());

    KeysCli.Result verify = ok(alice.run("verify", gun, "--server", server.url()));
    assertTrue(verify.out().contains("3 version(s), VALID"), verify.out());
    KeysCli.Result transcript = ok(alice.run("ceremony", "verify", req2.toString()));
    assertTrue(
        transcript.out().contains("4 entries") && transcript.out().contains("publish"),
        transcript.out());
    Files.writeString(
        req2, Files.readString(req2).replace("\"operator\":\"carol\"", "\"operator\":\"eve\""));
    KeysCli.Result tampered = alice.run("ceremony", "verify", req2.toString());
    assertEquals(7, tampered.exit(), tampered.toString());
    assertTrue(tampered.err().contains("was changed after it was written"), tampered.toString());

    // alice's key left the root: she alone cannot rotate any more
    KeysCli.Result rotate = alice.run("rotate", gun, "targets", "--server", server.url());
    assertEquals(4, rotate.exit(), rotate.toString());
    assertTrue(rotate.err().contains("keys ceremony"), rotate.toString());
  }

  static java.security.cert.X509Certificate read(Path p) throws Exception {
    try (var in = Files.newInputStream(p)) {
      return (java.security.cert.X509Certificate)
          java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
