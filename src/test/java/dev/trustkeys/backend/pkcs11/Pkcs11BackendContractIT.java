package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyBackendContract;
import dev.trustkeys.core.secret.SecretProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The back-end contract on a SoftHSM2 token, through SunPKCS11. */
class Pkcs11BackendContractIT extends KeyBackendContract {
  @TempDir static Path dir;
  private static SoftHsmToken token;
  private static Pkcs11Module module;

  @BeforeAll
  static void token() throws Exception {
    token = SoftHsmToken.create(dir, "contract");
    module = Pkcs11Module.open(SoftHsmToken.module());
  }

  @Override
  protected KeyBackend backend(SecretProvider secrets) {
    return new Pkcs11Backend(
        module, token.uri(), secrets, NotaryKeyNaming.INSTANCE, Clock.systemUTC());
  }

  @Override
  protected char[] rightSecret() {
    return SoftHsmToken.USER_PIN.toCharArray();
  }

  @Override
  protected char[] wrongSecret() {
    return "0000-wrong".toCharArray();
  }

  @Override
  protected String scheme() {
    return "pkcs11";
  }

  @Override
  protected Set<Algorithm> algorithms() {
    return Set.of(Algorithm.ECDSA_P256, Algorithm.RSA_2048);
  }
}
