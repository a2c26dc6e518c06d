package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.doctor.Doctor;
import dev.trustkeys.doctor.Finding;
import dev.trustkeys.doctor.Severity;
import dev.trustkeys.testing.KeysCli;
import dev.trustkeys.testing.NotaryServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys doctor} against real states: a repository published to a notary-server, broken modes,
 * backups.
 */
class DoctorIT {
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
  static void startServer() throws Exception {
    server = NotaryServerProcess.start(shared);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private KeysCli keys() {
    return new KeysCli(tmp.resolve("trust"), ENV).kdfIterations(2048);
  }

  private static List<String> lines(String out, String severity, String check) {
    return out.lines()
        .filter(l -> l.startsWith(severity + " ") && l.contains(" " + check + " "))
        .collect(Collectors.toList());
  }

  @Test
  void publishedRepository_isHealthy_exceptForTheSingleRootCopy_andJsonHasTheDocumentedShape() {
    KeysCli.Result init = keys().run("init", "example.com/app", "--server", server.url());
    assertEquals(0, init.exit(), init.toString());
    KeysCli.Result r = keys().run("doctor");
    assertEquals(0, r.exit(), "warnings alone exit 0: " + r);
    assertEquals(1, lines(r.out(), "ok", "expiry").size(), r.out());
    assertTrue(r.out().contains("example.com/app: metadata valid until"), r.out());
    assertEquals(1, lines(r.out(), "warn", "root-backup").size(), r.out());
    assertTrue(r.out().contains("has only one copy"), r.out());
    assertEquals(1, lines(r.out(), "ok", "permissions").size(), r.out());
    assertTrue(
        r.out().lines().anyMatch(l -> l.matches("\\d+ ok, \\d+ info, \\d+ warn, 0 error\\.")),
        r.out());

    KeysCli.Result json = keys().run("doctor", "--json");
    assertEquals(0, json.exit(), json.toString());
    assertTrue(
        json.out().startsWith("{\n  \"findings\": [\n    {\n      \"severity\": \""), json.out());
    assertTrue(json.out().contains("\"check\": \"root-backup\""), json.out());
    assertTrue(json.out().contains("\"fix\": \"keys backup -o"), json.out());
    assertTrue(json.out().contains("\"summary\": {\n    \"ok\": "), json.out());
    assertTrue(json.out().contains("\"error\": 0\n  }\n}"), json.out());
  }

  @Test
  void expiry_isJudgedOnTheRealMetadata_withAnInjectedClock() throws Exception {
    KeysCli.Result init = keys().run("init", "example.com/exp", "--server", server.url());
    assertEquals(0, init.exit(), init.toString());
    TrustDirectory trust = new TrustDirectory(tmp.resolve("trust"));
    // Root metadata and its certificate last 10 years, targets and snapshot 3: 30 days before the
    // certificate ends, targets and snapshot have long expired and the root certificate is about
    // to.
    Instant late = Instant.now().plus(Duration.ofDays(3650 - 30));
    List<Finding> f =
        new Doctor(trust, Map.of(), Clock.fixed(late, ZoneOffset.UTC), null)
            .run(new KeyListing(List.of(), List.of()), Map.of());
    List<Finding> expiry = f.stream().filter(x -> x.check().equals("expiry")).toList();
    assertTrue(
        expiry.stream()
            .anyMatch(
                x ->
                    x.severity() == Severity.ERROR
                        && x.message().startsWith("example.com/exp targets metadata")
                        && x.message().contains("expired on")),
        expiry.toString());
    assertTrue(
        expiry.stream()
            .anyMatch(
                x ->
                    x.severity() == Severity.WARN
                        && x.message().startsWith("example.com/exp root certificate of key")
                        && (x.message().contains("expires in 29 days")
                            || x.message().contains("expires in 30 days"))),
        expiry.toString());
    assertFalse(
        expiry.stream().anyMatch(x -> x.message().contains("timestamp")),
        "timestamp is the server's: " + expiry);

    List<Finding> now =
        new Doctor(trust, Map.of(), Clock.systemUTC(), null)
            .run(new KeyListing(List.of(), List.of()), Map.of());
    assertTrue(
        now.stream()
            .filter(x -> x.check().equals("expiry"))
            .allMatch(x -> x.severity() == Severity.OK),
        now.toString());
  }

  @Test
  void craftedMetadata_expiringWithin90Days_warns_andExpired_isAnError() throws Exception {
    Path md = tmp.resolve("trust/tuf/example.com/crafted/metadata");
    Files.createDirectories(md);
    Instant now = Instant.now();
    Files.writeString(
        md.resolve("targets.json"), signedJson("Targets", now.plus(Duration.ofDays(45))));
    Files.writeString(
        md.resolve("snapshot.json"), signedJson("Snapshot", now.minus(Duration.ofDays(1))));
    Files.writeString(
        md.resolve("timestamp.json"), signedJson("Timestamp", now.minus(Duration.ofDays(1))));
    KeysCli.Result r = keys().run("doctor");
    assertEquals(1, r.exit(), "an expired file is an error: " + r);
    assertEquals(1, lines(r.out(), "warn", "expiry").size(), r.out());
    assertTrue(
        lines(r.out(), "warn", "expiry").get(0).contains("example.com/crafted targets metadata"),
        r.out());
    assertTrue(lines(r.out(), "warn", "expiry").get(0).contains("expires in 44 days"), r.out());
    assertEquals(1, lines(r.out(), "error", "expiry").size(), r.out());
    assertTrue(lines(r.out(), "error", "expiry").get(0).contains("snapshot metadata"), r.out());
  }

  private static String signedJson(String type, Instant expires) {
    return "{\"signed\":{\"_type\":\""
        + type
        + "\",\"expires\":\""
        + dev.trustkeys.tuf.Expiry.format(expires)
        + "\",\"version\":1},\"signatures\":[]}";
  }

  @Test
  void badModes_andAnUnreadableKeyFile_areErrors_withTheFix() throws Exception {
    KeysCli.Result gen = keys().run("generate", "--role", "root");
    assertEquals(0, gen.exit(), gen.toString());
    Path priv = tmp.resolve("trust/private");
    Path key;
    try (Stream<Path> s = Files.list(priv)) {
      key = s.filter(p -> p.toString().endsWith(".key")).findFirst().orElseThrow();
    }
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path garbage = priv.resolve("ab".repeat(32) + ".key");
    Files.writeString(garbage, "not a key\n");
    Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-------"));

    KeysCli.Result r = keys().run("doctor");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(
        lines(r.out(), "error", "permissions").stream()
            .anyMatch(
                l ->
                    l.contains(key + " is 0644, should be 0600")
                        && l.contains("(fix: chmod 600 " + key + ")")),
        r.out());
    assertTrue(
        lines(r.out(), "warn", "permissions").stream()
            .anyMatch(
                l ->
                    l.contains("directory " + priv + " is 0755, should be 0700")
                        && l.contains("chmod 700")),
        r.out());
    assertTrue(
        lines(r.out(), "error", "key-files").stream()
            .anyMatch(l -> l.contains(garbage.getFileName().toString())),
        r.out());

    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rwx------"));
    Files.delete(garbage);
    KeysCli.Result fixed = keys().run("doctor");
    assertEquals(0, fixed.exit(), "following the fixes clears the errors: " + fixed);
    assertEquals(1, lines(fixed.out(), "ok", "permissions").size(), fixed.out());
  }

  @Test
  void rootKey_countsAsBackedUp_onlyWithTheArchiveNamed() throws Exception {
    KeysCli.Result gen = keys().run("generate", "--role", "root");
    assertEquals(0, gen.exit(), gen.toString());
    assertEquals(1, lines(keys().run("doctor").out(), "warn", "root-backup").size());
    Path archive = tmp.resolve("keys.tar.gz");
    KeysCli.Result backup = keys().run("backup", "-o", archive.toString());
    assertEquals(0, backup.exit(), backup.toString());
    KeysCli.Result r = keys().run("doctor", "--backup", archive.toString());
    assertEquals(0, r.exit(), r.toString());
    List<String> ok = lines(r.out(), "ok", "root-backup");
    assertEquals(1, ok.size(), r.out());
    assertTrue(
        ok.get(0).contains("has 2 copies: file ") && ok.get(0).contains("backup " + archive),
        r.out());

    Files.writeString(archive, "truncated");
    KeysCli.Result broken = keys().run("doctor", "--backup", archive.toString());
    assertEquals(1, broken.exit(), "a backup that does not verify is an error: " + broken);
    assertEquals(1, lines(broken.out(), "error", "root-backup").size(), broken.out());
  }
}
