package dev.trustkeys.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.secret.Secret;
import dev.trustkeys.core.secret.SecretProvider;
import dev.trustkeys.core.secret.SecretRequest;
import dev.trustkeys.testing.TestIds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeyBackend} guarantees, written once and run against each implementation (file
 * store, SoftHSM token, ...). A subclass supplies a back end built with a given {@link
 * SecretProvider}, the right secret (PIN or passphrase) and a wrong one. The back end may hold keys
 * from earlier tests: every test works on keys it made.
 */
public abstract class KeyBackendContract {
  /** A back end over the subclass's store, asking {@code secrets} for every PIN or passphrase. */
  protected abstract KeyBackend backend(SecretProvider secrets) throws Exception;

  protected abstract char[] rightSecret();

  protected abstract char[] wrongSecret();

  /** Where this back end's keys live. */
  protected abstract String scheme();

  /** The algorithms the back end can generate; ECDSA P-256 at least. */
  protected Set<Algorithm> algorithms() {
    return Set.of(Algorithm.ECDSA_P256);
  }

  /** Answers every request with a copy of {@code secret}, counting the requests. */
  protected static final class FixedSecret implements SecretProvider {
    private final char[] secret;
    final AtomicInteger asked = new AtomicInteger();

    public FixedSecret(char[] secret) {
      this.secret = secret.clone();
    }

    @Override
    public Optional<Secret> obtain(SecretRequest request) {
      asked.incrementAndGet();
      return Optional.of(Secret.copyOf(secret, Secret.Origin.PROGRAM));
    }
  }

  private KeyBackend right() throws Exception {
    return backend(new FixedSecret(rightSecret()));
  }

  private static final byte[] MESSAGE =
      "{\"signed\":{\"_type\":\"Root\"}}".getBytes(StandardCharsets.UTF_8);

  private static Optional<KeyInfo> listed(KeyBackend b, KeyId id) throws KeysException {
    return b.list().keys().stream().filter(k -> k.id().equals(id)).findFirst();
  }

  @Test
  void generate_thenList_showsRoleGunAlgorithmAndLocation() throws Exception {
    KeyBackend b = right();
    KeyInfo made =
        b.generate(KeySpec.of(Role.TARGETS, "example.com/contract/app", Algorithm.ECDSA_P256));
    KeyInfo seen =
        listed(b, made.id()).orElseThrow(() -> new AssertionError("generated key not listed"));
    assertEquals(Role.TARGETS, seen.role());
    assertEquals("example.com/contract/app", seen.gun());
    assertEquals(Algorithm.ECDSA_P256, seen.algorithm());
    assertEquals(scheme(), seen.location().scheme());
    assertEquals(made, seen);
  }

  @Test
  void generate_rootKey_hasNoGun() throws Exception {
    KeyBackend b = right();
    KeyInfo made = b.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    assertEquals("", listed(b, made.id()).orElseThrow().gun());
    assertEquals(Role.ROOT, listed(b, made.id()).orElseThrow().role());
  }

  @Test
  void generate_twice_givesTwoKeysWithDistinctIds() throws Exception {
    KeyBackend b = right();
    KeyInfo one =
        b.generate(KeySpec.of(Role.SNAPSHOT, "example.com/contract/two", Algorithm.ECDSA_P256));
    KeyInfo two =
        b.generate(KeySpec.of(Role.SNAPSHOT, "example.com/contract/two", Algorithm.ECDSA_P256));
    assertNotEquals(one.id(), two.id());
    assertTrue(listed(b, one.id()).isPresent());
    assertTrue(listed(b, two.id()).isPresent());
  }

  @Test
  void list_asksForNoSecret() throws Exception {
    KeyInfo made = right().generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    KeyBackend b =
        backend(
            request -> {
              throw new AssertionError("list asked for a secret: " + request.kind());
            });
    assertTrue(listed(b, made.id()).isPresent());
  }

  @Test
  void sign_eachAlgorithm_verifiesWithThePublicKeyAndItsCanonicalId() throws Exception {
    // the key ID is the keyring's naming rule over the public key: the file back end's (Notary's)
    // rule
    KeyBackend b = right();
    for (Algorithm alg : algorithms()) {
      KeyInfo made = b.generate(KeySpec.of(Role.DELEGATION, "", alg));
      try (Signer s = b.signer(made.id())) {
        assertEquals(
            made.id(),
            NotaryKeyNaming.INSTANCE.idOf(s.publicKey()),
            alg + ": key ID is the canonical ID");
        assertEquals(made.id(), s.key().id());
        assertEquals(SignatureAlgorithm.of(alg), s.algorithm());
        SignatureValue value = s.sign(MESSAGE);
        assertEquals(SignatureAlgorithm.of(alg), value.algorithm());
        byte[] sig = value.value();
        if (alg == Algorithm.ECDSA_P256) {
          assertEquals(64, sig.length, "ECDSA signatures are raw r||s");
        }
        assertTrue(s.algorithm().verify(s.publicKey(), MESSAGE, sig), alg + ": signature verifies");
        byte[] other = MESSAGE.clone();
        other[0] ^= 1;
        assertFalse(
            s.algorithm().verify(s.publicKey(), other, sig), alg + ": not over another message");
      }
    }
  }

  @Test
  void sign_twiceWithOneSigner_bothVerify() throws Exception {
    KeyBackend b = right();
    KeyInfo made =
        b.generate(KeySpec.of(Role.TIMESTAMP, "example.com/contract/ts", Algorithm.ECDSA_P256));
    try (Signer s = b.signer(made.id())) {
      assertTrue(s.algorithm().verify(s.publicKey(), MESSAGE, s.sign(MESSAGE).value()));
      assertTrue(s.algorithm().verify(s.publicKey(), MESSAGE, s.sign(MESSAGE).value()));
    }
  }

  @Test
  void remove_thenListAndSignerNoLongerFindIt() throws Exception {
    KeyBackend b = right();
    KeyInfo made = b.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    KeyInfo kept = b.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    b.remove(made.id());
    assertTrue(listed(b, made.id()).isEmpty());
    assertTrue(listed(b, kept.id()).isPresent(), "only the named key is removed");
    KeyNotFoundException e = assertThrows(KeyNotFoundException.class, () -> b.signer(made.id()));
    assertEquals(ExitCode.NOT_FOUND, e.exitCode());
  }

  @Test
  void signer_forMissingKey_throwsKeyNotFoundNamingIt() throws Exception {
    KeyId missing = TestIds.of("no such key");
    KeyNotFoundException e =
        assertThrows(KeyNotFoundException.class, () -> right().signer(missing));
    assertEquals(ExitCode.NOT_FOUND, e.exitCode());
    assertTrue(e.query().contains(missing.hex()), e.query());
  }

  @Test
  void remove_missingKey_throwsKeyNotFound() throws Exception {
    KeyId missing = TestIds.of("also missing");
    KeyNotFoundException e =
        assertThrows(KeyNotFoundException.class, () -> right().remove(missing));
    assertEquals(ExitCode.NOT_FOUND, e.exitCode());
  }

  @Test
  void sign_withWrongSecret_throwsWrongSecretOnceWithoutRetrying() throws Exception {
    KeyInfo made = right().generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    FixedSecret wrong = new FixedSecret(wrongSecret());
    KeyBackend b = backend(wrong);
    WrongSecretException e =
        assertThrows(
            WrongSecretException.class,
            () -> {
              try (Signer s = b.signer(made.id())) {
                s.sign(MESSAGE);
              }
            });
    assertEquals(ExitCode.WRONG_SECRET, e.exitCode());
    assertEquals(
        1,
        wrong.asked.get(),
        "a wrong secret from a non-interactive source is not asked for again");
    String secret = new String(wrongSecret());
    assertFalse(e.getMessage().contains(secret), "the message does not repeat the secret");
    assertFalse(e.getMessage().contains("\n"), "one line");
    try (Signer s = right().signer(made.id())) {
      assertTrue(
          s.algorithm().verify(s.publicKey(), MESSAGE, s.sign(MESSAGE).value()),
          "key still usable");
    }
  }

  @Test
  void messagesAndDescriptions_neverContainTheSecret() throws Exception {
    KeyBackend b = right();
    KeyInfo made = b.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    String secret = new String(rightSecret());
    List<String> texts = new ArrayList<>();
    texts.add(b.describe());
    texts.add(b.toString());
    texts.add(made.toString());
    try (Signer s = b.signer(made.id())) {
      texts.add(s.toString());
      texts.add(s.key().toString());
    }
    for (String t : texts) {
      assertFalse(t.contains(secret), "leaks the secret: " + t);
    }
  }

  @Test
  void signatures_fromTwoSigners_ofOneKey_verifyWithTheSamePublicKey() throws Exception {
    KeyBackend b = right();
    KeyInfo made = b.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    byte[] pub1;
    byte[] sig2;
    try (Signer s = b.signer(made.id())) {
      pub1 = s.publicKey().getEncoded();
    }
    try (Signer s = right().signer(made.id())) {
      assertArrayEquals(pub1, s.publicKey().getEncoded());
      sig2 = s.sign(MESSAGE).value();
      assertTrue(s.algorithm().verify(s.publicKey(), MESSAGE, sig2));
    }
  }
}
