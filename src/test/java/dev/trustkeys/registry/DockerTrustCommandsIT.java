package dev.trustkeys.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.DockerTrustRig;
import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.NotaryCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything {@code docker trust} did, done by {@code keys} on the TLS + token notary-server,
 * against the real Docker CLI (28, the last with {@code docker trust}) and the real {@code notary}
 * client on the same repository, in both directions. {@code docker trust sign} needs a Docker
 * daemon (there is none here): tags are signed the other way with {@code notary add}/{@code
 * publish}, which is what {@code docker trust sign} does underneath.
 */
class DockerTrustCommandsIT {
  static final String DIGEST = "sha256:" + "ab".repeat(32);
  static final String DIGEST2 = "sha256:" + "cd".repeat(32);
  @TempDir static Path shared;
  static DockerTrustRig rig;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("keys.kdf.iterations", "2048");
    rig = DockerTrustRig.start(shared);
  }

  @AfterAll
  static void stop() {
    System.clearProperty("keys.kdf.iterations");
    if (rig != null) {
      rig.close();
    }
  }

  static KeysRunner.Result ok(KeysRunner.Result r) {
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  static KeysCli.Result ok(KeysCli.Result r) {
    assertEquals(0, r.exit(), r.toString());
    return r;
  }

  static NotaryCli.Result ok(NotaryCli.Result r) {
    assertTrue(r.ok(), r.toString());
    return r;
  }

  /** keys inspect (plain and --pretty) prints exactly what docker trust inspect prints. */
  static void sameAsDocker(DockerTrustRig.Home h, String... repos) {
    for (boolean pretty : new boolean[] {false, true}) {
      List<String> args = new java.util.ArrayList<>(List.of("trust", "inspect"));
      List<String> keysArgs = new java.util.ArrayList<>(List.of("inspect"));
      if (pretty) {
        args.add("--pretty");
        keysArgs.add("--pretty");
      }
      args.addAll(List.of(repos));
      keysArgs.addAll(List.of(repos));
      args.add(0, "docker");
      KeysRunner.Result docker = ok(h.run(args.toArray(new String[0])));
      KeysCli.Result keys = ok(h.keys().run(keysArgs.toArray(new String[0])));
      assertEquals(docker.out(), keys.out(), "keys " + keysArgs + " differs from docker " + args);
    }
  }

  @Test
  void dockersSigner_keysReadsAndSigns_dockerAndNotaryReadBack() throws Exception {
    DockerTrustRig.Home h = rig.home(tmp);
    String repo = DockerTrustRig.REGISTRY + "/shop/web";
    Path pub = Files.createDirectories(tmp.resolve("pub"));
    ok(h.run("docker", "trust", "key", "generate", "alice", "--dir", pub.toString()));
    KeysRunner.Result added =
        ok(
            h.run(
                "docker",
                "trust",
                "signer",
                "add",
                "--key",
                pub.resolve("alice.pub").toString(),
                "alice",
                repo));
    assertTrue(added.out().contains("Initializing signed repository"), added.toString());
    sameAsDocker(h, repo);

    KeysCli.Result signed =
        ok(
            h.keys()
                .run(
                    "tag",
                    "sign",
                    repo + ":1.0",
                    repo + ":latest",
                    "--digest",
                    DIGEST,
                    "--size",
                    "1234"));
    assertTrue(
        signed.out().contains("targets/releases") && signed.out().contains("targets/alice"),
        signed.toString());
    String inspect = ok(h.run("docker", "trust", "inspect", repo)).out();
    assertTrue(
        inspect.contains("\"SignedTag\": \"1.0\"")
            && inspect.contains("\"Digest\": \"" + DIGEST.substring(7) + "\"")
            && inspect.contains("\"alice\""),
        inspect);
    sameAsDocker(h, repo, repo + ":1.0", repo + ":nope");

    String notaryList = ok(h.notary().run("list", repo)).output();
    assertTrue(
        notaryList.contains("1.0")
            && notaryList.contains("latest")
            && notaryList.contains("targets/alice"),
        notaryList);
    String delegations = ok(h.notary().run("delegation", "list", repo)).output();
    assertTrue(
        delegations.contains("targets/releases") && delegations.contains("targets/alice"),
        delegations);
    assertEquals(delegations, ok(h.keys().run("delegation", "list", repo)).out());
  }

  @Test
  void tagsBothWays_revoke_signersAddedAndRemovedOnEitherSide() throws Exception {
    DockerTrustRig.Home h = rig.home(tmp);
    String repo = DockerTrustRig.REGISTRY + "/shop/api";
    Path pub = Files.createDirectories(tmp.resolve("pub"));
    ok(h.run("docker", "trust", "key", "generate", "alice", "--dir", pub.toString()));
    ok(
        h.run(
            "docker",
            "trust",
            "signer",
            "add",
            "--key",
            pub.resolve("alice.pub").toString(),
            "alice",
            repo));
    ok(h.keys().run("tag", "sign", repo + ":1.0", "--digest", DIGEST, "--size", "1234"));

    // the other direction: notary signs a tag (what docker trust sign does underneath), keys reads
    // it
    Path manifest = tmp.resolve("manifest.json");
    Files.writeString(manifest, "{\"schemaVersion\":2}");
    ok(
        h.notary()
            .run(
                "add",
                repo,
                "2.0",
                manifest.toString(),
                "--roles",
                "targets/releases",
                "--roles",
                "targets/alice"));
    ok(h.notary().run("publish", repo));
    String read = ok(h.keys().run("inspect", repo)).out();
    assertTrue(read.contains("\"SignedTag\": \"2.0\""), read);
    sameAsDocker(h, repo);

    // a signer keys adds with a key it holds; docker and notary see it; keys removes it again
    String bobId = generated(ok(h.keys().run("generate", "--role", "targets/bob")));
    ok(h.keys().run("signer", "add", "--key", bobId.substring(0, 10), "bob", repo));
    String withBob = ok(h.run("docker", "trust", "inspect", repo)).out();
    assertTrue(withBob.contains("\"Name\": \"bob\"") && withBob.contains(bobId), withBob);
    assertTrue(ok(h.notary().run("delegation", "list", repo)).output().contains("targets/bob"));
    sameAsDocker(h, repo);
    ok(h.keys().run("signer", "remove", "bob", repo));
    assertFalse(ok(h.run("docker", "trust", "inspect", repo)).out().contains("\"bob\""));

    // revoke one tag, then every tag
    ok(h.keys().run("tag", "revoke", repo + ":1.0"));
    String afterRevoke = ok(h.run("docker", "trust", "inspect", repo)).out();
    assertFalse(afterRevoke.contains("\"1.0\""), afterRevoke);
    assertTrue(afterRevoke.contains("\"2.0\""), afterRevoke);
    assertFalse(ok(h.notary().run("list", repo)).output().contains("1.0"));
    sameAsDocker(h, repo);
    KeysCli.Result unconfirmed = h.keys().run("tag", "revoke", repo);
    assertEquals(5, unconfirmed.exit(), unconfirmed.toString());
    ok(h.keys().run("tag", "revoke", repo, "--yes"));
    assertTrue(ok(h.notary().run("list", repo)).output().contains("No targets present"));
    sameAsDocker(h, repo);

    // docker removes the signer keys made; keys sees what docker sees
    ok(h.run("docker", "trust", "signer", "remove", "--force", "alice", repo));
    sameAsDocker(h, repo);
  }

  @Test
  void keysCreatesTheRepositoryWithItsFirstSigner_lastSignerNeedsForce() throws Exception {
    DockerTrustRig.Home h = rig.home(tmp);
    String repo = DockerTrustRig.REGISTRY + "/fresh/app";
    String carol = generated(ok(h.keys().run("generate", "--role", "targets/carol")));
    KeysCli.Result added = ok(h.keys().run("signer", "add", "--key", carol, "carol", repo));
    assertTrue(
        added.out().contains("Initializing signed repository for " + repo + "..."), added.out());
    assertTrue(added.out().contains("Successfully added signer: carol to " + repo), added.out());
    ok(h.keys().run("tag", "sign", repo + ":v1", "--digest", DIGEST2, "--size", "99"));
    String inspect = ok(h.run("docker", "trust", "inspect", "--pretty", repo)).out();
    assertTrue(inspect.contains("v1") && inspect.contains("carol"), inspect);
    sameAsDocker(h, repo, repo + ":v1");

    KeysCli.Result refused = h.keys().run("signer", "remove", "carol", repo);
    assertEquals(5, refused.exit(), refused.toString());
    assertTrue(
        refused.err().contains("signed the last released version of " + repo), refused.err());
    ok(h.keys().run("signer", "remove", "carol", repo, "--force"));
    sameAsDocker(h, repo);
  }

  @Test
  void aRepositoryWithoutDelegations_tagsGoIntoTargets_repoAdminSigns() throws Exception {
    DockerTrustRig.Home h = rig.home(tmp);
    String repo = DockerTrustRig.REGISTRY + "/plain/app";
    ok(h.keys().run("init", repo, "--server", rig.server().url()));
    KeysCli.Result signed =
        ok(
            h.keys()
                .run(
                    "tag",
                    "sign",
                    repo + ":3",
                    repo + ":10",
                    repo + ":2",
                    "--digest",
                    DIGEST,
                    "--size",
                    "7"));
    assertTrue(signed.out().contains("into targets\n"), signed.out());
    String inspect = ok(h.run("docker", "trust", "inspect", repo)).out();
    assertTrue(inspect.contains("\"Repo Admin\""), inspect);
    sameAsDocker(h, repo);
    String none = ok(h.notary().run("delegation", "list", repo)).output();
    assertTrue(none.contains("No delegations present"), none);
    assertEquals(none, ok(h.keys().run("delegation", "list", repo)).out());

    String missing = DockerTrustRig.REGISTRY + "/plain/nothing-here";
    KeysRunner.Result dockerMissing = h.run("docker", "trust", "inspect", repo, missing);
    KeysCli.Result keysMissing = h.keys().run("inspect", repo, missing);
    assertEquals(1, dockerMissing.exitCode(), dockerMissing.toString());
    assertEquals(4, keysMissing.exit(), keysMissing.toString());
    assertEquals(
        dockerMissing.out(), keysMissing.out(), "the readable repository is still printed");
    assertTrue(keysMissing.err().contains(missing + " does not exist"), keysMissing.err());
  }

  @Test
  void delegations_asNotaryManagesThem_nestedOnesIncluded() throws Exception {
    DockerTrustRig.Home h = rig.home(tmp);
    String gun = DockerTrustRig.REGISTRY + "/deleg/app";
    ok(h.keys().run("init", gun, "--server", rig.server().url()));
    Path pub = Files.createDirectories(tmp.resolve("pub"));
    ok(h.run("docker", "trust", "key", "generate", "qa", "--dir", pub.toString()));
    String qa2 = generated(ok(h.keys().run("generate", "--role", "targets/qa")));
    ok(
        h.keys()
            .run(
                "delegation",
                "add",
                gun,
                "targets/qa",
                "--key",
                pub.resolve("qa.pub").toString(),
                "--paths",
                "qa-,ci-"));
    NotaryCli notary = h.notary();
    assertEquals(
        ok(notary.run("delegation", "list", gun)).output(),
        ok(h.keys().run("delegation", "list", gun)).out());

    KeysCli.Result tooHigh =
        h.keys().run("delegation", "add", gun, "targets/qa", "--threshold", "2");
    assertEquals(2, tooHigh.exit(), tooHigh.toString());
    ok(h.keys().run("delegation", "add", gun, "targets/qa", "--key", qa2, "--threshold", "2"));
    ok(h.keys().run("delegation", "remove", gun, "targets/qa", "--paths", "ci-"));
    ok(
        h.keys()
            .run(
                "delegation",
                "add",
                gun,
                "targets/qa/nightly",
                "--key",
                qa2,
                "--paths",
                "qa-nightly-"));
    String list = ok(notary.run("delegation", "list", gun)).output();
    assertTrue(
        list.contains("targets/qa/nightly")
            && list.contains("qa-nightly-")
            && !list.contains("ci-"),
        list);
    assertEquals(list, ok(h.keys().run("delegation", "list", gun)).out());
    KeysCli.Result json = ok(h.keys().run("delegation", "list", gun, "--json"));
    assertTrue(json.out().contains("\"role\": \"targets/qa/nightly\""), json.out());

    KeysCli.Result outside =
        h.keys()
            .run(
                "tag",
                "sign",
                gun + ":prod",
                "--digest",
                DIGEST,
                "--size",
                "5",
                "--role",
                "targets/qa");
    assertEquals(2, outside.exit(), outside.toString());
    ok(
        h.keys()
            .run(
                "tag",
                "sign",
                gun + ":qa-1",
                "--digest",
                DIGEST,
                "--size",
                "5",
                "--role",
                "targets/qa"));
    ok(
        h.keys()
            .run(
                "tag",
                "sign",
                gun + ":qa-nightly-7",
                "--digest",
                DIGEST,
                "--size",
                "5",
                "--role",
                "targets/qa/nightly"));
    String tags = ok(notary.run("list", gun)).output();
    assertTrue(
        tags.contains("qa-1")
            && tags.contains("qa-nightly-7")
            && tags.contains("targets/qa/nightly"),
        tags);

    KeysCli.Result unconfirmed = h.keys().run("delegation", "remove", gun, "targets/qa/nightly");
    assertEquals(5, unconfirmed.exit(), unconfirmed.toString());
    ok(h.keys().run("delegation", "remove", gun, "targets/qa/nightly", "--yes"));
    assertFalse(ok(notary.run("delegation", "list", gun)).output().contains("nightly"));
  }

  static String generated(KeysCli.Result r) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("keyID: ([0-9a-f]{64})").matcher(r.out());
    assertTrue(m.find(), r.toString());
    return m.group(1);
  }
}
