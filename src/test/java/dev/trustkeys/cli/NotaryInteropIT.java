package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.Fixtures;
import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.KeysRunner.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interchangeability with the real {@code notary} client (Debian's package), both ways. */
class NotaryInteropIT {
  private static final Pattern ROW =
      Pattern.compile("^(\\S+)\\s+(?:(\\S+)\\s+)?([0-9a-f]{64})\\s+(\\S+)\\s*$");
  @TempDir Path tmp;

  private static KeysRunner env(KeysRunner r, String pass) {
    return r.env("NOTARY_ROOT_PASSPHRASE", pass)
        .env("NOTARY_TARGETS_PASSPHRASE", pass)
        .env("NOTARY_SNAPSHOT_PASSPHRASE", pass)
        .env("NOTARY_DELEGATION_PASSPHRASE", pass);
  }

  private static KeysRunner keys(String pass) {
    return env(new KeysRunner(), pass);
  }

  private static Result notary(String pass, String... args) {
    List<String> cmd = new ArrayList<>(List.of("notary"));
    cmd.addAll(List.of(args));
    return env(new KeysRunner(), pass).command(cmd.toArray(new String[0]));
  }

  /**
   * ID → "role gun" from `notary key list` (GUNs it truncated to "...suffix" are kept as printed).
   */
  private static Map<String, String> notaryList(Path dir) {
    Result r = notary("", "-d", dir.toString(), "key", "list").ok();
    Map<String, String> m = new TreeMap<>();
    for (String line : r.out().split("\n")) {
      Matcher x = ROW.matcher(line);
      if (x.matches()) {
        m.put(x.group(3), x.group(1) + " " + (x.group(2) == null ? "" : x.group(2)));
      }
    }
    return m;
  }

  /** ID → "role gun" from `keys list --json`, with GUNs truncated as Notary prints them. */
  private static Map<String, String> keysList(Path dir) {
    Result r = new KeysRunner().keys("-d", dir.toString(), "list", "--json").ok();
    Map<String, String> m = new TreeMap<>();
    Matcher x =
        Pattern.compile(
                "\"id\": \"([0-9a-f]{64})\",\\s*\"role\": \"([^\"]+)\",\\s*\"gun\": \"([^\"]*)\"")
            .matcher(r.out());
    while (x.find()) {
      String gun =
          x.group(3).length() > 25
              ? "..." + x.group(3).substring(x.group(3).length() - 22)
              : x.group(3);
      m.put(x.group(1), x.group(2) + " " + gun);
    }
    return m;
  }

  @Test
  void notaryFixtures_listTheSameInBothTools_andEveryKeyDecrypts() {
    for (String name : List.of("notary0.1", "notary0.3")) {
      Path forKeys = Fixtures.copy(name, tmp.resolve("k"));
      Path forNotary = Fixtures.copy(name, tmp.resolve("n"));
      Map<String, String> expected = notaryList(forNotary);
      assertEquals(name.equals("notary0.1") ? 3 : 4, expected.size(), expected.toString());
      assertEquals(expected, keysList(forKeys), name);
      for (String id : expected.keySet()) {
        keys(Fixtures.passphrase(name))
            .keys("-d", forKeys.toString(), "export", "--public", id)
            .ok();
      }
    }
  }

  @Test
  void keysMadeByNotary_areListedWithTheSameIds_andDecrypt() {
    Path dir = tmp.resolve("t");
    notary("notary-pass", "-d", dir.toString(), "key", "generate", "--role", "root").ok();
    notary("notary-pass", "-d", dir.toString(), "key", "generate", "--role", "targets/releases")
        .ok();
    Map<String, String> expected = notaryList(dir);
    assertEquals(2, expected.size());
    assertEquals(expected, keysList(dir));
    for (String id : expected.keySet()) {
      keys("notary-pass").keys("-d", dir.toString(), "export", "--public", id).ok();
      keys("wrong-passphrase").keys("-d", dir.toString(), "export", "--public", id).expect(3);
    }
  }

  @Test
  void keysMadeByKeys_areListedByNotary_andNotaryDecryptsThem() {
    Path dir = tmp.resolve("t");
    KeysRunner k = keys("keys-passphrase");
    k.keys("-d", dir.toString(), "init", "example.com/org/a-rather-long-repository-name").ok();
    for (String alg : List.of("ecdsa", "rsa2048", "ed25519")) {
      k.keys("-d", dir.toString(), "generate", "--role", "targets/" + alg, "--algorithm", alg).ok();
    }
    Map<String, String> listed = notaryList(dir);
    assertEquals(6, listed.size());
    assertEquals(keysList(dir), listed);
    for (String id : listed.keySet()) {
      Result r = notary("keys-passphrase", "-d", dir.toString(), "key", "passwd", id).ok();
      assertTrue(r.out().contains("Successfully updated passphrase"), r.out() + r.err());
    }
    // And after Notary rewrote them (2048 iterations), keys still reads them.
    for (String id : listed.keySet()) {
      k.keys("-d", dir.toString(), "export", "--public", id).ok();
    }
  }

  @Test
  void keysExport_importsWithNotaryKeyImport() throws Exception {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    KeysRunner k = keys("keys-passphrase");
    k.keys("-d", a.toString(), "init", "example.com/app").ok();
    Map<String, String> made = keysList(a);
    Path export = tmp.resolve("export.pem");
    List<String> args =
        new ArrayList<>(List.of("-d", a.toString(), "export", "-o", export.toString()));
    args.addAll(made.keySet());
    k.keys(args.toArray(new String[0])).ok();
    notary("keys-passphrase", "-d", b.toString(), "key", "import", export.toString()).ok();
    assertEquals(made, notaryList(b));
  }

  @Test
  void notaryExportsAndGenerateOutputFiles_importWithKeys() throws Exception {
    Path n = tmp.resolve("n");
    notary("notary-pass", "-d", n.toString(), "key", "generate", "--role", "root").ok();
    String rootId = notaryList(n).keySet().iterator().next();
    Path exported = tmp.resolve("root-export.pem");
    notary(
            "notary-pass",
            "-d",
            n.toString(),
            "key",
            "export",
            "--key",
            rootId,
            "-o",
            exported.toString())
        .ok();
    Path k = tmp.resolve("k");
    keys("notary-pass").keys("-d", k.toString(), "import", exported.toString()).ok();
    assertEquals(notaryList(n), keysList(k));

    // `notary key generate -o` writes an encrypted -key.pem without a path header: keys decrypts it
    // once to learn the ID (Notary's own import refuses it).
    notary(
            "notary-pass",
            "-d",
            n.toString(),
            "key",
            "generate",
            "--role",
            "targets/ci",
            "-o",
            tmp.resolve("ci").toString())
        .ok();
    Path keyPem = tmp.resolve("ci-key.pem");
    assertTrue(Files.exists(keyPem));
    assertFalse(Files.readString(keyPem).contains("path:"));
    Result imp = keys("notary-pass").keys("-d", k.toString(), "import", keyPem.toString()).ok();
    assertTrue(imp.out().contains("Imported: targets/ci key"), imp.out());
    assertEquals(2, keysList(k).size());
    assertEquals(keysList(k), notaryList(k));
  }
}
