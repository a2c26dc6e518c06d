package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.pkcs11.Pkcs11Backend;
import dev.trustkeys.backend.pkcs11.Pkcs11Module;
import dev.trustkeys.backend.pkcs11.SoftHsmToken;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Signatures;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token commands end to end, in process: keys tokens, generate --pkcs11, list, sign, remove. */
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
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--trust-dir";
    all[1] = dir.resolve("trust").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), env, noTerminal());
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
    Run gen = keys(tokenEnv(), "generate", "--role", "targets", "--gun", "example.com/cli", "--pkcs11",
        "pkcs11:token=cli-token");
    assertEquals(0, gen.code(), gen.err());
    String id = generated(gen);

    Run list = keys(tokenEnv(), "list");
    assertEquals(0, list.code(), list.err());
    String row = list.out().lines().filter(l -> l.contains(id)).findFirst().orElseThrow(() -> new AssertionError(list.out()));
    assertTrue(row.contains("targets") && row.contains("example.com/cli") && row.contains("pkcs11:"), row);
    String uri = row.substring(row.indexOf("pkcs11:")).trim();

    Path msg = dir.resolve("msg.txt");
    Files.writeString(msg, "sign me");
    Run byId = keys(tokenEnv(), "sign", "--key", id.substring(0, 10), msg.toString());
    assertEquals(0, byId.code(), byId.err());
    Path sigFile = dir.resolve("sig.bin");
    Run byUri = keys(tokenEnv(), "sign", "--key", uri, "-o", sigFile.toString(), msg.toString());
    assertEquals(0, byUri.code(), byUri.err());
    Pkcs11Backend b = new Pkcs11Backend(Pkcs11Module.open(module), token.uri(),
        r -> Optional.of(Secret.copyOf(SoftHsmToken.USER_PIN.toCharArray(), Secret.Origin.PROGRAM)), Clock.systemUTC());
    try (Signer s = b.signer(KeyId.of(id))) {
      byte[] m = "sign me".getBytes(StandardCharsets.UTF_8);
      assertTrue(Signatures.verify(s.publicKey(), "ecdsa", m, Base64.getDecoder().decode(byId.out().trim())));
      assertTrue(Signatures.verify(s.publicKey(), "ecdsa", m, Files.readAllBytes(sigFile)));
      Run pub = keys(tokenEnv(), "export", "--public", uri);
      assertEquals(0, pub.code(), pub.err());
      assertTrue(pub.out().contains(Base64.getEncoder().encodeToString(s.publicKey().getEncoded()).substring(0, 60)), pub.out());
    }

    Run rm = keys(tokenEnv(), "remove", "--yes", uri);
    assertEquals(0, rm.code(), rm.err());
    assertFalse(keys(tokenEnv(), "list").out().contains(id));
  }

  @Test
  void list_withoutAConfiguredModule_doesNotLookAtTokens() throws Exception {
    Run gen = keys(tokenEnv(), "generate", "--role", "root", "--pkcs11", "pkcs11:token=cli-token");
    String id = generated(gen);
    assertTrue(keys(tokenEnv(), "list").out().contains(id));
    Map<String, String> plain = new HashMap<>();
    // the key went to the token: the trust directory was never made, and listing a missing -d is an error
    Files.createDirectories(dir.resolve("trust"));
    Run r = keys(plain, "list");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains(id), r.out());
  }

  @Test
  void pinValueInUri_isAUsageError_andThePinIsNotEchoed() {
    Run r = keys(tokenEnv(), "generate", "--role", "root", "--pkcs11", "pkcs11:token=cli-token?pin-value=777-secret");
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
    Run r = keys(env, "generate", "--role", "root", "--pkcs11", "pkcs11:token=cli-token?pin-source=file:" + pin);
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
