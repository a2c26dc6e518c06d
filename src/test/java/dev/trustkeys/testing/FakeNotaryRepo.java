package dev.trustkeys.testing;

import com.sun.net.httpserver.HttpServer;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.tuf.FileMeta;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.RoleKeys;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Snapshot;
import dev.trustkeys.tuf.Targets;
import dev.trustkeys.tuf.TufKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A repository served read-only over plain HTTP on 127.0.0.1 the way notary-server serves it, with
 * every file under the test's control: made and signed by keys of a {@link MemoryBackend}, then
 * tampered with, swapped or withheld, as a hostile server or proxy would. Not a peer: the real
 * notary-server is tested in the ITs.
 */
public final class FakeNotaryRepo implements AutoCloseable {
  public final String gun;
  public final MemoryBackend keys = new MemoryBackend("fake-repo");
  public final KeyInfo rootKey;
  public final KeyInfo targetsKey;
  public final KeyInfo snapshotKey;
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final HttpServer http;
  private Root root;

  public FakeNotaryRepo(String gun) throws IOException, KeysException {
    this.gun = gun;
    rootKey = keys.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    targetsKey = keys.generate(KeySpec.of(Role.TARGETS, gun, Algorithm.ECDSA_P256));
    snapshotKey = keys.generate(KeySpec.of(Role.SNAPSHOT, gun, Algorithm.ECDSA_P256));
    Map<String, TufKey> k = new LinkedHashMap<>();
    Map<String, RoleKeys> roles = new LinkedHashMap<>();
    for (Map.Entry<String, KeyInfo> e :
        Map.of(
                "root",
                rootKey,
                "targets",
                targetsKey,
                "snapshot",
                snapshotKey,
                "timestamp",
                snapshotKey)
            .entrySet()) {
      TufKey t = tufKey(e.getValue());
      k.put(t.id().hex(), t);
      roles.put(e.getKey(), new RoleKeys(List.of(t.id().hex()), 1));
    }
    root = new Root(1, Instant.now().plus(3650, ChronoUnit.DAYS), false, k, roles);
    files.put("root.json", sign(root.toJson(), rootKey));
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/",
        ex -> {
          String prefix = "/v2/" + gun + "/_trust/tuf/";
          String path = ex.getRequestURI().getPath();
          byte[] body = path.startsWith(prefix) ? files.get(path.substring(prefix.length())) : null;
          int status = 200;
          if (body == null) {
            status = 404;
            body =
                "{\"errors\":[{\"code\":\"METADATA_NOT_FOUND\",\"message\":\"not found\",\"detail\":{}}]}"
                    .getBytes(StandardCharsets.UTF_8);
          }
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(status, body.length);
          try (OutputStream o = ex.getResponseBody()) {
            o.write(body);
          }
        });
    http.start();
  }

  public String url() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  public TufKey tufKey(KeyInfo k) throws KeysException {
    try (Signer s = keys.signer(k.id())) {
      return TufKey.forPublicKey(s.publicKey());
    }
  }

  /** {@code signed} signed by {@code by}, as file bytes. */
  public byte[] sign(Map<String, Object> signed, KeyInfo... by) throws KeysException {
    List<KeyedSigner> signers = new ArrayList<>();
    for (KeyInfo k : by) {
      signers.add(new KeyedSigner(tufKey(k).id().hex(), keys.signer(k.id())));
    }
    return MetadataSigning.sign(signed, signers).toBytes();
  }

  /**
   * Publishes targets-role files (role name to content and signing keys) and a snapshot pinning all
   * of them, as the server would serve a consistent repository.
   */
  public void publish(Map<String, Targets> contents, Map<String, KeyInfo[]> signers)
      throws KeysException {
    Map<String, byte[]> signed = new LinkedHashMap<>();
    for (Map.Entry<String, Targets> e : contents.entrySet()) {
      signed.put(e.getKey(), sign(e.getValue().toJson(), signers.get(e.getKey())));
    }
    publishFiles(signed);
  }

  /** Publishes signed files (by role name) and a snapshot pinning them and root. */
  public void publishFiles(Map<String, byte[]> signed) throws KeysException {
    Map<String, FileMeta> meta = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : signed.entrySet()) {
      files.put(e.getKey() + ".json", e.getValue());
      meta.put(e.getKey(), FileMeta.of(e.getValue()));
    }
    meta.put("root", FileMeta.of(files.get("root.json")));
    Snapshot snap =
        new Snapshot(Snapshot.SNAPSHOT, 1, Instant.now().plus(1, ChronoUnit.DAYS), meta);
    files.put("snapshot.json", sign(snap.toJson(), snapshotKey));
  }

  /** Replaces a file the server serves, leaving the snapshot as it was (a tamper, or a swap). */
  public void serve(String file, byte[] bytes) {
    files.put(file, bytes);
  }

  public byte[] file(String name) {
    return files.get(name);
  }

  @Override
  public void close() {
    http.stop(0);
  }
}
