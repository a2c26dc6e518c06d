package dev.trustkeys.notary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.StaleNotaryServer;
import dev.trustkeys.testing.WithNotaryServer;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A server, or a proxy in front of it, that answers with old data: the metadata of a real
 * notary-server captured at version 1 and replayed by a stale server after the trust directory has
 * seen version 2. Versions seen locally are a floor for root, targets, snapshot and timestamp:
 * every command that reads the server refuses older ones.
 */
class RollbackIT extends WithNotaryServer {
  static final List<String> FILES =
      List.of("root.json", "targets.json", "snapshot.json", "timestamp.json");

  /** Exit 7, one line, naming the role and both versions. */
  static void rollbackRefused(KeysCli.Result r, String role, long offered, long seen) {
    assertEquals(7, r.exit(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(
        r.err().contains(role + " version " + offered) && r.err().contains("version " + seen),
        r.toString());
  }

  /** What the real server serves now. */
  static Map<String, byte[]> capture(String gun, long rootVersion) throws Exception {
    NotaryServer api = NotaryServer.connect(server.url());
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String f : FILES) {
      files.put(f, api.fetch(gun, f).orElseThrow());
    }
    for (long v = 1; v <= rootVersion; v++) {
      files.put(v + ".root.json", api.fetch(gun, v + ".root.json").orElseThrow());
    }
    return files;
  }

  static long serverRootVersion(String gun) throws Exception {
    return Root.fromJson(
            Signed.parse(NotaryServer.connect(server.url()).fetch(gun, "root.json").orElseThrow())
                .signed())
        .version();
  }

  long keyFiles(String dir) throws Exception {
    try (Stream<Path> s = Files.list(tmp.resolve(dir).resolve("private"))) {
      return s.count();
    }
  }

  @Test
  void oldRootAfterNewerWasSeen_isRefusedByEveryCommandThatReadsTheServer() throws Exception {
    String gun = "example.com/rollback/root";
    KeysCli keys = holder("trust");
    ok(keys.run("init", gun, "--server", server.url()));
    Map<String, byte[]> v1 = capture(gun, 1);
    ok(keys.run("rotate", gun, "targets", "--server", server.url()));
    assertEquals(2, serverRootVersion(gun));
    long keysBefore = keyFiles("trust");

    try (StaleNotaryServer stale = StaleNotaryServer.start()) {
      v1.forEach((f, b) -> stale.serve(gun, f, b));
      rollbackRefused(keys.run("verify", gun, "--server", stale.url()), "root", 1, 2);
      rollbackRefused(keys.run("verify", gun, "--server", stale.url(), "--json"), "root", 1, 2);
      rollbackRefused(keys.run("status", gun, "--server", stale.url()), "root", 1, 2);
      rollbackRefused(keys.run("rotate", gun, "targets", "--server", stale.url()), "root", 1, 2);
      rollbackRefused(
          keys.run(
              "ceremony",
              "plan",
              gun,
              "--server",
              stale.url(),
              "-o",
              tmp.resolve("req.json").toString()),
          "root",
          1,
          2);
      assertEquals(
          keysBefore, keyFiles("trust"), "no key was made for a rotation that was refused");

      // a trust directory that never saw version 2 has no floor (trust on first use, as Notary's
      // client)...
      KeysCli.Result fresh = ok(holder("fresh").run("verify", gun, "--server", stale.url()));
      assertTrue(fresh.out().contains("1 version(s), VALID"), fresh.out());
      // ...until it has verified version 2: what keys verify has seen is a floor too
      ok(holder("fresh").run("verify", gun, "--server", server.url()));
      rollbackRefused(holder("fresh").run("verify", gun, "--server", stale.url()), "root", 1, 2);
    }
    assertEquals(2, serverRootVersion(gun));
  }

  @Test
  void currentRootWithOldSnapshotAndTimestamp_isRefused() throws Exception {
    String gun = "example.com/rollback/timestamp";
    KeysCli keys = holder("trust");
    ok(keys.run("init", gun, "--server", server.url()));
    Map<String, byte[]> v1 = capture(gun, 1);
    ok(keys.run("rotate", gun, "targets", "--server", server.url()));
    Map<String, byte[]> v2 = capture(gun, 2);

    try (StaleNotaryServer stale = StaleNotaryServer.start()) {
      v2.forEach((f, b) -> stale.serve(gun, f, b));
      stale.serve(gun, "timestamp.json", v1.get("timestamp.json"));
      rollbackRefused(keys.run("status", gun, "--server", stale.url()), "timestamp", 1, 2);
      rollbackRefused(
          keys.run("rotate", gun, "snapshot", "--server", stale.url()), "timestamp", 1, 2);
      stale.serve(gun, "timestamp.json", v2.get("timestamp.json"));
      stale.serve(gun, "snapshot.json", v1.get("snapshot.json"));
      rollbackRefused(keys.run("status", gun, "--server", stale.url()), "snapshot", 1, 2);
      rollbackRefused(
          keys.run("rotate", gun, "snapshot", "--server", stale.url()), "snapshot", 1, 2);
      stale.serve(gun, "snapshot.json", v2.get("snapshot.json"));
      stale.serve(gun, "targets.json", v1.get("targets.json"));
      rollbackRefused(keys.run("status", gun, "--server", stale.url()), "targets", 1, 2);
      rollbackRefused(
          keys.run("rotate", gun, "snapshot", "--server", stale.url()), "targets", 1, 2);
      stale.serve(gun, "targets.json", v2.get("targets.json"));
      ok(keys.run("status", gun, "--server", stale.url()));
    }
  }
}
