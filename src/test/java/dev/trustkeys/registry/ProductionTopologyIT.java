package dev.trustkeys.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.NotaryServerProcess;
import dev.trustkeys.testing.NotarySignerProcess;
import dev.trustkeys.testing.PostgresProcess;
import dev.trustkeys.testing.TestCa;
import dev.trustkeys.testing.TokenIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once, Notary as it runs in production: notary-server (TLS, token authentication) backed by
 * notary-signer over mutual TLS and by PostgreSQL (both databases made by the test's own
 * initdb/postgres), with keys creating a repository, rotating keys, adding a signer and signing
 * tags against it.
 */
class ProductionTopologyIT {
  @TempDir Path tmp;

  @Test
  void initAndRotate_againstServerSignerAndPostgres() throws Exception {
    System.setProperty("keys.kdf.iterations", "10000");
    TestCa ca = TestCa.create("keys production test CA");
    try (PostgresProcess pg = PostgresProcess.start()) {
      pg.createNotaryDatabases();
      try (NotarySignerProcess signer = NotarySignerProcess.start(tmp.resolve("signer"), pg);
          TokenIssuer issuer =
              TokenIssuer.start(tmp, ca).user("ops", "ops-pass-1", "pull", "push", "*");
          NotaryServerProcess server =
              NotaryServerProcess.builder(tmp.resolve("server"))
                  .tls(ca)
                  .tokenAuth(issuer)
                  .signer(signer)
                  .postgres(pg)
                  .start()) {
        String gun = "127.0.0.1:5000/prod/app";
        KeysCli keys =
            new KeysCli(
                tmp.resolve("trust"),
                Map.of(
                    "HOME",
                    tmp.resolve("home").toString(),
                    "NOTARY_AUTH",
                    Base64.getEncoder()
                        .encodeToString("ops:ops-pass-1".getBytes(StandardCharsets.UTF_8)),
                    "NOTARY_ROOT_PASSPHRASE",
                    "root-pass-1",
                    "NOTARY_TARGETS_PASSPHRASE",
                    "targets-pass-1",
                    "NOTARY_SNAPSHOT_PASSPHRASE",
                    "snapshot-pass-1",
                    "NOTARY_DELEGATION_PASSPHRASE",
                    "delegation-pass-1"));
        String[] tls = {"--server", server.url(), "--tlscacert", server.caFile().toString()};
        KeysCli.Result init = keys.run(concat(new String[] {"init", gun}, tls));
        assertEquals(
            0,
            init.exit(),
            init.toString() + "\nserver: " + server.log() + "\nsigner: " + signer.log());
        for (String role : new String[] {"targets", "snapshot", "root"}) {
          KeysCli.Result r = keys.run(concat(new String[] {"rotate", gun, role, "--yes"}, tls));
          assertEquals(0, r.exit(), r.toString());
        }
        KeysCli.Result ts =
            keys.run(concat(new String[] {"rotate", gun, "timestamp", "--server-managed"}, tls));
        assertEquals(
            0,
            ts.exit(),
            ts.toString() + "\nserver: " + server.log() + "\nsigner: " + signer.log());
        KeysCli.Result verify = keys.run(concat(new String[] {"verify", gun}, tls));
        assertEquals(0, verify.exit(), verify.toString());

        KeysCli.Result gen = keys.run("generate", "--role", "targets/ops");
        assertEquals(0, gen.exit(), gen.toString());
        String ops = gen.out().substring(gen.out().indexOf("keyID: ") + 7).trim();
        KeysCli.Result added =
            keys.run(concat(new String[] {"signer", "add", "--key", ops, "ops", gun}, tls));
        assertEquals(0, added.exit(), added.toString() + "\nserver: " + server.log());
        KeysCli.Result tag =
            keys.run(
                concat(
                    new String[] {
                      "tag",
                      "sign",
                      gun + ":1.0",
                      gun + ":latest",
                      "--digest",
                      "sha256:" + "5e".repeat(32),
                      "--size",
                      "812"
                    },
                    tls));
        assertEquals(0, tag.exit(), tag.toString() + "\nserver: " + server.log());
        KeysCli.Result inspect = keys.run(concat(new String[] {"inspect", gun + ":latest"}, tls));
        assertEquals(0, inspect.exit(), inspect.toString());
        assertTrue(
            inspect.out().contains("\"SignedTag\": \"latest\"")
                && inspect.out().contains("\"ops\""),
            inspect.out());
        PostgresProcess.Result delegated =
            pg.psql(
                "notaryserver",
                "server",
                "SELECT count(*) FROM tuf_files WHERE gun = '"
                    + gun
                    + "' AND role IN ('targets/releases', 'targets/ops')");
        assertEquals(
            "2", delegated.output().strip(), "delegation files stored in PostgreSQL: " + delegated);

        PostgresProcess.Result files =
            pg.psql(
                "notaryserver",
                "server",
                "SELECT count(*) FROM tuf_files WHERE gun = '" + gun + "' AND role = 'root'");
        // init, then one root version per rotation (each names the new key in root.json)
        assertEquals("5", files.output().strip(), "root versions stored in PostgreSQL: " + files);
        PostgresProcess.Result keysInSigner =
            pg.psql(
                "notarysigner",
                "signer",
                "SELECT count(*) FROM private_keys WHERE gun = '"
                    + gun
                    + "' AND role = 'timestamp'");
        assertTrue(
            Integer.parseInt(keysInSigner.output().strip()) >= 2,
            "timestamp keys held by notary-signer: " + keysInSigner);
      }
    } finally {
      System.clearProperty("keys.kdf.iterations");
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
