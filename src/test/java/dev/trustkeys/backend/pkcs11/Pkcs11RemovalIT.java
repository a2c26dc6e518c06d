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
import dev.trustkeys.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token that goes away and comes back, in one JVM. SoftHSM cannot show a token again once its
 * directory has vanished from under a running module (its token object stays invalid), and sees new
 * tokens only at C_Initialize; so "removal" deletes the token's directory and "reinsertion"
 * initialises a token with the same label in the free slot through the running module, as a
 * replacement token would appear in another slot. What this proves is the JVM side: no provider,
 * slot or login is cached across operations, and the absent token gives a one-line DEVICE error.
 * (simulator/softhsm remove/insert moves the directory between keys processes instead.)
 */
class Pkcs11RemovalIT {
  @TempDir static Path dir;
  private static SoftHsmToken token;
  private static Pkcs11Module module;
  private static final byte[] MSG = "m".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void token() throws Exception {
    token = SoftHsmToken.create(dir, "removable");
    module = Pkcs11Module.open(SoftHsmToken.module());
  }

  @Test
  void removedToken_failsClearly_andItsReplacementWorksInTheSameJvm() throws Exception {
    Pkcs11Backend b =
        new Pkcs11Backend(
            module,
            token.uri(),
            r ->
                Optional.of(
                    Secret.copyOf(SoftHsmToken.USER_PIN.toCharArray(), Secret.Origin.PROGRAM)),
            NotaryKeyNaming.INSTANCE,
            Clock.systemUTC());
    KeyInfo before = b.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    try (Signer s = b.signer(before.id())) {
      assertTrue(
          SignatureAlgorithm.ECDSA_P256_SHA256.verify(s.publicKey(), MSG, s.sign(MSG).value()));
    }

    token.remove();

    // listing shows the token as absent, with the same advice, and goes on with the other back ends
    KeyListing gone = b.list();
    assertTrue(gone.keys().isEmpty(), "no keys of a removed token");
    assertEquals(1, gone.absent().size());
    assertTrue(gone.absent().get(0).reason().contains("insert it"), gone.absent().get(0).reason());
    for (org.junit.jupiter.api.function.Executable op :
        new org.junit.jupiter.api.function.Executable[] {
          () -> b.signer(before.id()),
          () -> b.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256))
        }) {
      KeysException e = assertThrows(KeysException.class, op);
      assertEquals(ExitCode.DEVICE, e.exitCode(), e.getMessage());
      assertTrue(e.getMessage().contains("removable"), e.getMessage());
      assertTrue(e.getMessage().contains("insert it"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line");
    }

    token.reinsertEmpty(module);

    assertTrue(b.list().keys().isEmpty(), "the replacement token is empty");
    KeyInfo after = b.generate(KeySpec.of(Role.ROOT, "", Algorithm.ECDSA_P256));
    try (Signer s = b.signer(after.id())) {
      assertTrue(
          SignatureAlgorithm.ECDSA_P256_SHA256.verify(s.publicKey(), MSG, s.sign(MSG).value()));
    }
    assertEquals(after, b.list().keys().get(0));
  }
}
