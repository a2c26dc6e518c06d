package dev.trustkeys.backend.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.WrongSecretException;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a token back end does: object attributes, URIs, token flags, several tokens in one
 * module.
 */
class Pkcs11BackendIT {
  @TempDir static Path dir;
  private static SoftHsmToken alpha;
  private static SoftHsmToken beta;
  private static Pkcs11Module module;
  private static final byte[] MSG = "payload".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void tokens() throws Exception {
    alpha = SoftHsmToken.create(dir, "alpha");
    beta = SoftHsmToken.create(dir, "beta");
    module = Pkcs11Module.open(SoftHsmToken.module());
  }

  private static SecretProvider pin(String pin) {
    return r -> Optional.of(Secret.copyOf(pin.toCharArray(), Secret.Origin.PROGRAM));
  }

  private static Pkcs11Backend backend(SoftHsmToken t) {
    return new Pkcs11Backend(
        module, t.uri(), pin(SoftHsmToken.USER_PIN), NotaryKeyNaming.INSTANCE, Clock.systemUTC());
  }

  /**
   * pkcs11-tool's view of the token's objects, logged in (the PIN goes through the environment, not
   * argv).
   */
  private static String objects(SoftHsmToken t) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            "pkcs11-tool",
            "--module",
            module.path().toString(),
            "--token-label",
            t.label(),
            "--login",
            "--pin",
            "env:TEST_PIN",
            "--list-objects");
    pb.environment().put("TEST_PIN", SoftHsmToken.USER_PIN);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void generate_makesSensitiveUnextractableSignOnlyTokenKey_withCertificateOfSameIdAndLabel()
      throws Exception {
    KeyInfo k =
        backend(alpha)
            .generate(KeySpec.of(Role.TARGETS, "example.com/attrs", Algorithm.ECDSA_P256));
    String label = Pkcs11Uri.parse(k.location().display()).object().orElseThrow();
    String objs = objects(alpha);
    String priv = block(objs, "Private Key Object", label);
    assertTrue(priv.contains("sensitive, always sensitive, never extractable, local"), priv);
    assertTrue(priv.contains("Usage:      sign\n"), priv);
    String cert = block(objs, "Certificate Object", label);
    String id = line(priv, "ID:");
    assertEquals(id, line(cert, "ID:"), "key and certificate share CKA_ID");
    assertFalse(
        objs.contains("Public Key Object"), "the public half is not left behind as a token object");
  }

  private static String block(String objects, String kind, String label) {
    for (String b :
        objects.split("(?=Private Key Object|Certificate Object|Public Key Object|Data object)")) {
      if (b.startsWith(kind) && b.contains("label:      " + label + "\n")) {
        return b;
      }
    }
    throw new AssertionError("no " + kind + " labelled " + label + " in\n" + objects);
  }

  private static String line(String block, String key) {
    return block.lines().filter(l -> l.trim().startsWith(key)).findFirst().orElseThrow();
  }

  @Test
  void remove_deletesKeyAndCertificate_pkcs11ToolSeesNothingLeft() throws Exception {
    Pkcs11Backend b = backend(alpha);
    KeyInfo k = b.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    String label = Pkcs11Uri.parse(k.location().display()).object().orElseThrow();
    assertTrue(objects(alpha).contains(label));
    b.remove(k.id());
    assertFalse(objects(alpha).contains(label), "no object with the key's label is left");
  }

  @Test
  void location_isAUriThatNamesTheKey_forSigningAndRemoving() throws Exception {
    Pkcs11Backend b = backend(beta);
    KeyInfo k =
        b.generate(KeySpec.of(Role.TARGETS, "registry.example.com:5000/app", Algorithm.ECDSA_P256));
    Pkcs11Uri uri = Pkcs11Uri.parse(k.location().display());
    assertEquals("beta", uri.token().orElseThrow());
    assertEquals("private", uri.type().orElseThrow());
    assertTrue(
        uri.object().orElseThrow().startsWith("keys:targets:registry.example.com:5000/app:"));
    assertEquals(k, b.find(uri));
    try (Signer s = b.signer(uri)) {
      assertTrue(
          SignatureAlgorithm.ECDSA_P256_SHA256.verify(s.publicKey(), MSG, s.sign(MSG).value()));
    }
    assertEquals(k, b.remove(uri));
    assertThrows(dev.trustkeys.core.KeyNotFoundException.class, () -> b.find(uri));
  }

  @Test
  void keysOnOneToken_areNotListedOnAnother() throws Exception {
    KeyInfo k = backend(alpha).generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    assertTrue(backend(alpha).list().keys().contains(k));
    assertFalse(backend(beta).list().keys().stream().anyMatch(x -> x.id().equals(k.id())));
  }

  @Test
  void wrongPin_reportsTheFlagsTheTokenSets_thenTheRightPinClearsThem() throws Exception {
    KeyInfo k = backend(beta).generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    Pkcs11Backend wrong =
        new Pkcs11Backend(
            module, beta.uri(), pin("9999-wrong"), NotaryKeyNaming.INSTANCE, Clock.systemUTC());
    WrongSecretException e = assertThrows(WrongSecretException.class, () -> wrong.signer(k.id()));
    assertEquals(ExitCode.WRONG_SECRET, e.exitCode());
    // SoftHSM sets CKF_USER_PIN_COUNT_LOW after a failed login (it never locks): the message relays
    // it.
    assertTrue(wrong.token().has(TokenFlag.USER_PIN_COUNT_LOW));
    assertTrue(e.getMessage().contains("CKF_USER_PIN_COUNT_LOW"), e.getMessage());
    assertEquals(OptionalInt.empty(), e.attemptsRemaining());
    assertFalse(e.getMessage().contains("9999-wrong"));
    try (Signer s = backend(beta).signer(k.id())) {
      assertTrue(
          SignatureAlgorithm.ECDSA_P256_SHA256.verify(s.publicKey(), MSG, s.sign(MSG).value()));
    }
    assertFalse(wrong.token().has(TokenFlag.USER_PIN_COUNT_LOW), "a good login clears the flag");
  }

  @Test
  void noPinAvailable_needsInput_andNothingIsTried() throws Exception {
    Pkcs11Backend none =
        new Pkcs11Backend(
            module,
            alpha.uri(),
            r -> Optional.empty(),
            NotaryKeyNaming.INSTANCE,
            Clock.systemUTC());
    KeysException e =
        assertThrows(
            KeysException.class,
            () -> none.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256)));
    assertEquals(ExitCode.NEEDS_INPUT, e.exitCode());
    assertTrue(e.getMessage().contains("KEYS_PKCS11_PIN"), e.getMessage());
    assertFalse(none.token().has(TokenFlag.USER_PIN_COUNT_LOW));
  }

  @Test
  void ed25519_isRefusedBeforeTouchingTheToken() {
    UsageException e =
        assertThrows(
            UsageException.class,
            () ->
                new Pkcs11Backend(
                        module,
                        alpha.uri(),
                        r -> {
                          throw new AssertionError("asked for a PIN");
                        },
                        NotaryKeyNaming.INSTANCE,
                        Clock.systemUTC())
                    .generate(KeySpec.of(Role.ROOT, "", Algorithm.ED25519)));
    assertTrue(e.getMessage().contains("SunPKCS11"), e.getMessage());
    assertEquals(dev.trustkeys.core.Remedy.Kind.USE_ECDSA, e.remedy().orElseThrow().kind());
  }

  @Test
  void unknownToken_isDeviceError_listingTheTokensPresent() throws Exception {
    Pkcs11Backend b =
        new Pkcs11Backend(
            module,
            Pkcs11Uri.parse("pkcs11:token=gamma"),
            pin("x"),
            NotaryKeyNaming.INSTANCE,
            Clock.systemUTC());
    TokenNotFoundException e =
        assertThrows(
            TokenNotFoundException.class,
            () -> b.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256)));
    assertEquals(ExitCode.DEVICE, e.exitCode());
    assertTrue(
        e.tokensPresent().containsAll(List.of("'alpha'", "'beta'")), e.tokensPresent().toString());
    assertEquals(module.path(), e.module());
    assertFalse(b.present());
  }

  @Test
  void absentToken_isListedAsAbsent_withWhatToDo() throws Exception {
    Pkcs11Backend b =
        new Pkcs11Backend(
            module,
            Pkcs11Uri.parse("pkcs11:token=gamma"),
            pin("x"),
            NotaryKeyNaming.INSTANCE,
            Clock.systemUTC());
    KeyListing l = b.list();
    assertEquals(List.of(), l.keys());
    assertEquals(1, l.absent().size());
    assertEquals("pkcs11:token=gamma", l.absent().get(0).location());
    assertTrue(
        l.absent().get(0).reason().contains("no token matching pkcs11:token=gamma is present"),
        l.absent().get(0).reason());
    assertTrue(l.absent().get(0).reason().contains("insert it"), l.absent().get(0).reason());
  }

  @Test
  void ambiguousToken_isUsageError() {
    Pkcs11Backend any =
        new Pkcs11Backend(
            module,
            Pkcs11Uri.builder().build(),
            pin("x"),
            NotaryKeyNaming.INSTANCE,
            Clock.systemUTC());
    assertThrows(UsageException.class, any::list);
  }

  @Test
  void tokens_showLabelManufacturerModelSerialAndFlags() throws Exception {
    List<TokenInfo> ts = module.tokens();
    TokenInfo a = ts.stream().filter(t -> t.label().equals("alpha")).findFirst().orElseThrow();
    assertEquals("SoftHSM project", a.manufacturer());
    assertEquals("SoftHSM v2", a.model());
    assertEquals(16, a.serial().length());
    assertTrue(
        a.flagSet()
            .containsAll(
                List.of(
                    TokenFlag.TOKEN_INITIALIZED,
                    TokenFlag.LOGIN_REQUIRED,
                    TokenFlag.USER_PIN_INITIALIZED)));
    assertTrue(
        ts.stream().anyMatch(t -> !t.has(TokenFlag.TOKEN_INITIALIZED)),
        "SoftHSM's free slot is shown");
    assertEquals(a, module.findToken(Pkcs11Uri.parse("pkcs11:serial=" + a.serial())));
  }

  @Test
  void rsaKey_signsRsaPssThatVerifies() throws Exception {
    Pkcs11Backend b = backend(beta);
    KeyInfo k = b.generate(KeySpec.of(Role.DELEGATION, "", Algorithm.RSA_2048));
    assertEquals(Algorithm.RSA_2048, k.algorithm());
    try (Signer s = b.signer(k.id())) {
      assertEquals(SignatureAlgorithm.RSA_PSS_SHA256, s.algorithm());
      byte[] sig = s.sign(MSG).value();
      assertEquals(256, sig.length);
      assertTrue(SignatureAlgorithm.RSA_PSS_SHA256.verify(s.publicKey(), MSG, sig));
    }
  }
}
