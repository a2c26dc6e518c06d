package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys tuf ...} in-process, with file keys (no YubiKey). */
class TufCliTest {
  private static final Map<String, String> ENV =
      Map.of(
          "NOTARY_ROOT_PASSPHRASE", "root-passphrase",
          "NOTARY_TARGETS_PASSPHRASE", "targets-passphrase",
          "NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-passphrase",
          "NOTARY_TIMESTAMP_PASSPHRASE", "timestamp-passphrase",
          "NOTARY_DELEGATION_PASSPHRASE", "delegation-passphrase");
  private static final Path FIXTURES = Path.of("src/test/resources/tuf-compatibility");

  @TempDir Path tmp;

  @BeforeAll
  static void fastKdf() {
    System.setProperty("keys.kdf.iterations", "2048");
  }

  @AfterAll
  static void defaultKdf() {
    System.clearProperty("keys.kdf.iterations");
  }

  private KeysCli keys() {
    return new KeysCli(tmp.resolve("trust"), ENV);
  }

  @Test
  void init_addTarget_verify_status() throws Exception {
    Path repo = tmp.resolve("repo");
    KeysCli.Result init =
        keys().run("tuf", "init", repo.toString(), "--no-yubikey", "--expires", "timestamp=2");
    assertEquals(0, init.exit(), init.toString());
    assertTrue(init.out().contains("Root key created: "), init.out());
    assertTrue(init.out().contains("Wrote metadata/1.root.json"), init.out());
    Path file = Files.writeString(tmp.resolve("app.txt"), "app v1\n");
    KeysCli.Result add =
        keys().run("tuf", "add-target", repo.toString(), file.toString(), "--path", "app/app.txt");
    assertEquals(0, add.exit(), add.toString());
    assertTrue(add.out().contains("Wrote metadata/2.targets.json"), add.out());
    KeysCli.Result verify = keys().run("tuf", "verify", repo.toString());
    assertEquals(0, verify.exit(), verify.toString());
    assertTrue(verify.out().contains("OK: a TUF 1.0 client accepts this repository"), verify.out());
    KeysCli.Result status = keys().run("tuf", "status", repo.toString(), "--json");
    assertEquals(0, status.exit(), status.toString());
    assertTrue(
        status.out().contains("\"heldAt\": \"" + tmp.resolve("trust/private")), status.out());
    assertTrue(status.out().contains("\"signature\": \"signed\""), status.out());
    KeysCli.Result table = keys().run("tuf", "status", repo.toString());
    assertTrue(table.out().contains("DAYS LEFT"), table.out());
  }

  @Test
  void verify_fixtures_atTheirFaketime_andExpiredToday() throws Exception {
    Path sigstore = FIXTURES.resolve("sigstore-root-signing");
    String at = Files.readString(sigstore.resolve("faketime")).trim();
    KeysCli.Result ok = keys().run("tuf", "verify", sigstore.toString(), "--at", at, "--json");
    assertEquals(0, ok.exit(), ok.toString());
    assertTrue(ok.out().contains("\"ok\": true"), ok.out());
    KeysCli.Result expired = keys().run("tuf", "verify", sigstore.toString());
    assertEquals(7, expired.exit(), expired.toString());
    assertTrue(
        expired.err().contains("root version 12 expired at 2025-08-19T14:33:09Z"), expired.err());
    KeysCli.Result tufOnCi =
        keys()
            .run(
                "tuf",
                "verify",
                FIXTURES.resolve("tuf-on-ci-0.11").toString(),
                "--at",
                Files.readString(FIXTURES.resolve("tuf-on-ci-0.11/faketime")).trim());
    assertEquals(0, tufOnCi.exit(), tufOnCi.toString());
    KeysCli.Result python =
        keys().run("tuf", "verify", FIXTURES.resolve("python-tuf-repository_data").toString());
    assertEquals(0, python.exit(), python.toString());
  }

  @Test
  void verify_badTime_isAUsageError() {
    KeysCli.Result r =
        keys().run("tuf", "verify", FIXTURES.resolve("tuf-on-ci-0.11").toString(), "--at", "soon");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().startsWith("keys: --at 'soon' is not a time"), r.err());
  }

  @Test
  void delegate_thenUndelegate_andUndelegatingAgainIsNotFound() throws Exception {
    Path repo = tmp.resolve("repo");
    assertEquals(0, keys().run("tuf", "init", repo.toString(), "--no-yubikey").exit());
    KeysCli.Result gen = keys().run("generate", "--role", "targets/releases");
    Matcher m = Pattern.compile("[0-9a-f]{64}").matcher(gen.out() + gen.err());
    assertTrue(m.find(), gen.toString());
    KeysCli.Result d =
        keys()
            .run(
                "tuf",
                "delegate",
                repo.toString(),
                "releases",
                "--key",
                m.group(),
                "--paths",
                "releases/*");
    assertEquals(0, d.exit(), d.toString());
    assertEquals(0, keys().run("tuf", "verify", repo.toString()).exit());
    try (Stream<Path> s = Files.list(repo.resolve("metadata"))) {
      assertTrue(s.anyMatch(p -> p.getFileName().toString().equals("1.releases.json")));
    }
    KeysCli.Result un = keys().run("tuf", "undelegate", repo.toString(), "releases");
    assertEquals(0, un.exit(), un.toString());
    KeysCli.Result missing = keys().run("tuf", "undelegate", repo.toString(), "releases");
    assertEquals(4, missing.exit(), missing.toString());
    assertFalse(missing.err().contains("Exception"), missing.err());
  }

  @Test
  void rootHeldElsewhere_isLeftToSign_andItsHolderSignsWithKeysTufSign() throws Exception {
    KeysCli holder = new KeysCli(tmp.resolve("holder"), ENV);
    KeysCli.Result gen = holder.run("generate", "--role", "root");
    Matcher m = Pattern.compile("[0-9a-f]{64}").matcher(gen.out() + gen.err());
    assertTrue(m.find(), gen.toString());
    KeysCli.Result pub = holder.run("export", "--public", m.group());
    assertEquals(0, pub.exit(), pub.toString());
    Path pem = Files.writeString(tmp.resolve("holder.pem"), pub.out());
    Path repo = tmp.resolve("repo");
    KeysCli.Result init =
        keys().run("tuf", "init", repo.toString(), "--no-yubikey", "--root-key", pem.toString());
    assertEquals(0, init.exit(), init.toString());
    assertTrue(init.out().contains("Role root still needs signatures"), init.out());
    KeysCli.Result unsigned = keys().run("tuf", "verify", repo.toString());
    assertEquals(7, unsigned.exit(), unsigned.toString());
    assertTrue(
        unsigned.err().contains("root version 1 is not signed by its own root keys"),
        unsigned.err());
    KeysCli.Result notHere = keys().run("tuf", "sign", repo.toString(), "root");
    assertEquals(4, notHere.exit(), notHere.toString());
    KeysCli.Result sign = holder.run("tuf", "sign", repo.toString(), "root");
    assertEquals(0, sign.exit(), sign.toString());
    assertTrue(sign.out().contains("Wrote metadata/1.root.json"), sign.out());
    assertEquals(0, keys().run("tuf", "verify", repo.toString()).exit());
    KeysCli.Result status = keys().run("tuf", "status", repo.toString(), "--json");
    assertTrue(status.out().contains("\"heldAt\": null"), status.out());
  }
}
