package dev.trustkeys.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.NotaryCli;
import dev.trustkeys.testing.NotaryServerProcess;
import dev.trustkeys.tuf.Json;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository commands end to end: {@code keys} with the file back end in a trust directory, and
 * the real notary client using the same directory (to add and publish targets) and fresh ones (as
 * consumers).
 */
class RepositoryCliIT {
  static final Map<String, String> ENV =
      Map.of(
          "NOTARY_ROOT_PASSPHRASE",
          "root-pass-1",
          "NOTARY_TARGETS_PASSPHRASE",
          "targets-pass-1",
          "NOTARY_SNAPSHOT_PASSPHRASE",
          "snapshot-pass-1",
          "NOTARY_DELEGATION_PASSPHRASE",
          "deleg-pass-1");
  static NotaryServerProcess server;
  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void startServer() throws Exception {
    server = NotaryServerProcess.start(shared);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  KeysCli keys() {
    return new KeysCli(tmp.resolve("trust"), ENV).kdfIterations(10_000);
  }

  NotaryCli notarySameDir() {
    return new NotaryCli(server.url(), tmp.resolve("trust"), ENV);
  }

  NotaryCli consumer(String name) {
    return new NotaryCli(server.url(), tmp.resolve(name), Map.of());
  }

  static void ok(KeysCli.Result r) {
    assertEquals(0, r.exit(), r.toString());
  }

  static void ok(NotaryCli.Result r) {
    assertTrue(r.ok(), r.toString());
  }

  Path payload(String text) throws Exception {
    Path p = Files.createTempFile(tmp, "payload", ".txt");
    Files.writeString(p, text);
    return p;
  }

  Root serverRoot(String gun) throws Exception {
    return Root.fromJson(
        Signed.parse(NotaryServer.connect(server.url()).fetch(gun, "root.json").orElseThrow())
            .signed());
  }

  @Test
  void init_thenTheNotaryClientPublishesWithTheSameTrustDirectory() throws Exception {
    String gun = "example.com/cli/app";
    ok(keys().run("init", gun, "--server", server.url()));
    ok(consumer("fresh").run("list", gun));
    ok(notarySameDir().run("add", gun, "v1", payload("one").toString()));
    ok(notarySameDir().run("publish", gun));
    NotaryCli.Result list = consumer("fresh2").run("list", gun);
    ok(list);
    assertTrue(list.output().contains("v1"), list.toString());

    KeysCli.Result status = keys().run("status", gun, "--json");
    ok(status);
    Map<String, Object> s = Json.parseObject(status.out().getBytes());
    List<?> roles = (List<?>) s.get("roles");
    assertEquals(4, roles.size());
    Map<?, ?> rootRole = (Map<?, ?>) roles.get(0);
    Map<?, ?> rootKey = (Map<?, ?>) ((List<?>) rootRole.get("keys")).get(0);
    assertEquals("ecdsa-x509", rootKey.get("keytype"));
    assertEquals(true, rootKey.get("available_here"));
    assertTrue(Files.exists(tmp.resolve("trust/private/" + rootKey.get("canonical_id") + ".key")));
    Map<?, ?> ts = (Map<?, ?>) roles.get(3);
    assertEquals(false, ((Map<?, ?>) ((List<?>) ts.get("keys")).get(0)).get("available_here"));
    assertTrue(((String) ts.get("expiry")).startsWith("in "), ts.toString());
    KeysCli.Result text = keys().run("status", gun, "--server", server.url());
    ok(text);
    assertTrue(text.out().contains("timestamp") && text.out().contains("file:"), text.out());

    KeysCli.Result verify = keys().run("verify", gun, "--server", server.url(), "--json");
    ok(verify);
    assertEquals(true, Json.parseObject(verify.out().getBytes()).get("ok"));
  }

  @Test
  void rotations_keepTheNotaryClientsWorking_andRootNeedsConfirmation() throws Exception {
    String gun = "example.com/cli/rotate";
    ok(keys().run("init", gun, "--server", server.url()));
    ok(notarySameDir().run("add", gun, "v1", payload("one").toString()));
    ok(notarySameDir().run("publish", gun));
    NotaryCli old = consumer("old");
    ok(old.run("list", gun));

    ok(keys().run("rotate", gun, "targets", "--server", server.url()));
    ok(keys().run("rotate", gun, "snapshot", "--server", server.url()));
    KeysCli.Result refused = keys().run("rotate", gun, "root", "--server", server.url());
    assertEquals(5, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("--yes"), refused.toString());
    KeysCli.Result no =
        keys().runAnswering(List.of("no"), "rotate", gun, "root", "--server", server.url());
    assertEquals(1, no.exit(), no.toString());
    assertTrue(
        no.err()
            .contains(
                "Rotating the root key of "
                    + gun
                    + " makes a new root key and publishes root"
                    + " version 4 (the server has version 3), signed by the old and the new root keys; clients follow"
                    + " automatically. Rotate it? [y/N] no\n"),
        "the real versions: " + no);
    assertTrue(
        no.err().endsWith("keys: not confirmed: the root key of " + gun + " was not rotated\n"),
        no.err());
    assertEquals(3, serverRoot(gun).version(), "declined: nothing published");
    ok(keys().runAnswering(List.of("yes"), "rotate", gun, "root", "--server", server.url()));
    ok(keys().run("rotate", gun, "root", "--server", server.url(), "--yes"));
    ok(keys().run("rotate", gun, "snapshot", "--server", server.url(), "--server-managed"));
    assertEquals(6, serverRoot(gun).version());

    NotaryCli.Result followed = old.run("list", gun);
    ok(followed);
    assertTrue(followed.output().contains("v1"), followed.toString());
    // the notary client publishes with the keys keys rotated to (new targets key in the same trust
    // directory)
    ok(notarySameDir().run("add", gun, "v2", payload("two").toString()));
    ok(notarySameDir().run("publish", gun));
    NotaryCli.Result after = old.run("list", gun);
    assertTrue(after.output().contains("v2"), after.toString());

    KeysCli.Result verify = keys().run("verify", gun, "--server", server.url());
    ok(verify);
    assertTrue(verify.out().contains("6 version(s), VALID"), verify.out());
    KeysCli.Result local = keys().run("verify", gun);
    ok(local);
  }

  @Test
  void lostTargetsKey_isReplacedWithTheRootKey() throws Exception {
    String gun = "example.com/cli/losttargets";
    ok(keys().run("init", gun, "--server", server.url()));
    ok(notarySameDir().run("add", gun, "v1", payload("one").toString()));
    ok(notarySameDir().run("publish", gun));
    NotaryCli old = consumer("old");
    ok(old.run("list", gun));
    TufKey targets = serverRoot(gun).keysOf("targets").values().iterator().next();
    Files.delete(tmp.resolve("trust/private/" + targets.canonicalId().hex() + ".key"));
    NotaryCli.Result cannot = notarySameDir().run("add", gun, "v2", payload("two").toString());
    NotaryCli.Result cannotPublish = notarySameDir().run("publish", gun);
    assertFalse(
        cannotPublish.ok(), "the notary client cannot publish without the targets key: " + cannot);

    ok(keys().run("rotate", gun, "targets", "--server", server.url()));
    NotaryCli.Result list = old.run("list", gun);
    ok(list);
    assertTrue(list.output().contains("v1"), "existing targets survive the rotation: " + list);
    ok(notarySameDir().run("publish", gun));
    NotaryCli.Result fresh = consumer("fresh").run("list", gun);
    assertTrue(fresh.output().contains("v1") && fresh.output().contains("v2"), fresh.toString());
  }

  @Test
  void lostRootKey_explainsTheWayOut_andConsumersRefuseTheNewRoot() throws Exception {
    String gun = "example.com/cli/lostroot";
    ok(keys().run("init", gun, "--server", server.url()));
    NotaryCli old = consumer("old");
    ok(old.run("list", gun));
    TufKey root = serverRoot(gun).keysOf("root").values().iterator().next();
    Files.delete(tmp.resolve("trust/private/" + root.canonicalId().hex() + ".key"));

    KeysCli.Result r = keys().run("rotate", gun, "root", "--server", server.url(), "--yes");
    assertEquals(4, r.exit(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(
        r.err().contains("notary delete " + gun + " --remote")
            && r.err().contains("keys init " + gun),
        r.err());

    // the way out, followed: delete on the server (notary also drops its local cache of the GUN),
    // init again
    ok(notarySameDir().run("delete", gun, "--remote"));
    assertFalse(Files.exists(tmp.resolve("trust/tuf/" + gun + "/metadata/root.json")));
    ok(keys().run("init", gun, "--server", server.url()));
    assertFalse(serverRoot(gun).keysOf("root").containsKey(root.id().hex()), "a new root key");
    NotaryCli.Result refused = old.run("list", gun);
    System.out.println("notary client facing a root it cannot validate: " + refused);
    System.out.println("keys on a lost root key: " + r.err());
    assertFalse(refused.ok(), refused.toString());
    assertTrue(
        refused.output().contains("could not rotate trust to a new trusted root"),
        refused.toString());
    ok(consumer("fresh").run("list", gun));
  }

  @Test
  void rotate_publishedButTheCacheCannotBeWritten_saysWhatHappenedAndWhatToDo() throws Exception {
    String gun = "example.com/cli/cachefails";
    ok(keys().run("init", gun, "--server", server.url()));
    // the trust directory's copy of snapshot.json cannot be replaced (a directory is in its way)
    Path snapshot = tmp.resolve("trust/tuf/" + gun + "/metadata/snapshot.json");
    Files.delete(snapshot);
    Files.createDirectories(snapshot.resolve("in-the-way"));

    KeysCli.Result r = keys().run("rotate", gun, "targets", "--server", server.url());
    assertEquals(1, r.exit(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertEquals(2, serverRoot(gun).version(), "the server took the new root");
    String newKey =
        serverRoot(gun).keysOf("targets").values().iterator().next().canonicalId().hex();
    assertTrue(Files.exists(tmp.resolve("trust/private/" + newKey + ".key")));
    assertFalse(r.err().contains("nothing was changed"), r.err());
    assertTrue(
        r.err().contains("published root version 2")
            && r.err().contains(newKey.substring(0, 7))
            && r.err().contains("snapshot.json"),
        r.err());
  }
}
