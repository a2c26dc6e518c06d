package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.backend.pkcs11.ModuleLocator;
import dev.trustkeys.backend.pkcs11.Pkcs11Backend;
import dev.trustkeys.backend.pkcs11.Pkcs11Module;
import dev.trustkeys.backend.pkcs11.Pkcs11Uri;
import dev.trustkeys.backend.pkcs11.SoftHsmToken;
import dev.trustkeys.backend.pkcs11.TokenRecords;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.io.AtomicWrite;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.Terminal;
import dev.trustkeys.tuf1.PublicKeyFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token commands end to end, in process: keys tokens, generate --pkcs11, list, sign, remove.
 */
class Pkcs11CliIT {
  @TempDir static Path dir;
  private static SoftHsmToken token;
  private static Path module;

  @BeforeAll
  static void token() throws Exception {
    token = SoftHsmToken.create(dir, "cli-token");
    module = SoftHsmToken.module();
  }

  private record Run(int code, String out, String err) {}

  private static Run keys(Map<String, String> env, String... args) {
    return keysIn(dir.resolve("trust"), env, args);
  }

  private static Run keysIn(Path trust, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--trust-dir";
    all[1] = trust.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code =
        Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), env, noTerminal());
    return new Run(code, out.toString(), err.toString());
  }

  private static Map<String, String> tokenEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("KEYS_PKCS11_MODULE", module.toString());
    env.put("KEYS_PKCS11_PIN", SoftHsmToken.USER_PIN);
    return env;
  }

  private static Terminal noTerminal() {
    return dev.trustkeys.core.secret.Terminal.none();
  }

  private static String generated(Run r) {
    Matcher m = Pattern.compile("keyID: ([0-9a-f]{64})").matcher(r.out());
    assertTrue(m.find(), r.out() + r.err());
    return m.group(1);
  }

  @Test
  void tokens_json_listsTheTokenWithSerialAndFlags() {
    Run r = keys(tokenEnv(), "tokens", "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\"module\": \"" + module + "\""), r.out());
    assertTrue(r.out().contains("\"label\": \"cli-token\""), r.out());
    assertTrue(r.out().contains("\"CKF_TOKEN_INITIALIZED\""), r.out());
    assertTrue(r.out().contains("\"uri\": \"pkcs11:"), r.out());
    Run table = keys(tokenEnv(), "tokens");
    assertTrue(table.out().startsWith("SLOT"), table.out());
    assertTrue(table.out().contains("cli-token"), table.out());
  }

  @Test
  void generate_list_sign_remove_onTheToken() throws Exception {
    Run gen =
        keys(
            tokenEnv(),
            "generate",
            "--role",
            "targets",
            "--gun",
            "example.com/cli",
            "--pkcs11",
            "pkcs11:token=cli-token");
    assertEquals(0, gen.code(), gen.err());
    String id = generated(gen);

    Run list = keys(tokenEnv(), "list");
    assertEquals(0, list.code(), list.err());
    String row =
        list.out()
            .lines()
            .filter(l -> l.contains(id))
            .findFirst()
            .orElseThrow(() -> new AssertionError(list.out()));
    assertTrue(
        row.contains("targets") && row.contains("example.com/cli") && row.contains("pkcs11:"), row);
    String uri = row.substring(row.indexOf("pkcs11:")).trim();

    Path msg = dir.resolve("msg.txt");
    Files.writeString(msg, "sign me");
    Run byId = keys(tokenEnv(), "sign", "--key", id.substring(0, 10), msg.toString());
    assertEquals(0, byId.code(), byId.err());
    Path sigFile = dir.resolve("sig.bin");
    Run byUri = keys(tokenEnv(), "sign", "--key", uri, "-o", sigFile.toString(), msg.toString());
    assertEquals(0, byUri.code(), byUri.err());
    Pkcs11Backend b =
        new Pkcs11Backend(
            Pkcs11Module.open(module),
            token.uri(),
            r ->
                Optional.of(
                    Secret.copyOf(SoftHsmToken.USER_PIN.toCharArray(), Secret.Origin.PROGRAM)),
            NotaryKeyNaming.INSTANCE,
            Clock.systemUTC());
    try (Signer s = b.signer(KeyId.of(id))) {
      byte[] m = "sign me".getBytes(StandardCharsets.UTF_8);
      assertTrue(
          SignatureAlgorithm.ECDSA_P256_SHA256.verify(
              s.publicKey(), m, Base64.getDecoder().decode(byId.out().trim())));
      assertTrue(
          SignatureAlgorithm.ECDSA_P256_SHA256.verify(
              s.publicKey(), m, Files.readAllBytes(sigFile)));
      Run pub = keys(tokenEnv(), "export", "--public", uri);
      assertEquals(0, pub.code(), pub.err());
      assertTrue(
          pub.out()
              .contains(
                  Base64.getEncoder().encodeToString(s.publicKey().getEncoded()).substring(0, 60)),
          pub.out());
    }

    Run rm = keys(tokenEnv(), "remove", "--yes", uri);
    assertEquals(0, rm.code(), rm.err());
    assertFalse(keys(tokenEnv(), "list").out().contains(id));
  }

  /**
   * The user of issue 15: a key made with {@code generate --pkcs11 'pkcs11:token=...'} and no
   * module configured is found by plain {@code list}, {@code sign} and {@code export --public}, and
   * its printed Location signs, although ykcs11 (installed too, and first in discovery order) is
   * not the module the token is in.
   */
  @Test
  void aKeyMadeOnAToken_isFoundAfterwards_withoutTheModule() throws Exception {
    List<Path> installed = ModuleLocator.of(Map.of()).installed();
    assertTrue(
        installed.size() > 1 && installed.get(0).toString().contains("ykcs11"),
        "ykcs11 is installed (bin/test installs it) and discovered first: " + installed);
    Path trust = dir.resolve("recorded");
    Map<String, String> pinOnly = Map.of("KEYS_PKCS11_PIN", SoftHsmToken.USER_PIN);
    Run gen =
        keysIn(
            trust,
            pinOnly,
            "generate",
            "--role",
            "targets",
            "--gun",
            "example.com/found",
            "--pkcs11",
            "pkcs11:token=cli-token");
    assertEquals(0, gen.code(), gen.err());
    String id = generated(gen);
    String location =
        gen.out()
            .lines()
            .filter(l -> l.startsWith("Location: "))
            .findFirst()
            .orElseThrow()
            .substring("Location: ".length());
    Path records = trust.resolve("pkcs11-tokens.json");
    assertEquals(AtomicWrite.PRIVATE, Files.getPosixFilePermissions(records));
    assertTrue(
        Files.readString(records).contains(module.toAbsolutePath().normalize().toString()),
        Files.readString(records));

    Run list = keysIn(trust, Map.of(), "list");
    assertEquals(0, list.code(), list.err());
    assertTrue(list.out().contains(id) && list.out().contains("example.com/found"), list.out());
    Run json = keysIn(trust, Map.of(), "list", "--json");
    assertTrue(
        json.out().contains("\"location\": \"pkcs11\"") && json.out().contains("\"absent\": []"),
        json.out());

    Path msg = dir.resolve("found.txt");
    Files.writeString(msg, "found");
    byte[] m = "found".getBytes(StandardCharsets.UTF_8);
    Run byId = keysIn(trust, pinOnly, "sign", "--key", id.substring(0, 9), msg.toString());
    assertEquals(0, byId.code(), byId.err());
    Run byLocation = keysIn(trust, pinOnly, "sign", "--key", location, msg.toString());
    assertEquals(0, byLocation.code(), byLocation.err());
    Run pub = keysIn(trust, pinOnly, "export", "--public", id);
    assertEquals(0, pub.code(), pub.err());
    Path pem = Files.writeString(dir.resolve("found.pub"), pub.out());
    PublicKey key = PublicKeyFiles.read(pem);
    assertEquals(id, NotaryKeyNaming.INSTANCE.idOf(key).hex());
    assertTrue(
        SignatureAlgorithm.ECDSA_P256_SHA256.verify(
            key, m, Base64.getDecoder().decode(byId.out().trim())));
    assertTrue(
        SignatureAlgorithm.ECDSA_P256_SHA256.verify(
            key, m, Base64.getDecoder().decode(byLocation.out().trim())));
  }

  @Test
  void aRecordedTokenThatIsNotThere_isListedAsAbsent() throws Exception {
    Path trust = Files.createDirectories(dir.resolve("absent"));
    new TokenRecords(trust, () -> () -> {})
        .remember(module, Pkcs11Uri.parse("pkcs11:token=taken-away"));
    new TokenRecords(trust, () -> () -> {})
        .remember(
            dir.resolve("uninstalled/libsofthsm2.so"), Pkcs11Uri.parse("pkcs11:token=cli-token"));
    // a module that cannot list its slots now (ykcs11 without a PC/SC daemon) does not stop the
    // listing either
    Path ykcs11 = ModuleLocator.of(Map.of()).installed().get(0);
    new TokenRecords(trust, () -> () -> {})
        .remember(ykcs11, Pkcs11Uri.parse("pkcs11:token=YubiKey%20PIV%20%23123"));
    Run list = keysIn(trust, Map.of(), "list");
    assertEquals(0, list.code(), list.err());
    assertTrue(
        list.out().contains("(absent)") && list.out().contains("pkcs11:token=taken-away"),
        list.out());
    assertTrue(list.out().contains("pkcs11:token=YubiKey%20PIV%20%23123"), list.out());
    assertTrue(
        list.err().contains("keys: absent: pkcs11:token=taken-away: no token matching"),
        list.err());
    assertTrue(list.err().contains("uninstalled/libsofthsm2.so"), list.err());
    Run json = keysIn(trust, Map.of(), "list", "--json");
    assertEquals(0, json.code(), json.err());
    assertTrue(json.out().contains("\"path\": \"pkcs11:token=taken-away\""), json.out());
    Path msg = Files.writeString(dir.resolve("absent.txt"), "absent");
    Run byUri =
        keysIn(
            trust, Map.of(), "sign", "--key", "pkcs11:token=taken-away;object=x", msg.toString());
    assertEquals(6, byUri.code(), byUri.err());
    assertTrue(
        byUri.err().contains("no token matching") && byUri.err().contains("insert it"),
        byUri.err());
    Run byId = keysIn(trust, Map.of(), "sign", "--key", "abcdef0123", msg.toString());
    assertEquals(4, byId.code(), byId.err());
    assertTrue(byId.err().contains("it may be on pkcs11:token=taken-away"), byId.err());
  }

  @Test
  void pinValueInUri_isAUsageError_andThePinIsNotEchoed() {
    Run r =
        keys(
            tokenEnv(),
            "generate",
            "--role",
            "root",
            "--pkcs11",
            "pkcs11:token=cli-token?pin-value=777-secret");
    assertEquals(2, r.code());
    assertFalse(r.err().contains("777-secret"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void wrongPin_exitCode3_oneLine_naming_theFlag() {
    Map<String, String> env = tokenEnv();
    env.put("KEYS_PKCS11_PIN", "not-the-pin");
    Run r = keys(env, "generate", "--role", "root", "--pkcs11", "pkcs11:token=cli-token");
    assertEquals(3, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("wrong PIN for token 'cli-token'"), r.err());
    assertFalse(r.err().contains("not-the-pin"));
  }

  @Test
  void pinSourceFile_inTheUri_isUsed() throws Exception {
    Path pin = dir.resolve("pin.txt");
    Files.writeString(pin, SoftHsmToken.USER_PIN + "\n");
    Map<String, String> env = new HashMap<>();
    env.put("KEYS_PKCS11_MODULE", module.toString());
    Run r =
        keys(
            env,
            "generate",
            "--role",
            "root",
            "--pkcs11",
            "pkcs11:token=cli-token?pin-source=file:" + pin);
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void missingModule_exitCode6_namesWhatWasSearched() {
    Run r = keys(Map.of(), "--module", dir.resolve("nope/libsofthsm2.so").toString(), "tokens");
    assertEquals(6, r.code());
    assertTrue(r.err().contains("nope/libsofthsm2.so") && r.err().contains("softhsm2"), r.err());
  }

  @Test
  void absentToken_exitCode6() {
    Run r = keys(tokenEnv(), "generate", "--role", "root", "--pkcs11", "pkcs11:token=not-inserted");
    assertEquals(6, r.code(), r.err());
    assertTrue(r.err().contains("'cli-token'"), r.err());
  }
}
