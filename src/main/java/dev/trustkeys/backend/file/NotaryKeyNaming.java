package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyNaming;
import dev.trustkeys.core.PublicKeys;
import dev.trustkeys.core.UsageException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The file back end's naming rule, which is Notary's: a key file is {@code private/<ID>.key}, where
 * the ID is the SHA-256 of {@code {"keytype":T,"keyval":{"private":null,"public":base64(P)}}} (T
 * {@code ecdsa}, {@code rsa} or {@code ed25519}; P the SubjectPublicKeyInfo DER, or the raw 32
 * bytes of an Ed25519 key). Docker and Notary name and find key files by it, so it is the ID {@code
 * keys list} shows for keys in every back end ({@link KeyNaming}). It equals the ID Notary's
 * metadata gives the plain key (the Notary dialect's key-ID rule); a test keeps the two in step.
 */
public final class NotaryKeyNaming implements KeyNaming {
  public static final NotaryKeyNaming INSTANCE = new NotaryKeyNaming();

  private NotaryKeyNaming() {}

  @Override
  public KeyId idOf(PublicKey key) {
    String json =
        "{\"keytype\":\""
            + keyType(key)
            + "\",\"keyval\":{\"private\":null,\"public\":\""
            + Base64.getEncoder().encodeToString(publicBytes(key))
            + "\"}}";
    try {
      return KeyId.of(
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(json.getBytes(StandardCharsets.UTF_8))));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    } catch (UsageException e) {
      throw new IllegalStateException("a SHA-256 in hex is a key ID", e);
    }
  }

  /** Notary's key type of a plain key: ecdsa, rsa or ed25519. */
  static String keyType(PublicKey key) {
    if (key instanceof ECPublicKey) {
      return "ecdsa";
    }
    if (key instanceof RSAPublicKey) {
      return "rsa";
    }
    if (PublicKeys.isEd25519(key)) {
      return "ed25519";
    }
    throw new IllegalArgumentException("unsupported public key type " + key.getAlgorithm());
  }

  /**
   * The public bytes Notary hashes and writes: SPKI DER for ecdsa/rsa, the raw 32-byte point for
   * ed25519.
   */
  static byte[] publicBytes(PublicKey key) {
    return PublicKeys.isEd25519(key) ? PublicKeys.rawEd25519(key) : key.getEncoded();
  }
}
