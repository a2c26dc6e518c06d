package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to inspect, signer, tag and delegation is refused before any server is asked: one line
 * that says what to do, and the exit code of the README's table.
 */
class DockerTrustCliTest {
  @TempDir Path tmp;

  KeysCli.Result keys(String... args) {
    return new KeysCli(
            tmp.resolve("trust"),
            Map.of("HOME", tmp.toString(), "DOCKER_CONTENT_TRUST_SERVER", "https://127.0.0.1:1"))
        .run(args);
  }

  static void oneLine(KeysCli.Result r, int exit, String says) {
    assertEquals(exit, r.exit(), r.toString());
    assertTrue(r.err().startsWith("keys: ") && r.err().contains(says), r.toString());
    assertTrue(!r.err().contains("Exception"), r.err());
  }

  @Test
  void signerNames_followDockersRule() {
    oneLine(
        keys("signer", "add", "--key", "x.pub", "Alice", "me/app"),
        2,
        "signer name \"Alice\" must start with");
    oneLine(
        keys("signer", "add", "--key", "x.pub", "releases", "me/app"),
        2,
        "releases is a reserved keyword");
    oneLine(
        keys("signer", "remove", "releases", "me/app"),
        2,
        "releases is a reserved keyword and cannot be removed");
  }

  @Test
  void publicKeyFiles_missingOrNotAKey() throws Exception {
    oneLine(
        keys("signer", "add", "--key", tmp.resolve("nothing.pub").toString(), "alice", "me/app"),
        4,
        "no such file");
    Path notAKey = tmp.resolve("notakey.pub");
    Files.writeString(notAKey, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    oneLine(
        keys("signer", "add", "--key", notAKey.toString(), "alice", "me/app"),
        2,
        "expected CERTIFICATE or PUBLIC KEY");
    oneLine(
        keys("delegation", "add", "example.com/app", "targets/x", "--key", "abcdef0123"),
        4,
        "abcdef0123");
  }

  @Test
  void tagSign_needsATagADigestAndASize() {
    oneLine(
        keys("tag", "sign", "me/app", "--digest", "sha256:" + "ab".repeat(32), "--size", "5"),
        2,
        "no tag specified for me/app");
    oneLine(
        keys("tag", "sign", "me/app:1", "--digest", "sha1:abc", "--size", "5"),
        2,
        "--digest must be sha256: and 64 hexadecimal characters");
    oneLine(
        keys("tag", "sign", "me/app:1", "--digest", "sha256:" + "ab".repeat(32), "--size", "0"),
        2,
        "--size must be the manifest's size in bytes");
    oneLine(
        keys("tag", "sign", "Me/App:1", "--digest", "sha256:" + "ab".repeat(32), "--size", "5"),
        2,
        "must be lowercase");
    oneLine(
        keys("tag", "revoke", "me/app@sha256:" + "ab".repeat(32)),
        2,
        "cannot use a digest reference");
  }

  @Test
  void delegations_areTargetsSlashSomething_thresholdsAtLeastOne() {
    oneLine(
        keys("delegation", "add", "example.com/app", "targets", "--all-paths"),
        2,
        "invalid delegation name");
    oneLine(
        keys("delegation", "add", "example.com/app", "targets/../x", "--all-paths"),
        2,
        "unknown role");
    oneLine(
        keys("delegation", "remove", "example.com/app", "delegation"),
        2,
        "invalid delegation name");
    oneLine(
        keys("delegation", "add", "example.com/app", "targets/x", "--threshold", "0"),
        2,
        "--threshold must be at least 1");
  }

  @Test
  void inspect_aBadNameIsReported_theOthersStillPrinted() {
    KeysCli.Result r = keys("inspect", "Bad/Name");
    oneLine(r, 2, "invalid reference format 'Bad/Name'");
    assertEquals("[]\n", r.out());
  }
}
