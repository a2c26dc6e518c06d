package dev.trustkeys.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.Fifos;
import dev.trustkeys.testing.KeysCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile and broken input through the CLI: damaged and foreign files in {@code private/},
 * malformed metadata, wrong and empty passphrases, PEM with extra blocks and odd headers. Each is
 * one clear {@code keys:} line (no stack trace, no "internal error") with the documented exit code,
 * and changes no byte of the trust directory.
 */
class HostileInputCliTest {
  private static final Map<String, String> ENV =
      Map.of(
          "NOTARY_ROOT_PASSPHRASE", "root-passphrase",
          "NOTARY_TARGETS_PASSPHRASE", "targets-passphrase",
          "NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-passphrase",
          "NOTARY_DELEGATION_PASSPHRASE", "delegation-passphrase");
  private static final Pattern TARGETS = Pattern.compile("Targets key created: ([0-9a-f]{64})");

  @TempDir Path tmp;
  private Path dir;
  private KeysCli keys;
  private String targets;
  private Path keyFile;
  private final Fifos fifos = new Fifos();

  @AfterEach
  void releaseFifos() {
    fifos.close();
  }

  @BeforeEach
  void init() throws IOException {
    dir = tmp.resolve("trust");
    keys = new KeysCli(dir, ENV).kdfIterations(2048);
    KeysCli.Result r = keys.run("init", "example.com/app");
    assertEquals(0, r.exit(), r.toString());
    Matcher m = TARGETS.matcher(r.out());
    assertTrue(m.find(), r.out());
    targets = m.group(1);
    keyFile = dir.resolve("private").resolve(targets + ".key");
    Files.writeString(tmp.resolve("newpass"), "a-new-passphrase\n");
  }

  /** Ways a key file goes bad. */
  enum Damage {
    RANDOM_BYTES,
    TRUNCATED,
    EMPTY,
    FOREIGN_PEM,
    UNSUPPORTED_ENCRYPTION,
    BROKEN_BASE64
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void damagedKeyFile_isOneClearError_forEveryCommandThatNeedsIt_andChangesNothing(Damage damage)
      throws Exception {
    byte[] good = Files.readAllBytes(keyFile);
    Files.write(keyFile, damaged(damage, good));
    Map<String, String> before = snapshot();
    // A well-formed file in another encryption dialect is still listed (listing never decrypts) and
    // exported as stored; only what decrypts it fails.
    boolean listed = damage == Damage.UNSUPPORTED_ENCRYPTION;
    List<List<String>> commands =
        new java.util.ArrayList<>(
            List.of(
                List.of("export", "--public", targets),
                List.of(
                    "passwd", targets, "--new-passphrase-file", tmp.resolve("newpass").toString()),
                List.of("sign", "-k", targets, tmp.resolve("newpass").toString())));
    if (!listed) {
      commands.add(
          List.of("export", targets.substring(0, 12), "-o", tmp.resolve("out.pem").toString()));
      commands.add(List.of("remove", "--yes", targets));
    }
    for (List<String> cmd : commands) {
      KeysCli.Result r = keys.run(cmd.toArray(new String[0]));
      assertOneLineError(r, 1, cmd + " with " + damage);
      assertTrue(r.err().contains(keyFile.toString()), "names the file: " + r);
      assertEquals(before, snapshot(), cmd + " changed the trust directory");
    }
    assertFalse(Files.exists(tmp.resolve("out.pem")), "no export written");
    KeysCli.Result list = keys.run("list");
    assertEquals(0, list.exit(), list.toString());
    assertEquals(
        listed ? 0 : 1,
        list.out().lines().filter(l -> l.contains("(unreadable)")).count(),
        list.out());
    assertEquals(
        listed ? 3 : 2,
        list.out()
            .lines()
            .filter(l -> !l.contains("(unreadable)") && l.matches(".*\\b[0-9a-f]{64}\\b.*"))
            .count(),
        list.out());
  }

  @Test
  void foreignFilesInPrivate_areListedAsUnreadable_andWritersLeaveThemAlone() throws Exception {
    Path priv = dir.resolve("private");
    Files.writeString(priv.resolve("README.txt"), "my notes\n");
    Files.createDirectories(priv.resolve("old-keys"));
    Files.writeString(priv.resolve("old-keys").resolve("x.pem"), "not a key");
    Files.writeString(
        priv.resolve("0".repeat(64) + ".key"),
        "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n" + "-----END EC PARAMETERS-----\n");
    Map<String, String> foreign = snapshot();
    KeysCli.Result list = keys.run("list");
    assertEquals(0, list.exit(), list.toString());
    assertEquals(3, list.out().lines().filter(l -> l.contains("(unreadable)")).count(), list.out());
    KeysCli.Result gen = keys.run("generate", "--role", "targets/releases");
    assertEquals(0, gen.exit(), gen.toString());
    KeysCli.Result rm = keys.run("remove", "--yes", targets);
    assertEquals(0, rm.exit(), rm.toString());
    Map<String, String> after = snapshot();
    foreign.forEach(
        (path, hash) -> {
          if (!path.contains(targets)) {
            assertEquals(hash, after.get(path), path + " was touched");
          }
        });
  }

  @Test
  void malformedCachedMetadata_isOneErrorNamingTheFile_andIsNotOverwritten() throws Exception {
    Path root = dir.resolve("tuf/example.com/app/metadata/root.json");
    Files.createDirectories(root.getParent());
    for (String broken :
        List.of(
            "{\"signed\": [1,",
            "",
            "[]",
            "{\"signed\":{\"_type\":\"Root\"},\"signatures\":7}",
            "\u0000\u00ff garbage",
            "{\"signed\":{\"_type\":\"Root\",\"keys\":{},\"roles\":{}},\"signatures\":[]}")) {
      Files.writeString(root, broken);
      Map<String, String> before = snapshot();
      KeysCli.Result r = keys.run("status", "example.com/app");
      assertTrue(r.exit() == 1 || r.exit() == 7, r.toString());
      assertOneLineError(r, r.exit(), "status with root.json " + broken);
      assertEquals(before, snapshot());
    }
  }

  @Test
  void wrongPassphrase_exits3_emptyPassphrase_isTreatedAsNone_andNothingChanges() throws Exception {
    Map<String, String> before = snapshot();
    Map<String, String> wrong = new HashMap<>(ENV);
    wrong.put("NOTARY_TARGETS_PASSPHRASE", "not-the-passphrase");
    KeysCli.Result r =
        new KeysCli(dir, wrong)
            .run("passwd", targets, "--new-passphrase-file", tmp.resolve("newpass").toString());
    assertOneLineError(r, 3, "wrong passphrase");
    assertTrue(r.err().contains(targets.substring(0, 7)), r.toString());
    wrong.put("NOTARY_TARGETS_PASSPHRASE", "");
    r =
        new KeysCli(dir, wrong)
            .run("passwd", targets, "--new-passphrase-file", tmp.resolve("newpass").toString());
    assertOneLineError(r, 5, "empty passphrase");
    assertTrue(r.err().contains("NOTARY_TARGETS_PASSPHRASE"), r.toString());
    Files.writeString(tmp.resolve("empty"), "\n");
    r = keys.run("passwd", targets, "--new-passphrase-file", tmp.resolve("empty").toString());
    assertOneLineError(r, 2, "empty new passphrase");
    wrong.put("NOTARY_ROOT_PASSPHRASE", "short");
    r = new KeysCli(dir, wrong).run("generate", "--role", "root");
    assertOneLineError(r, 2, "too short a new passphrase");
    assertEquals(before, snapshot());
  }

  @Test
  void pemWithEcParameters_importsTheKeyAndSkipsTheParameters() throws Exception {
    PrivateKey k = ecKey();
    Path f = tmp.resolve("with-params.pem");
    Files.writeString(
        f,
        "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
            + pem("PRIVATE KEY", "", k.getEncoded()));
    KeysCli.Result r = keys.run("import", f.toString());
    assertEquals(0, r.exit(), r.toString());
    assertEquals(1, r.out().lines().filter(l -> l.startsWith("Imported")).count(), r.out());
    assertEquals(
        4, keys.run("list").out().lines().filter(l -> l.matches(".*\\b[0-9a-f]{64}\\b.*")).count());
  }

  @Test
  void importWithBogusPathHeaders_neverWritesOutsidePrivate_norUnderAnotherKeysName()
      throws Exception {
    Path other = tmp.resolve("other");
    KeysCli there = new KeysCli(other, ENV);
    KeysCli.Result exported = keys.run("export", targets, "-o", tmp.resolve("t.pem").toString());
    assertEquals(0, exported.exit(), exported.toString());
    String pem = Files.readString(tmp.resolve("t.pem"));
    assertTrue(pem.contains("path: " + targets), pem);

    // path: naming another key (Notary trusts it): refused, nothing written
    String rootId =
        keys.run("list")
            .out()
            .lines()
            .filter(l -> l.startsWith("root"))
            .findFirst()
            .orElseThrow()
            .split("\\s+")[1];
    Files.writeString(tmp.resolve("lying.pem"), pem.replace("path: " + targets, "path: " + rootId));
    KeysCli.Result r = there.run("import", tmp.resolve("lying.pem").toString());
    assertOneLineError(r, 7, "path: of another key");
    assertFalse(Files.exists(other.resolve("private").resolve(rootId + ".key")));

    // path: that climbs out of the directory, or names no key: imported under its real ID, inside
    // private/
    for (String bogus :
        List.of(
            "../../../../" + tmp.getFileName() + "/escaped",
            "/etc/passwd",
            "tuf_keys/x/y/z",
            "",
            "path-without-an-id")) {
      Path f = tmp.resolve("bogus.pem");
      Files.writeString(f, pem.replace("path: " + targets, "path: " + bogus));
      KeysCli.Result ok = there.run("import", f.toString());
      assertEquals(0, ok.exit(), bogus + ": " + ok);
      assertTrue(Files.exists(other.resolve("private").resolve(targets + ".key")), bogus);
    }
    try (Stream<Path> s = Files.walk(tmp)) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().equals("escaped")),
          "nothing escaped private/");
    }
    KeysCli.Result pub = there.run("export", "--public", targets);
    assertEquals(0, pub.exit(), pub.toString());
  }

  /**
   * A FIFO where a key file goes, and a key file that is a symbolic link to a FIFO: opening either
   * for reading waited forever for a writer, and with it list, generate, backup, doctor and export
   * --public. Now each is listed as unreadable ("a FIFO") and every command goes on without it.
   */
  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void fifoInPrivate_isListedAsUnreadable_andNoCommandWaitsForIt() throws Exception {
    Path priv = dir.resolve("private");
    Path fifo = fifos.make(priv.resolve("a".repeat(64) + ".key"));
    Path elsewhere = fifos.make(tmp.resolve("pipe"));
    Path link = Files.createSymbolicLink(priv.resolve("b".repeat(64) + ".key"), elsewhere);
    Path message = Files.writeString(tmp.resolve("message.txt"), "to be signed\n");

    KeysCli.Result list = keys.run("list");
    assertEquals(0, list.exit(), list.toString());
    assertEquals(2, list.out().lines().filter(l -> l.contains("(unreadable)")).count(), list.out());
    assertTrue(
        list.err().contains(fifo + ": is a FIFO (named pipe), not a regular file"), list.err());
    assertTrue(
        list.err().contains(link + ": is a FIFO (named pipe), not a regular file"), list.err());
    KeysCli.Result json = keys.run("list", "--json");
    assertEquals(0, json.exit(), json.toString());
    assertTrue(
        json.out().contains("\"reason\": \"is a FIFO (named pipe), not a regular file\""),
        json.out());

    for (List<String> cmd :
        List.of(
            List.of("generate", "--role", "targets/releases"),
            List.of("export", "--public", targets),
            List.of("sign", "-k", targets, message.toString()),
            List.of("backup", "-o", tmp.resolve("keys.tar.gz").toString()))) {
      KeysCli.Result r = keys.run(cmd.toArray(new String[0]));
      assertEquals(0, r.exit(), cmd + ": " + r);
      assertFalse(r.err().contains("Exception"), r.toString());
    }
    KeysCli.Result doctor = keys.run("doctor");
    assertTrue(doctor.out().contains("FIFO"), doctor.toString());
    assertFalse(doctor.out().contains("Exception"), doctor.toString());

    // the writers' lock file: opening a FIFO to write waits for a reader
    Path lock = dir.resolve(".keys.lock");
    Files.delete(lock);
    fifos.make(lock);
    KeysCli.Result locked = keys.run("generate", "--role", "targets/other");
    assertOneLineError(locked, 1, "generate with a FIFO as the lock file");
    assertTrue(locked.err().contains(lock + " is not a regular file"), locked.toString());
  }

  /**
   * A FIFO as cached metadata (a role file, a kept root version): an error naming the file, never a
   * hang.
   */
  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void fifoAsCachedMetadata_isAnErrorNamingTheFile_notAHang() throws Exception {
    Path md = dir.resolve("tuf/example.com/app/metadata");
    Files.createDirectories(md);
    Path root = fifos.make(md.resolve("root.json"));
    Map<String, String> before = snapshot();
    KeysCli.Result status = keys.run("status", "example.com/app");
    assertOneLineError(status, 1, "status with a FIFO root.json");
    assertTrue(
        status.err().contains(root + ": is a FIFO (named pipe), not a regular file"),
        status.toString());
    KeysCli.Result doctor = keys.run("doctor");
    assertTrue(
        doctor.out().contains(root.toString()) && doctor.out().contains("FIFO"), doctor.toString());
    KeysCli.Result backup =
        keys.run("backup", "--with-metadata", "-o", tmp.resolve("m.tar.gz").toString());
    assertEquals(0, backup.exit(), backup.toString());
    assertTrue(
        backup.err().contains("left out tuf/example.com/app/metadata/root.json"),
        backup.toString());
    assertEquals(0, keys.run("list").exit());
    assertEquals(before, snapshot());

    Files.delete(root);
    Files.createDirectories(dir.resolve("tuf/example.com/app/root-history"));
    Path kept = fifos.make(dir.resolve("tuf/example.com/app/root-history/1.root.json"));
    KeysCli.Result history = keys.run("status", "example.com/app");
    assertTrue(history.exit() == 1 || history.exit() == 4, history.toString());
    assertOneLineError(history, history.exit(), "status with a FIFO kept root version");
  }

  /**
   * A FIFO, a directory or a device named where a file is read: refused at once (exit 2), nothing
   * written.
   */
  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void specialFileNamedAsInput_isRefusedAtOnce() throws Exception {
    Path fifo = fifos.make(tmp.resolve("input"));
    Map<String, String> before = snapshot();
    for (Path input : List.of(fifo, tmp, Path.of("/dev/zero"))) {
      String kind =
          input.equals(tmp)
              ? "is a directory"
              : input.equals(fifo) ? "is a FIFO" : "is a character device";
      for (List<String> cmd :
          List.of(
              List.of("--passphrase-file", input.toString(), "generate", "--role", "targets/x"),
              List.of("import", input.toString()),
              List.of("sign", "-k", targets, input.toString()),
              List.of("ceremony", "status", input.toString()),
              List.of("restore", input.toString()),
              List.of("backup", "--verify", input.toString()))) {
        KeysCli.Result r = keys.run(cmd.toArray(new String[0]));
        assertOneLineError(r, 2, cmd.toString());
        assertTrue(r.err().contains(input + ": " + kind), cmd + ": " + r);
      }
    }
    assertEquals(before, snapshot());
  }

  /**
   * An 800,000-digit number in cached metadata or a signing request cost 11-60 s of CPU, and the
   * message echoed all the digits. Now the reader stops at 64 characters and the one line names the
   * file.
   */
  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void hugeNumbers_areRefusedAtTheReadersLimit_andNotEchoed() throws Exception {
    String digits = "9".repeat(800_000);
    Path root = dir.resolve("tuf/example.com/app/metadata/root.json");
    Files.createDirectories(root.getParent());
    Files.writeString(
        root, "{\"signed\":{\"_type\":\"Root\",\"version\":" + digits + "},\"signatures\":[]}");
    KeysCli.Result status = keys.run("status", "example.com/app");
    assertOneLineError(status, status.exit(), "status with a huge version");
    assertTrue(status.exit() == 1 || status.exit() == 7, status.toString());
    assertTrue(status.err().contains(root.toString()), status.toString());
    assertTrue(status.err().contains("longer than 64 characters"), status.toString());
    assertTrue(status.err().length() < 500, status.toString());

    Path request =
        Files.writeString(
            tmp.resolve("request.json"),
            "{\"format\":\"keys-root-signing-request/1\",\"signed\":{\"version\":" + digits + "}}");
    for (String sub : List.of("status", "verify")) {
      KeysCli.Result r = keys.run("ceremony", sub, request.toString());
      assertOneLineError(r, r.exit(), "ceremony " + sub + " of a huge version");
      assertTrue(r.exit() == 1 || r.exit() == 7, r.toString());
      assertTrue(r.err().contains(request.toString()), r.toString());
      assertTrue(r.err().length() < 500, r.toString());
    }
  }

  /** Errors about files in people's words: what is wrong, which file, no exception names. */
  @Test
  void fileErrors_sayWhatIsWrong_andNameTheFile() throws Exception {
    KeysCli.Result missing = keys.run("import", "nosuch.pem");
    assertOneLineError(missing, 4, "import of a missing file");
    assertEquals("keys: cannot read nosuch.pem: no such file\n", missing.err());

    Path request = Files.writeString(tmp.resolve("broken-request.json"), "{\"format\": [1,");
    KeysCli.Result malformed = keys.run("ceremony", "status", request.toString());
    assertOneLineError(malformed, malformed.exit(), "malformed request");
    assertTrue(
        malformed.err().contains(request.toString()) && malformed.err().contains("malformed JSON"),
        malformed.toString());

    Path text = Files.writeString(tmp.resolve("notes.txt"), "hello you");
    for (List<String> cmd :
        List.of(
            List.of("restore", text.toString()), List.of("backup", "--verify", text.toString()))) {
      KeysCli.Result r = keys.run(cmd.toArray(new String[0]));
      assertOneLineError(r, 7, cmd.toString());
      assertTrue(r.err().contains("not a keys backup"), r.toString());
      assertFalse(r.err().contains("truncated"), r.toString());
    }
    KeysCli.Result passphraseFile =
        keys.run("--passphrase-file", "nosuch-pass", "generate", "--role", "targets/x");
    assertOneLineError(passphraseFile, passphraseFile.exit(), "missing passphrase file");
    assertTrue(
        passphraseFile.err().contains("cannot read nosuch-pass: no such file"),
        passphraseFile.toString());
  }

  private static void assertOneLineError(KeysCli.Result r, int exit, String what) {
    assertEquals(exit, r.exit(), what + ": " + r);
    assertEquals(1, r.err().lines().count(), what + ": one line: " + r);
    assertTrue(r.err().startsWith("keys: "), what + ": " + r);
    assertFalse(
        r.err().contains("internal error") || r.err().contains("Exception"), what + ": " + r);
  }

  private byte[] damaged(Damage d, byte[] good) throws Exception {
    Random rnd = new Random(d.ordinal());
    return switch (d) {
      case RANDOM_BYTES -> {
        byte[] b = new byte[good.length];
        rnd.nextBytes(b);
        yield b;
      }
      case TRUNCATED -> java.util.Arrays.copyOf(good, good.length / 2);
      case EMPTY -> new byte[0];
      case FOREIGN_PEM ->
          pem(
                  "CERTIFICATE",
                  "role: targets\ngun: example.com/app\n",
                  new byte[] {0x30, 0x03, 2, 1, 1})
              .getBytes(StandardCharsets.US_ASCII);
      case UNSUPPORTED_ENCRYPTION -> {
        // right passphrase, but AES-128 with PBKDF2-HMAC-SHA256: not Notary's dialect
        JceOpenSSLPKCS8EncryptorBuilder b =
            new JceOpenSSLPKCS8EncryptorBuilder(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_aes128_CBC);
        b.setPassword("targets-passphrase".toCharArray());
        b.setIterationCount(2048);
        b.setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        b.setPRF(
            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_hmacWithSHA256,
                org.bouncycastle.asn1.DERNull.INSTANCE));
        PemObject po = new JcaPKCS8Generator(ecKey(), b.build()).generate();
        yield pem("ENCRYPTED PRIVATE KEY", "role: targets\ngun: example.com/app\n", po.getContent())
            .getBytes(StandardCharsets.US_ASCII);
      }
      case BROKEN_BASE64 ->
          new String(good, StandardCharsets.US_ASCII)
              .replaceFirst("\n\n(.)", "\n\n!!$1")
              .getBytes(StandardCharsets.US_ASCII);
    };
  }

  private static PrivateKey ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair().getPrivate();
  }

  private static String pem(String type, String headers, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + headers
        + (headers.isEmpty() ? "" : "\n")
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** Every file and directory of the trust directory, with the SHA-256 of each file. */
  private Map<String, String> snapshot() throws Exception {
    Map<String, String> out = new TreeMap<>();
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        // FIFOs and links are recorded, never opened (opening a FIFO waits for a writer)
        out.put(
            dir.relativize(p).toString(),
            Files.isSymbolicLink(p)
                ? "link to " + Files.readSymbolicLink(p)
                : Files.isDirectory(p)
                    ? "dir"
                    : !Files.isRegularFile(p)
                        ? "special"
                        : HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
