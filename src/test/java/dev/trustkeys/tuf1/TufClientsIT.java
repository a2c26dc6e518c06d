package dev.trustkeys.tuf1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.HttpFetcher;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.Updater;
import dev.sigstore.tuf.encryption.Verifiers;
import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.MemoryBackend;
import dev.trustkeys.testing.TestAttestations;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real clients against repositories keys makes, served by a static file server on 127.0.0.1:
 * tuf-js 5.0.1 (npm, installed by bin/test into src/test/js) and sigstore-java's TUF updater. Each
 * refreshes from root version 1, follows keys' root rotations (made by the repository editor, and
 * by a root ceremony of two holders, one of them on the virtual YubiKey), downloads targets, and
 * refuses tampered targets, metadata and root rotations.
 */
class TufClientsIT {
  private static final Path CLIENT_JS = Path.of("src/test/js/client.mjs");
  @TempDir Path tmp;
  private final MemoryBackend backend = new MemoryBackend("it");
  private HttpServer server;
  private Path repo;
  private String base;

  @BeforeEach
  void serve() throws IOException {
    repo = tmp.resolve("repo");
    Files.createDirectories(repo);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Path p = repo.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
          byte[] body = p.startsWith(repo) && Files.isRegularFile(p) ? Files.readAllBytes(p) : null;
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            if (body != null) {
              out.write(body);
            }
          }
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private PublicKey key(Role role) throws KeysException {
    try (Signer s =
        backend.signer(
            backend
                .generate(KeySpec.of(role, role.belongsToGun() ? "repo" : "", Algorithm.ECDSA_P256))
                .id())) {
      return s.publicKey();
    }
  }

  private RepositoryEditor editor() {
    return new RepositoryEditor(
        repo,
        new BackendKeySource(Keyring.single(backend, NotaryKeyNaming.INSTANCE)),
        Clock.systemUTC());
  }

  private void makeRepositoryWithRotations() throws Exception {
    editor()
        .init(
            new RepositoryEditor.InitPlan(
                List.of(key(Role.ROOT)),
                1,
                List.of(key(Role.TARGETS)),
                1,
                List.of(key(Role.SNAPSHOT)),
                List.of(key(Role.TIMESTAMP)),
                Map.of()));
    editor().addTarget("app/hello.txt", "hello v1\n".getBytes(StandardCharsets.UTF_8), "targets");
    editor().rotate("root", List.of(key(Role.ROOT), key(Role.ROOT)), 2);
    editor().rotate("timestamp", List.of(key(Role.TIMESTAMP)), 1);
    editor()
        .delegate(
            new RepositoryEditor.DelegationPlan(
                "releases",
                "targets",
                List.of(key(Role.DELEGATION)),
                1,
                true,
                List.of("releases/*"),
                List.of(),
                null));
    editor()
        .addTarget("releases/v2.txt", "release v2\n".getBytes(StandardCharsets.UTF_8), "releases");
    assertTrue(Files.isRegularFile(repo.resolve("metadata/3.root.json")));
    assertEquals(
        List.of(),
        RepositoryVerifier.verify(RepositoryFiles.open(repo), java.time.Instant.now()).problems());
  }

  private Path trustedRoot(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name + "-metadata"));
    Files.copy(repo.resolve("metadata/1.root.json"), dir.resolve("root.json"));
    return dir;
  }

  private record Run(int exit, String out) {}

  private Run tufJs(String name, String target) throws Exception {
    assertTrue(
        Files.isDirectory(Path.of("src/test/js/node_modules/tuf-js")),
        "tuf-js is not installed: run bin/test (it runs npm ci in src/test/js)");
    Path metadata = tmp.resolve(name + "-metadata");
    if (!Files.exists(metadata)) {
      trustedRoot(name);
    }
    Path targets = Files.createDirectories(tmp.resolve(name + "-targets"));
    Process p =
        new ProcessBuilder(
                "node",
                CLIENT_JS.toString(),
                base + "/metadata",
                base + "/targets",
                metadata.toString(),
                targets.toString(),
                target)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tuf-js did not finish");
    return new Run(p.exitValue(), out);
  }

  @Test
  void tufJs_followsRotations_downloadsTargets_andRefusesTampering() throws Exception {
    makeRepositoryWithRotations();
    Run ok = tufJs("a", "releases/v2.txt");
    assertEquals(0, ok.exit(), ok.out());
    assertTrue(ok.out().contains("\"rootVersion\":3"), ok.out());
    assertEquals("release v2\n", Files.readString(tmp.resolve("a-targets/v2.txt")));
    Run hello = tufJs("b", "app/hello.txt");
    assertEquals(0, hello.exit(), hello.out());

    Path target = targetFile("app/hello.txt", "hello v1\n");
    Files.writeString(target, "HELLO v1\n");
    Run tamperedTarget = tufJs("c", "app/hello.txt");
    assertEquals(1, tamperedTarget.exit(), tamperedTarget.out());
    assertTrue(tamperedTarget.out().contains("\"ok\":false"), tamperedTarget.out());
    assertTrue(tamperedTarget.out().contains("hash"), tamperedTarget.out());
    Files.writeString(target, "hello v1\n");

    Path snapshot = newest("snapshot");
    byte[] original = Files.readAllBytes(snapshot);
    Files.writeString(
        snapshot, Files.readString(snapshot).replace("\"expires\": \"", "\"expires\": \"1"));
    Run tamperedMeta = tufJs("d", "app/hello.txt");
    assertEquals(1, tamperedMeta.exit(), tamperedMeta.out());
    assertTrue(tamperedMeta.out().contains("\"ok\":false"), tamperedMeta.out());
    Files.write(snapshot, original);
  }

  private Updater sigstoreUpdater(String name) throws IOException {
    Path root = trustedRoot(name).resolve("root.json");
    FileSystemTufStore store =
        FileSystemTufStore.newFileSystemStore(Files.createDirectories(tmp.resolve(name)));
    return Updater.builder()
        .setClock(Clock.systemUTC())
        .setVerifiers(Verifiers::newVerifier)
        .setMetaFetcher(
            MetaFetcher.newFetcher(HttpFetcher.newFetcher(URI.create(base + "/metadata/"))))
        .setTargetFetcher(HttpFetcher.newFetcher(URI.create(base + "/targets/")))
        .setTrustedRootPath(RootProvider.fromFile(root))
        .setTrustedMetaStore(
            TrustedMetaStore.newTrustedMetaStore(
                PassthroughCacheMetaStore.newPassthroughMetaCache(store)))
        .setTargetStore(store)
        .build();
  }

  @Test
  void sigstoreJava_followsRotations_downloadsTargets_andRefusesTampering() throws Exception {
    makeRepositoryWithRotations();
    Updater u = sigstoreUpdater("sj1");
    u.update();
    FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(tmp.resolve("sj1"));
    assertEquals(
        3,
        TrustedMetaStore.newTrustedMetaStore(
                PassthroughCacheMetaStore.newPassthroughMetaCache(store))
            .getRoot()
            .getSignedMeta()
            .getVersion());
    assertArrayEquals(
        "hello v1\n".getBytes(StandardCharsets.UTF_8), store.readTarget("app/hello.txt"));

    Path target = targetFile("app/hello.txt", "hello v1\n");
    Files.writeString(target, "HELLO v1\n");
    dev.sigstore.tuf.InvalidHashesException badTarget =
        assertThrows(
            dev.sigstore.tuf.InvalidHashesException.class, () -> sigstoreUpdater("sj2").update());
    assertTrue(badTarget.getMessage().contains("app/hello.txt"), badTarget.getMessage());
    Files.writeString(target, "hello v1\n");

    Path targetsMd = newest("targets");
    Files.writeString(
        targetsMd, Files.readString(targetsMd).replace("\"length\": 9", "\"length\": 10"));
    dev.sigstore.tuf.SignatureVerificationException badMeta =
        assertThrows(
            dev.sigstore.tuf.SignatureVerificationException.class,
            () -> sigstoreUpdater("sj3").update());
    assertTrue(
        badMeta.getMessage().contains("not been signed by enough keys"), badMeta.getMessage());
  }

  // ---- a root rotation made by a ceremony: keys ceremony plan --tuf, sign (two holders), publish
  // ----

  private static final String PIN = "123456";

  /**
   * {@code keys} as a holder runs it: own trust directory, passphrases, and the virtual YubiKey or
   * none.
   */
  private KeysRunner holder(String name, VirtualYubiKeyRig rig) {
    KeysRunner k =
        new KeysRunner()
            .fastKdf()
            .jvm("-XX:TieredStopAtLevel=1")
            .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase-" + name)
            .env("NOTARY_TARGETS_PASSPHRASE", "targets-passphrase")
            .env("NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-passphrase")
            .env("NOTARY_TIMESTAMP_PASSPHRASE", "timestamp-passphrase")
            .env("KEYS_YUBIKEY_PIN", PIN);
    if (rig != null) {
      rig.env().forEach(k::env);
    }
    return k;
  }

  /**
   * Alice made the repository (her root key in a file); Bob's root key is generated on the virtual
   * YubiKey and attested. Alice plans root version 2 with both keys and threshold 2, Bob signs on
   * the YubiKey, Alice signs and publishes: {@code metadata/2.root.json}.
   */
  private void rotateByCeremony(VirtualYubiKeyRig rig) throws Exception {
    String alice = tmp.resolve("alice").toString();
    String bob = tmp.resolve("bob").toString();
    Path simRoot =
        Files.writeString(
            tmp.resolve("sim-attestation-root.pem"),
            TestAttestations.pem(rig.card().state().authority().rootCertificate()));
    holder("alice", null).keys("-d", alice, "tuf", "init", repo.toString(), "--no-yubikey").ok();
    Path hello = Files.writeString(tmp.resolve("hello.txt"), "hello v1\n");
    holder("alice", null)
        .keys(
            "-d",
            alice,
            "tuf",
            "add-target",
            repo.toString(),
            hello.toString(),
            "--path",
            "app/hello.txt")
        .ok();
    holder("bob", rig)
        .keys(
            "-d",
            bob,
            "generate",
            "--role",
            "root",
            "--yubikey",
            "--on-device",
            "--attestation-root",
            simRoot.toString())
        .ok();
    Path bobKey =
        Files.writeString(
            tmp.resolve("bob-9c.pem"),
            holder("bob", rig)
                .keys("yubikey", "attest", "9c", "--attestation-root", simRoot.toString())
                .ok()
                .out());
    Path req = tmp.resolve("root-2.request.json");
    String trust = "--attestation-root=" + simRoot;
    holder("alice", null)
        .keys(
            "-d",
            alice,
            "ceremony",
            "plan",
            "--tuf",
            repo.toString(),
            "--add-key",
            bobKey.toString(),
            "--threshold",
            "2",
            "-o",
            req.toString(),
            trust)
        .ok();
    KeysRunner.Result bobSigns =
        holder("bob", rig)
            .keys("-d", bob, "ceremony", "sign", req.toString(), "--tuf", repo.toString(), trust);
    bobSigns.ok();
    assertTrue(
        bobSigns.out().contains("Attested: key ")
            && bobSigns.out().contains("is on YubiKey 30000031"),
        bobSigns.out());
    assertTrue(
        bobSigns.out().contains("The request's base root is the root version 1 of the repository"),
        bobSigns.out());
    holder("alice", null).keys("-d", alice, "ceremony", "sign", req.toString(), trust).ok();
    holder("alice", null).keys("-d", alice, "ceremony", "status", req.toString(), trust).ok();
    holder("alice", null)
        .keys("-d", alice, "ceremony", "publish", req.toString(), "--tuf", repo.toString(), trust)
        .ok();
    holder("alice", null).keys("-d", alice, "tuf", "verify", repo.toString()).ok();
    String v2 = Files.readString(repo.resolve("metadata/2.root.json"));
    assertTrue(v2.contains("\"x-keys-yubikey-attestation\": \"-----BEGIN CERTIFICATE-----"), v2);
  }

  @Test
  void ceremonyRotation_withAYubiKeyHolder_isFollowedByBothClients_andATamperedRotationIsRefused()
      throws Exception {
    try (VirtualYubiKeyRig rig = VirtualYubiKeyRig.builder().serial(30000031).start()) {
      rotateByCeremony(rig);
    }
    Run js = tufJs("ceremony-js", "app/hello.txt");
    assertEquals(0, js.exit(), js.out());
    assertTrue(js.out().contains("\"rootVersion\":2"), js.out());
    Updater u = sigstoreUpdater("ceremony-sj");
    u.update();
    FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(tmp.resolve("ceremony-sj"));
    assertEquals(
        2,
        TrustedMetaStore.newTrustedMetaStore(
                PassthroughCacheMetaStore.newPassthroughMetaCache(store))
            .getRoot()
            .getSignedMeta()
            .getVersion());
    assertArrayEquals(
        "hello v1\n".getBytes(StandardCharsets.UTF_8), store.readTarget("app/hello.txt"));

    // the same rotation edited after it was signed (threshold 2 -> 1, so that one key would do from
    // now on)
    Path v2 = repo.resolve("metadata/2.root.json");
    String signed = Files.readString(v2);
    String tampered = signed.replaceFirst("\"threshold\": 2", "\"threshold\": 1");
    assertTrue(!tampered.equals(signed));
    Files.writeString(v2, tampered);
    Run jsRefuses = tufJs("tampered-js", "app/hello.txt");
    assertEquals(1, jsRefuses.exit(), jsRefuses.out());
    assertTrue(jsRefuses.out().contains("\"ok\":false"), jsRefuses.out());
    dev.sigstore.tuf.SignatureVerificationException sjRefuses =
        assertThrows(
            dev.sigstore.tuf.SignatureVerificationException.class,
            () -> sigstoreUpdater("tampered-sj").update());
    assertTrue(
        sjRefuses.getMessage().contains("not been signed by enough keys"), sjRefuses.getMessage());
  }

  private Path targetFile(String path, String content) {
    String sha = FileMeta.digest("sha256", content.getBytes(StandardCharsets.UTF_8));
    int slash = path.lastIndexOf('/');
    return repo.resolve("targets")
        .resolve(path.substring(0, slash + 1) + sha + "." + path.substring(slash + 1));
  }

  private Path newest(String role) throws KeysException {
    return RepositoryFiles.open(repo).latest(role).orElseThrow();
  }
}
