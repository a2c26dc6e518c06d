package dev.trustkeys.backend.file;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyId;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.security.auth.DestroyFailedException;
import javax.security.auth.Destroyable;

/**
 * A decrypted private key with its public key. Short-lived: destroy it (try-with-resources) as soon
 * as the operation is done. {@code toString()} shows only the public key ID.
 */
public final class KeyMaterial implements Destroyable, AutoCloseable {
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final Algorithm algorithm;
  private boolean destroyed;

  KeyMaterial(PrivateKey privateKey, PublicKey publicKey, Algorithm algorithm) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.algorithm = algorithm;
  }

  public PrivateKey privateKey() {
    if (destroyed) {
      throw new IllegalStateException("key material already destroyed");
    }
    return privateKey;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  /** The key's ID by the file back end's naming rule (Notary's), under which its file is named. */
  public KeyId id() {
    return NotaryKeyNaming.INSTANCE.idOf(publicKey);
  }

  @Override
  public void destroy() {
    destroyed = true;
    try {
      privateKey.destroy();
    } catch (DestroyFailedException | RuntimeException e) {
      // JDK key classes do not implement destroy(); dropping the reference is what is left.
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "KeyMaterial[" + algorithm.cliName() + " " + id().shortId() + ", private part redacted]";
  }
}
