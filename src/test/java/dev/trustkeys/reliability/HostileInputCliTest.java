package dev.trustkeys.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile and broken input through the CLI: damaged and foreign files in {@code private/}, malformed metadata, wrong
 * and empty passphrases, PEM with extra blocks and odd headers. Each is one clear {@code keys:} line (no stack
 * trace, no "internal error") with the documented exit code, and changes no byte of the trust directory.
 */
class HostileInputCliTest {
  private static final Map<String, String> ENV = Map.of(
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
  enum Damage { RANDOM_BYTES, TRUNCATED, EMPTY, FOREIGN_PEM, UNSUPPORTED_ENCRYPTION, BROKEN_BASE64 }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void damagedKeyFile_isOneClearError_forEveryCommandThatNeedsIt_andChangesNothing(Damage damage) throws Exception {
    byte[] good = Files.readAllBytes(keyFile);
    Files.write(keyFile, damaged(damage, good));
    Map<String, String> before = snapshot();
    // A well-formed file in another encryption dialect is still listed (listing never decrypts) and exported as
    // stored; only what decrypts it fails.
    boolean listed = damage == Damage.UNSUPPORTED_ENCRYPTION;
    List<List<String>> commands = new java.util.ArrayList<>(List.of(
        List.of("export", "--public", targets),
        List.of("passwd", targets, "--new-passphrase-file", tmp.resolve("newpass").toString()),
        List.of("sign", "-k", targets, tmp.resolve("newpass").toString())));
    if (!listed) {
      commands.add(List.of("export", targets.substring(0, 12), "-o", tmp.resolve("out.pem").toString()));
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
    assertEquals(listed ? 0 : 1, list.out().lines().filter(l -> l.contains("(unreadable)")).count(), list.out());
    assertEquals(listed ? 3 : 2, list.out().lines()
        .filter(l -> !l.contains("(unreadable)") && l.matches(".*\\b[0-9a-f]{64}\\b.*")).count(), list.out());
  }

  @Test
  void foreignFilesInPrivate_areListedAsUnreadable_andWritersLeaveThemAlone() throws Exception {
    Path priv = dir.resolve("private");
    Files.writeString(priv.resolve("README.txt"), "my notes\n");
    Files.createDirectories(priv.resolve("old-keys"));
    Files.writeString(priv.resolve("old-keys").resolve("x.pem"), "not a key");
    Files.writeString(priv.resolve("0".repeat(64) + ".key"), "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
        + "-----END EC PARAMETERS-----\n");
    Map<String, String> foreign = snapshot();
    KeysCli.Result list = keys.run("list");
    assertEquals(0, list.exit(), list.toString());
    assertEquals(3, list.out().lines().filter(l -> l.contains("(unreadable)")).count(), list.out());
    KeysCli.Result gen = keys.run("generate", "--role", "targets/releases");
    assertEquals(0, gen.exit(), gen.toString());
    KeysCli.Result rm = keys.run("remove", "--yes", targets);
    assertEquals(0, rm.exit(), rm.toString());
    Map<String, String> after = snapshot();
    foreign.forEach((path, hash) -> {
      if (!path.contains(targets)) {
        assertEquals(hash, after.get(path), path + " was touched");
      }
    });
  }

  @Test
  void malformedCachedMetadata_isOneErrorNamingTheFile_andIsNotOverwritten() throws Exception {
    Path root = dir.resolve("tuf/example.com/app/metadata/root.json");
    Files.createDirectories(root.getParent());
    for (String broken : List.of("{\"signed\": [1,", "", "[]", "{\"signed\":{\"_type\":\"Root\"},\"signatures\":7}",
        "\u0000\u00ff garbage", "{\"signed\":{\"_type\":\"Root\",\"keys\":{},\"roles\":{}},\"signatures\":[]}")) {
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
    KeysCli.Result r = new KeysCli(dir, wrong).run("passwd", targets, "--new-passphrase-file",
        tmp.resolve("newpass").toString());
    assertOneLineError(r, 3, "wrong passphrase");
    assertTrue(r.err().contains(targets.substring(0, 7)), r.toString());
    wrong.put("NOTARY_TARGETS_PASSPHRASE", "");
    r = new KeysCli(dir, wrong).run("passwd", targets, "--new-passphrase-file", tmp.resolve("newpass").toString());
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
    Files.writeString(f, "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
        + pem("PRIVATE KEY", "", k.getEncoded()));
    KeysCli.Result r = keys.run("import", f.toString());
    assertEquals(0, r.exit(), r.toString());
    assertEquals(1, r.out().lines().filter(l -> l.startsWith("Imported")).count(), r.out());
    assertEquals(4, keys.run("list").out().lines().filter(l -> l.matches(".*\\b[0-9a-f]{64}\\b.*")).count());
  }

  @Test
  void importWithBogusPathHeaders_neverWritesOutsidePrivate_norUnderAnotherKeysName() throws Exception {
    Path other = tmp.resolve("other");
    KeysCli there = new KeysCli(other, ENV);
    KeysCli.Result exported = keys.run("export", targets, "-o", tmp.resolve("t.pem").toString());
    assertEquals(0, exported.exit(), exported.toString());
    String pem = Files.readString(tmp.resolve("t.pem"));
    assertTrue(pem.contains("path: " + targets), pem);

    // path: naming another key (Notary trusts it): refused, nothing written
    String rootId = keys.run("list").out().lines().filter(l -> l.startsWith("root")).findFirst().orElseThrow()
        .split("\\s+")[1];
    Files.writeString(tmp.resolve("lying.pem"), pem.replace("path: " + targets, "path: " + rootId));
    KeysCli.Result r = there.run("import", tmp.resolve("lying.pem").toString());
    assertOneLineError(r, 7, "path: of another key");
    assertFalse(Files.exists(other.resolve("private").resolve(rootId + ".key")));

    // path: that climbs out of the directory, or names no key: imported under its real ID, inside private/
    for (String bogus : List.of("../../../../" + tmp.getFileName() + "/escaped", "/etc/passwd", "tuf_keys/x/y/z",
        "", "path-without-an-id")) {
      Path f = tmp.resolve("bogus.pem");
      Files.writeString(f, pem.replace("path: " + targets, "path: " + bogus));
      KeysCli.Result ok = there.run("import", f.toString());
      assertEquals(0, ok.exit(), bogus + ": " + ok);
      assertTrue(Files.exists(other.resolve("private").resolve(targets + ".key")), bogus);
    }
    try (Stream<Path> s = Files.walk(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().equals("escaped")), "nothing escaped private/");
    }
    KeysCli.Result pub = there.run("export", "--public", targets);
    assertEquals(0, pub.exit(), pub.toString());
  }

  private static void assertOneLineError(KeysCli.Result r, int exit, String what) {
    assertEquals(exit, r.exit(), what + ": " + r);
    assertEquals(1, r.err().lines().count(), what + ": one line: " + r);
    assertTrue(r.err().startsWith("keys: "), what + ": " + r);
    assertFalse(r.err().contains("internal error") || r.err().contains("Exception"), what + ": " + r);
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
      case FOREIGN_PEM -> pem("CERTIFICATE", "role: targets\ngun: example.com/app\n", new byte[] {0x30, 0x03, 2, 1, 1})
          .getBytes(StandardCharsets.US_ASCII);
      case UNSUPPORTED_ENCRYPTION -> {
        // right passphrase, but AES-128 with PBKDF2-HMAC-SHA256: not Notary's dialect
        JceOpenSSLPKCS8EncryptorBuilder b = new JceOpenSSLPKCS8EncryptorBuilder(
            org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_aes128_CBC);
        b.setPassword("targets-passphrase".toCharArray());
        b.setIterationCount(2048);
        b.setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        b.setPRF(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
            org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_hmacWithSHA256, org.bouncycastle.asn1.DERNull.INSTANCE));
        PemObject po = new JcaPKCS8Generator(ecKey(), b.build()).generate();
        yield pem("ENCRYPTED PRIVATE KEY", "role: targets\ngun: example.com/app\n", po.getContent())
            .getBytes(StandardCharsets.US_ASCII);
      }
      case BROKEN_BASE64 -> new String(good, StandardCharsets.US_ASCII).replaceFirst("\n\n(.)", "\n\n!!$1")
          .getBytes(StandardCharsets.US_ASCII);
    };
  }

  private static PrivateKey ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair().getPrivate();
  }

  private static String pem(String type, String headers, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + headers + (headers.isEmpty() ? "" : "\n")
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  /** Every file and directory of the trust directory, with the SHA-256 of each file. */
  private Map<String, String> snapshot() throws Exception {
    Map<String, String> out = new TreeMap<>();
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        out.put(dir.relativize(p).toString(), Files.isDirectory(p) ? "dir"
            : HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }
}
