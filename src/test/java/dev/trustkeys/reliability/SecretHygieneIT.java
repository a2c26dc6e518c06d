package dev.trustkeys.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.KeysRunner.Result;
import dev.trustkeys.testing.NotaryServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No plaintext key material on disk, no passphrase in argv or output, 0600/0700 under umask 000:
 * checked on the packaged jar, with every temporary directory of the child processes inside the
 * test's own directory so that it can be scanned.
 */
class SecretHygieneIT {
  private static final Pattern ID = Pattern.compile("\\b[0-9a-f]{64}\\b");
  private static final String PASS = "delegation-passphrase-7f3a";
  private static final String NEW_PASS = "changed-passphrase-91c2";
  @TempDir Path tmp;

  private KeysRunner keys(Path javaTmp) {
    return new KeysRunner()
        .fastKdf()
        .jvm("-Djava.io.tmpdir=" + javaTmp)
        .env("TMPDIR", javaTmp.toString())
        .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase-aa11")
        .env("NOTARY_TARGETS_PASSPHRASE", "targets-passphrase-bb22")
        .env("NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-passphrase-cc33")
        .env("NOTARY_DELEGATION_PASSPHRASE", PASS);
  }

  @Test
  void aKnownImportedKey_neverAppearsInPlaintext_anywhereOnDisk_afterEveryCommand()
      throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path javaTmp = Files.createDirectories(work.resolve("tmp"));
    Path dir = work.resolve("trust");
    Path input = Files.createDirectories(tmp.resolve("input"));
    Map<String, byte[]> needles = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    KeysRunner k = keys(javaTmp);
    int n = 0;
    for (String alg : List.of("EC", "Ed25519")) {
      KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
      if (alg.equals("EC")) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      }
      KeyPair kp = g.generateKeyPair();
      byte[] pkcs8 = kp.getPrivate().getEncoded();
      byte[] raw =
          alg.equals("EC")
              ? unsigned32(((ECPrivateKey) kp.getPrivate()).getS())
              : Arrays.copyOfRange(
                  pkcs8, pkcs8.length - 32, pkcs8.length); // the seed ends RFC 8410 PKCS#8
      addForms(needles, alg + " scalar/seed", raw);
      addForms(needles, alg + " PKCS#8", pkcs8);
      Path pem = input.resolve("key" + n++ + ".pem");
      Files.writeString(
          pem,
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pkcs8)
              + "\n-----END PRIVATE KEY-----\n");
      Result imported = k.keys("-d", dir.toString(), "import", pem.toString()).ok();
      Matcher m = ID.matcher(imported.out());
      assertTrue(m.find(), imported.out());
      ids.add(m.group());
    }
    Path out = Files.createDirectories(work.resolve("out"));
    Files.writeString(out.resolve("newpass"), NEW_PASS + "\n");
    Files.writeString(out.resolve("payload"), "sign me");
    for (String id : ids) {
      k.keys("-d", dir.toString(), "export", id, "-o", out.resolve(id + ".pem").toString()).ok();
      k.keys("-d", dir.toString(), "export", "--public", id).ok();
      k.keys(
              "-d",
              dir.toString(),
              "sign",
              "-k",
              id,
              out.resolve("payload").toString(),
              "-o",
              out.resolve(id + ".sig").toString())
          .ok();
      k.keys(
              "-d",
              dir.toString(),
              "passwd",
              id,
              "--new-passphrase-file",
              out.resolve("newpass").toString())
          .ok();
    }
    k.keys("-d", dir.toString(), "backup", "-o", out.resolve("b.tar.gz").toString()).ok();
    k.keys("-d", dir.toString(), "backup", "--verify", out.resolve("b.tar.gz").toString()).ok();
    k.keys("-d", work.resolve("restored").toString(), "restore", out.resolve("b.tar.gz").toString())
        .ok();
    k.keys(
            "-d",
            work.resolve("reimported").toString(),
            "import",
            out.resolve(ids.get(0) + ".pem").toString())
        .ok();

    List<String> found = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> s = Files.walk(work)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        scanned++;
        byte[] content = Files.readAllBytes(p);
        List<byte[]> views = new ArrayList<>(List.of(content));
        if (p.toString().endsWith(".gz")) {
          try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            views.add(in.readAllBytes());
          }
        }
        for (byte[] v : views) {
          needles.forEach(
              (what, needle) -> {
                if (indexOf(v, needle) >= 0) {
                  found.add(what + " in " + p);
                }
              });
        }
      }
    }
    assertTrue(scanned >= 10, "scanned " + scanned + " files");
    // the scan would see a plaintext key: every plaintext input matches a base64 needle of its key
    for (int i = 0; i < ids.size(); i++) {
      byte[] plain = Files.readAllBytes(input.resolve("key" + i + ".pem"));
      assertTrue(
          needles.entrySet().stream()
              .anyMatch(e -> e.getKey().contains("base64") && indexOf(plain, e.getValue()) >= 0));
    }
    assertEquals(List.of(), found);
  }

  @Test
  void passphrases_areNeverInArgv_norInOutput_evenWithVerboseFailures() throws Exception {
    Path javaTmp = Files.createDirectories(tmp.resolve("tmp"));
    Path dir = tmp.resolve("trust");
    KeysRunner k = keys(javaTmp);
    Result gen = k.keys("-d", dir.toString(), "--verbose", "generate", "--role", "targets/x").ok();
    Matcher m = ID.matcher(gen.out());
    assertTrue(m.find());
    String id = m.group();
    Path pf = Files.writeString(tmp.resolve("newpass"), NEW_PASS + "\n");

    // a slow passwd (the real KDF): read its argv from /proc while it runs
    KeysRunner slow =
        new KeysRunner()
            .jvm("-Djava.io.tmpdir=" + javaTmp)
            .env("NOTARY_DELEGATION_PASSPHRASE", PASS);
    Process p =
        slow.start(
            slow.keysCommand(
                "-d",
                dir.toString(),
                "--verbose",
                "passwd",
                id,
                "--new-passphrase-file",
                pf.toString()));
    String cmdline = "";
    while (p.isAlive()) {
      try {
        cmdline =
            new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    StandardCharsets.UTF_8)
                .replace('\0', ' ');
        if (cmdline.contains("passwd")) {
          break;
        }
      } catch (java.io.IOException gone) {
        break;
      }
    }
    assertTrue(
        cmdline.contains("passwd"), "read the command line of the running process: " + cmdline);
    String output =
        new String(p.getInputStream().readAllBytes())
            + new String(p.getErrorStream().readAllBytes());
    assertEquals(0, p.waitFor(), output);
    for (String secret : List.of(PASS, NEW_PASS)) {
      assertFalse(cmdline.contains(secret), "argv: " + cmdline);
      assertFalse(output.contains(secret), output);
    }

    // failures with --verbose (stack traces): wrong, empty and too short passphrases
    List<Result> failures =
        List.of(
            k.env("NOTARY_DELEGATION_PASSPHRASE", "wrong-passphrase-x1")
                .keys("-d", dir.toString(), "--verbose", "export", "--public", id),
            k.env("NOTARY_DELEGATION_PASSPHRASE", NEW_PASS)
                .keys(
                    "-d",
                    dir.toString(),
                    "--verbose",
                    "passwd",
                    id,
                    "--new-passphrase-file",
                    Files.writeString(tmp.resolve("short"), "tiny7!x\n").toString()),
            k.env("NOTARY_DELEGATION_PASSPHRASE", "wrong-passphrase-x1")
                .keys("-d", dir.toString(), "--verbose", "sign", "-k", id, pf.toString()));
    for (Result r : failures) {
      assertTrue(r.exitCode() != 0, r.toString());
      for (String secret : List.of(PASS, NEW_PASS, "wrong-passphrase-x1", "tiny7!x")) {
        assertFalse((r.out() + r.err()).contains(secret), secret + " leaked: " + r);
      }
    }
    assertTrue(
        failures.get(0).err().contains("\tat "),
        "--verbose shows the stack trace: " + failures.get(0));
  }

  @Test
  void everyWritingCommand_underUmask000_writesFiles0600_andDirectories0700() throws Exception {
    Path javaTmp = Files.createDirectories(tmp.resolve("tmp"));
    Path work = Files.createDirectories(tmp.resolve("w"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
    Path dir = work.resolve("trust");
    Path out = Files.createDirectories(work.resolve("out"));
    KeysRunner k = keys(javaTmp).umask("000");
    try (NotaryServerProcess server = NotaryServerProcess.start(tmp)) {
      Result init =
          k.keys("-d", dir.toString(), "init", "example.com/app", "--server", server.url()).ok();
      Matcher m = ID.matcher(init.out());
      assertTrue(m.find());
      String root = m.group();
      Path pem = tmp.resolve("plain.pem");
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      Files.writeString(
          pem,
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(g.generateKeyPair().getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n");
      Files.writeString(tmp.resolve("newpass"), NEW_PASS + "\n");
      k.keys("-d", dir.toString(), "generate", "--role", "targets/a").ok();
      k.keys("-d", dir.toString(), "import", pem.toString()).ok();
      k.keys(
              "-d",
              dir.toString(),
              "passwd",
              root,
              "--new-passphrase-file",
              tmp.resolve("newpass").toString())
          .ok();
      k.env("NOTARY_ROOT_PASSPHRASE", NEW_PASS);
      k.keys("-d", dir.toString(), "rotate", "example.com/app", "targets", "--server", server.url())
          .ok();
      k.keys("-d", dir.toString(), "export", root, "-o", out.resolve("root.pem").toString()).ok();
      k.keys(
              "-d",
              dir.toString(),
              "sign",
              "-k",
              root,
              pem.toString(),
              "-o",
              out.resolve("sig").toString())
          .ok();
      k.keys(
              "-d",
              dir.toString(),
              "backup",
              "--with-metadata",
              "-o",
              out.resolve("b.tar.gz").toString())
          .ok();
      k.keys(
              "-d",
              work.resolve("restored").toString(),
              "restore",
              out.resolve("b.tar.gz").toString())
          .ok();
      k.keys("-d", dir.toString(), "remove", "--yes", root).ok();
    }
    List<String> wrong = new ArrayList<>();
    int files = 0;
    try (Stream<Path> s = Files.walk(work)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (p.equals(work) || p.equals(out) || p.getFileName().toString().equals("sig")) {
          continue; // made by the test / a signature is public
        }
        String mode =
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        files += isDir ? 0 : 1;
        if (!mode.equals(isDir ? "rwx------" : "rw-------")) {
          wrong.add(mode + " " + work.relativize(p));
        }
      }
    }
    assertTrue(files >= 15, files + " files");
    assertEquals(List.of(), wrong);
  }

  private static void addForms(Map<String, byte[]> needles, String what, byte[] raw) {
    needles.put(what + " (raw)", raw);
    needles.put(what + " (hex)", HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII));
    needles.put(
        what + " (HEX)",
        HexFormat.of().withUpperCase().formatHex(raw).getBytes(StandardCharsets.US_ASCII));
    String b64 = Base64.getEncoder().encodeToString(raw);
    // a 24-character stretch of the base64 survives line wrapping at 64 only if taken from the
    // start
    needles.put(
        what + " (base64)",
        b64.substring(0, Math.min(24, b64.length())).getBytes(StandardCharsets.US_ASCII));
    needles.put(
        what + " (base64url)",
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(raw)
            .substring(0, Math.min(24, b64.length()))
            .getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] unsigned32(BigInteger s) {
    byte[] b = s.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(32, b.length);
    System.arraycopy(b, b.length - len, out, 32 - len, len);
    return out;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static String readAll(InputStream in) throws java.io.IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    in.transferTo(b);
    return b.toString(StandardCharsets.UTF_8);
  }
}
