package dev.trustkeys.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.testing.MemoryBackend;
import dev.trustkeys.testing.NotaryCli;
import dev.trustkeys.testing.NotaryServerProcess;
import dev.trustkeys.tuf.DelegatedRole;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.RootChain;
import dev.trustkeys.tuf.RootChainReport;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.Targets;
import dev.trustkeys.tuf.TufKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys rotate} against a real notary-server; consumers are real notary clients. */
class KeyRotationIT {
  static NotaryServerProcess server;
  @TempDir static Path shared;
  @TempDir Path tmp;
  final MemoryBackend keys = new MemoryBackend("rot");
  final Clock clock = Clock.systemUTC();

  @BeforeAll
  static void startServer() throws Exception {
    server = NotaryServerProcess.start(shared);
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
  }

  NotaryServer api() throws Exception {
    return NotaryServer.connect(server.url());
  }

  MetadataCache cache() {
    return new MetadataCache(tmp.resolve("keys"));
  }

  void init(String gun) throws Exception {
    new RepositoryInitializer(api(), cache(), Keyring.single(keys, NotaryKeyNaming.INSTANCE), clock)
        .init(gun, Optional.empty(), false);
  }

  KeyRotator rotator() throws Exception {
    return new KeyRotator(api(), cache(), Keyring.single(keys, NotaryKeyNaming.INSTANCE), clock);
  }

  NotaryCli consumer(String name) {
    return new NotaryCli(server.url(), tmp.resolve(name), Map.of());
  }

  static void assertOk(NotaryCli.Result r) {
    assertTrue(r.ok(), r.toString());
  }

  Root serverRoot(String gun) throws Exception {
    return Root.fromJson(Signed.parse(api().fetch(gun, "root.json").orElseThrow()).signed());
  }

  @Test
  void rotateTargetsAndSnapshot_localAndServerManaged_clientsKeepValidating() throws Exception {
    String gun = "example.com/rotate/base";
    init(gun);
    NotaryCli old = consumer("old");
    assertOk(old.run("list", gun));
    String targetsBefore = serverRoot(gun).role("targets").keyIds().get(0);

    KeyRotator.Result t = rotator().rotate(gun, Role.TARGETS, false);
    assertEquals(List.of(targetsBefore), t.oldKeyIds());
    assertEquals(List.of(t.newKeyId()), serverRoot(gun).role("targets").keyIds());
    assertFalse(
        serverRoot(gun).keys().containsKey(targetsBefore),
        "the old targets key is dropped from root");
    assertOk(old.run("list", gun));

    KeyRotator.Result s = rotator().rotate(gun, Role.SNAPSHOT, false);
    assertFalse(s.snapshotByServer());
    assertEquals(List.of(s.newKeyId()), serverRoot(gun).role("snapshot").keyIds());
    assertOk(old.run("list", gun));

    KeyRotator.Result sm = rotator().rotate(gun, Role.SNAPSHOT, true);
    assertTrue(sm.snapshotByServer());
    assertEquals(sm.newKeyId(), api().serverKey(gun, "snapshot").id().hex());
    assertEquals(4, serverRoot(gun).version());
    assertOk(old.run("list", gun));
    assertOk(consumer("fresh").run("list", gun));
    // the snapshot the server now makes verifies with the key root names
    Signed snap = Signed.parse(api().fetch(gun, "snapshot.json").orElseThrow());
    assertEquals(
        List.of(sm.newKeyId()),
        MetadataSigning.requireThreshold(
            "snapshot", snap, serverRoot(gun).keys(), serverRoot(gun).role("snapshot")));
  }

  @Test
  void rotateRoot_signsWithOldAndNew_andOldClientsFollow() throws Exception {
    String gun = "example.com/rotate/root";
    init(gun);
    NotaryCli old = consumer("old");
    assertOk(old.run("list", gun));
    String rootV1 = serverRoot(gun).role("root").keyIds().get(0);

    KeyRotator.Result r1 = rotator().rotate(gun, Role.ROOT, false);
    KeyRotator.Result r2 = rotator().rotate(gun, Role.ROOT, false);
    assertEquals(3, r2.rootVersion());
    Root v3 = serverRoot(gun);
    assertEquals(List.of(r2.newKeyId()), v3.role("root").keyIds());
    assertTrue(
        v3.keys().containsKey(rootV1) && v3.keys().containsKey(r1.newKeyId()),
        "old certificates are kept");
    Signed v2 = Signed.parse(api().fetch(gun, "2.root.json").orElseThrow());
    assertEquals(
        List.of(rootV1, r1.newKeyId()), v2.signatures().stream().map(x -> x.keyId()).toList());

    List<byte[]> chain = new ArrayList<>();
    for (int v = 1; v <= 3; v++) {
      chain.add(api().fetch(gun, v + ".root.json").orElseThrow());
    }
    RootChainReport report = new RootChain(clock).verify(gun, chain);
    assertTrue(report.ok(), report.toText());

    NotaryCli.Result follow = old.run("list", gun);
    assertOk(follow);
    Root cachedByNotary =
        Root.fromJson(
            Signed.parse(
                    java.nio.file.Files.readAllBytes(
                        tmp.resolve("old/tuf/" + gun + "/metadata/root.json")))
                .signed());
    assertEquals(3, cachedByNotary.version(), "the notary client followed to the newest root");
    assertEquals(3, keys.list().keys().stream().filter(k -> k.role().isRoot()).count());
  }

  @Test
  void rootWithoutTheOldRootsSignature_isRefusedByTheServer() throws Exception {
    String gun = "example.com/rotate/forged";
    init(gun);
    Root v1 = serverRoot(gun);
    Signer attacker =
        keys.signer(keys.generate(new KeySpec(Role.ROOT, "", Algorithm.ECDSA_P256)).id());
    TufKey cert = TufKey.forCertificate(RootCertificates.create(attacker, gun, clock.instant()));
    Root forged = v1.withRole("root", List.of(cert), 1).next(clock.instant().plus(Expiry.ROOT));
    byte[] bytes =
        MetadataSigning.sign(forged.toJson(), List.of(new KeyedSigner(cert.id().hex(), attacker)))
            .toBytes();
    ServerException e =
        assertThrows(ServerException.class, () -> api().publish(gun, Map.of("root", bytes)));
    System.out.println("server refused the forged root: " + e.getMessage());
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("root"), e.getMessage());
    assertEquals(1, serverRoot(gun).version());
  }

  @Test
  void rotateDelegation_reSignsTargetsAndTheDelegatedFile() throws Exception {
    String gun = "example.com/rotate/delegation";
    init(gun);
    // set up targets/releases with one target, as notary delegation add + add -r would
    RepositoryState st = new RepositoryLoader(api(), cache(), clock).load(gun);
    Signer d1 =
        keys.signer(
            keys.generate(KeySpec.of(Role.of("targets/releases"), "", Algorithm.ECDSA_P256)).id());
    TufKey dk = TufKey.forPublicKey(d1.publicKey());
    Targets withDelegation =
        new Targets(
            st.targets().version() + 1,
            clock.instant().plus(Expiry.TARGETS),
            Map.of(),
            Map.of(dk.id().hex(), dk),
            List.of(new DelegatedRole("targets/releases", List.of(dk.id().hex()), 1, List.of(""))));
    TufKey targetsKey = st.root().keysOf("targets").values().iterator().next();
    Signer t = keys.signer(targetsKey.canonicalId());
    byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put(
        "hashes",
        Map.of(
            "sha256",
            Base64.getEncoder()
                .encodeToString(
                    java.security.MessageDigest.getInstance("SHA-256").digest(payload))));
    entry.put("length", (long) payload.length);
    Targets delegated =
        new Targets(
            1, clock.instant().plus(Expiry.TARGETS), Map.of("hello", entry), Map.of(), List.of());
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(
        "targets",
        MetadataSigning.sign(
                withDelegation.toJson(), List.of(new KeyedSigner(targetsKey.id().hex(), t)))
            .toBytes());
    files.put(
        "targets/releases",
        MetadataSigning.sign(delegated.toJson(), List.of(new KeyedSigner(dk.id().hex(), d1)))
            .toBytes());
    new Publisher(api(), cache(), Keyring.single(keys, NotaryKeyNaming.INSTANCE), clock)
        .publish(gun, st.root(), files, st.snapshot());
    NotaryCli old = consumer("old");
    NotaryCli.Result before = old.run("list", gun);
    assertTrue(
        before.output().contains("hello") && before.output().contains("targets/releases"),
        before.toString());

    KeyRotator.Result r = rotator().rotate(gun, Role.of("targets/releases"), false);
    assertEquals(List.of(dk.id().hex()), r.oldKeyIds());
    assertNotEquals(dk.id().hex(), r.newKeyId());
    NotaryCli.Result after = old.run("list", gun);
    assertTrue(
        after.output().contains("hello") && after.output().contains("targets/releases"),
        after.toString());
    NotaryCli.Result fresh = consumer("fresh").run("list", gun);
    assertTrue(fresh.output().contains("hello"), fresh.toString());
    NotaryCli.Result deleg = consumer("fresh").run("delegation", "list", gun);
    assertTrue(
        deleg.output().contains(r.newKeyId()) && !deleg.output().contains(dk.id().hex()),
        deleg.toString());
  }

  @Test
  void rotatingTargets_withoutTheRootKey_explainsTheLostRoot() throws Exception {
    String gun = "example.com/rotate/lostroot";
    init(gun);
    TufKey rootKey = serverRoot(gun).keysOf("root").values().iterator().next();
    keys.remove(rootKey.canonicalId());
    RootKeyUnavailableException e =
        assertThrows(
            RootKeyUnavailableException.class, () -> rotator().rotate(gun, Role.TARGETS, false));
    assertEquals(0, e.available());
    assertEquals(1, e.required());
    assertTrue(
        e.getMessage()
            .endsWith("If it is lost, nothing can sign a new root that clients will accept"),
        e.getMessage());
    // the way out (notary delete GUN --remote, keys init GUN) is the command line's to word
    assertEquals(
        dev.trustkeys.core.Remedy.forGun(dev.trustkeys.core.Remedy.Kind.RECREATE_REPOSITORY, gun),
        e.remedy().orElseThrow());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals(1, serverRoot(gun).version(), "nothing was published");
  }

  @Test
  void rotateTimestamp_serverManaged_theNewTimestampVerifiesAndIsCached() throws Exception {
    String gun = "example.com/rotate/timestamp";
    init(gun);
    NotaryCli old = consumer("old");
    assertOk(old.run("list", gun));
    KeyRotator.Result r = rotator().rotate(gun, Role.TIMESTAMP, true);
    assertEquals(List.of(r.newKeyId()), serverRoot(gun).role("timestamp").keyIds());
    // the timestamp the server now signs verifies against the new root, and a later load accepts it
    RepositoryState st = new RepositoryLoader(api(), cache(), clock).load(gun);
    Signed cached = Signed.parse(cache().read(gun, "timestamp").orElseThrow());
    MetadataSigning.requireThreshold(
        "timestamp", cached, st.root().keys(), st.root().role("timestamp"));
    assertOk(old.run("list", gun));
  }
}
