package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.notary.NotaryServer;
import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.WithNotaryServer;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One name per key: every output names a root key by the ID {@code keys list} shows and adds the
 * certificate ID that root.json uses ({@code key df0db5a (certificate 095ac07)}); every command
 * accepts either.
 */
class KeyNamesIT extends WithNotaryServer {
  static TufKey rootKey(String gun) throws Exception {
    Root r =
        Root.fromJson(
            Signed.parse(NotaryServer.connect(server.url()).fetch(gun, "root.json").orElseThrow())
                .signed());
    return r.keysOf("root").values().iterator().next();
  }

  /**
   * {@code out} names the key by its listed ID, and its certificate ID only as "(certificate ...".
   */
  static void namesByListedId(String out, TufKey key) throws Exception {
    String id = key.canonicalId().shortId();
    String cert = key.id().shortId();
    assertTrue(out.contains(id), "names key " + id + ": " + out);
    assertFalse(
        out.replace("certificate " + cert, "").contains(cert),
        "certificate ID " + cert + " only as (certificate ...): " + out);
  }

  @Test
  void initRotateAndCeremony_nameRootKeysByTheirListedId_andAcceptTheCertificateId()
      throws Exception {
    String gun = "example.com/names/rotate";
    KeysCli alice = holder("alice");
    KeysCli.Result init = ok(alice.run("init", gun, "--server", server.url()));
    TufKey v1 = rootKey(gun);
    namesByListedId(init.out(), v1);
    assertTrue(
        init.out().contains(v1.canonicalId().hex() + " (certificate " + v1.id().hex()), init.out());
    assertTrue(ok(alice.run("list")).out().contains(v1.canonicalId().hex()));

    // a certificate ID (or its prefix) works wherever a key ID does
    String byKey = ok(alice.run("export", "--public", v1.canonicalId().shortId())).out();
    assertEquals(byKey, ok(alice.run("export", "--public", v1.id().hex().substring(0, 10))).out());

    KeysCli.Result rotate = ok(alice.run("rotate", gun, "root", "--server", server.url(), "--yes"));
    TufKey v2 = rootKey(gun);
    namesByListedId(rotate.out(), v1);
    namesByListedId(rotate.out(), v2);
    assertTrue(
        ok(alice.run("list")).out().contains(v2.canonicalId().hex()), "the new key is listed");

    KeysCli.Result verify = ok(alice.run("verify", gun, "--server", server.url()));
    namesByListedId(verify.out(), v2);
  }

  @Test
  void ceremony_signStatusVerify_nameKeysByTheirListedId() throws Exception {
    String gun = "example.com/names/ceremony";
    KeysCli alice = holder("alice");
    ok(alice.run("init", gun, "--server", server.url()));
    TufKey aliceKey = rootKey(gun);
    KeysCli bob = holder("bob");
    ok(bob.run("generate", "--role", "root"));
    String bobId;
    try (Stream<Path> s = Files.list(tmp.resolve("bob/private"))) {
      bobId = s.map(p -> p.getFileName().toString().replace(".key", "")).findFirst().orElseThrow();
    }
    Path cert = tmp.resolve("bob.crt");
    ok(bob.run("ceremony", "certificate", gun, "--key", bobId, "-o", cert.toString()));
    TufKey bobKey;
    try (var in = Files.newInputStream(cert)) {
      bobKey =
          TufKey.forCertificate(
              (java.security.cert.X509Certificate)
                  java.security.cert.CertificateFactory.getInstance("X.509")
                      .generateCertificate(in));
    }
    Path req = tmp.resolve("req.json");
    KeysCli.Result plan =
        ok(
            alice.run(
                "ceremony",
                "plan",
                gun,
                "--server",
                server.url(),
                "--add-cert",
                cert.toString(),
                "--threshold",
                "2",
                "-o",
                req.toString()));
    namesByListedId(plan.out(), bobKey);

    // alice names her key by its certificate ID: accepted
    KeysCli.Result signed =
        ok(
            alice.run(
                "ceremony", "sign", req.toString(), "--key", aliceKey.id().hex().substring(0, 12)));
    namesByListedId(signed.out(), aliceKey);
    assertTrue(
        signed
            .out()
            .contains(
                "with key "
                    + aliceKey.canonicalId().shortId()
                    + " (certificate "
                    + aliceKey.id().shortId()
                    + ")"),
        signed.out());
    namesByListedId(
        ok(bob.run("ceremony", "sign", req.toString(), "--key", bobId.substring(0, 9))).out(),
        bobKey);
    for (List<String> cmd : List.of(List.of("status"), List.of("verify"))) {
      List<String> args = new java.util.ArrayList<>(List.of("ceremony"));
      args.addAll(cmd);
      args.add(req.toString());
      String out = ok(alice.run(args.toArray(new String[0]))).out();
      namesByListedId(out, aliceKey);
      namesByListedId(out, bobKey);
    }
  }
}
