package dev.trustkeys.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.testing.MemoryBackend;
import dev.trustkeys.testing.NotaryCli;
import dev.trustkeys.testing.NotaryServerProcess;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys init} against a real notary-server, checked with the real notary client (in-memory
 * test keys).
 */
class RepositoryInitIT {
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

  RepositoryInitializer initializer(MemoryBackend b, Path trustDir) throws Exception {
    return new RepositoryInitializer(
        NotaryServer.connect(server.url()),
        new MetadataCache(trustDir),
        Keyring.single(b, NotaryKeyNaming.INSTANCE),
        Clock.systemUTC());
  }

  @Test
  void init_publishesWhatAFreshNotaryClientAccepts() throws Exception {
    String gun = "example.com/init/fresh";
    MemoryBackend b = new MemoryBackend("a");
    RepositoryInitializer.Result r =
        initializer(b, tmp.resolve("keys")).init(gun, Optional.empty(), false);
    assertEquals(3, b.list().keys().size(), "root, targets, snapshot created");
    NotaryCli notary = new NotaryCli(server.url(), tmp.resolve("fresh"), Map.of());
    NotaryCli.Result list = notary.run("list", gun);
    assertTrue(list.ok(), list.toString());
    assertTrue(list.output().contains("No targets present"), list.toString());

    byte[] rootBytes = NotaryServer.connect(server.url()).fetch(gun, "1.root.json").orElseThrow();
    Root root = Root.fromJson(Signed.parse(rootBytes).signed());
    TufKey rootKey = root.keys().get(root.role("root").keyIds().get(0));
    assertEquals("ecdsa-x509", rootKey.keyType());
    assertEquals(r.rootKey().key().id(), rootKey.canonicalId());
    assertEquals(gun, RootCertificates.commonName(rootKey.leafCertificate().orElseThrow()));
    assertEquals(Signed.parse(rootBytes).signatures().get(0).keyId(), r.rootCertificateId());
    // the notary client cached exactly the root keys published
    assertTrue(
        java.util.Arrays.equals(
            rootBytes,
            Files.readAllBytes(tmp.resolve("fresh/tuf/" + gun + "/metadata/root.json"))));
    assertTrue(
        java.util.Arrays.equals(
            rootBytes, Files.readAllBytes(tmp.resolve("keys/tuf/" + gun + "/metadata/root.json"))));
  }

  @Test
  void init_withServerManagedSnapshot_andAnExistingRootKey() throws Exception {
    String gun = "example.com/init/servermanaged";
    MemoryBackend b = new MemoryBackend("b");
    var first =
        initializer(b, tmp.resolve("k")).init("example.com/init/other", Optional.empty(), false);
    RepositoryInitializer.Result r =
        initializer(b, tmp.resolve("k")).init(gun, Optional.empty(), true);
    assertEquals(
        first.rootKey().key().id(), r.rootKey().key().id(), "the existing root key is reused");
    assertTrue(r.snapshotKey().isEmpty());
    NotaryCli.Result list =
        new NotaryCli(server.url(), tmp.resolve("fresh2"), Map.of()).run("list", gun);
    assertTrue(list.ok(), list.toString());
  }

  @Test
  void init_twice_isRefused() throws Exception {
    String gun = "example.com/init/twice";
    MemoryBackend b = new MemoryBackend("c");
    initializer(b, tmp.resolve("k")).init(gun, Optional.empty(), false);
    RepositoryExistsException e =
        assertThrows(
            RepositoryExistsException.class,
            () -> initializer(b, tmp.resolve("k")).init(gun, Optional.empty(), false));
    assertEquals(1, e.rootVersion());
    assertEquals(gun, e.gun());
  }
}
