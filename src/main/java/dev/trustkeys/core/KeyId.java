package dev.trustkeys.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A TUF key ID: the lower-case hex SHA-256 of the canonical JSON of the public key. Files, prompts and listings
 * use the canonical ID of the plain (non-certificate) key, as Notary does.
 */
public final class KeyId implements Comparable<KeyId> {
  /** The shortest prefix commands accept. */
  public static final int MIN_PREFIX = 7;

  private final String hex;

  private KeyId(String hex) {
    this.hex = hex;
  }

  public static KeyId of(String hex) throws UsageException {
    if (!isKeyId(hex)) {
      throw new UsageException("not a key ID: " + Untrusted.quote(hex) + " (expected 64 lower-case hex characters)");
    }
    return new KeyId(hex);
  }

  /** Whether {@code s} is a well-formed full key ID. */
  public static boolean isKeyId(String s) {
    // Over the bytes, not a regex nor charAt: `keys list` checks every file name at start-up, in the interpreter.
    if (s == null || s.length() != 64) {
      return false;
    }
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 64; i++) {
      int c = b[i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The key ID Notary computes: {@code sha256({"keytype":T,"keyval":{"private":null,"public":base64(pub)}})}.
   *
   * @param keyType the TUF key type ({@code ecdsa}, {@code rsa}, {@code ed25519}, {@code ecdsa-x509}, ...)
   * @param publicBytes SPKI DER for ecdsa/rsa, the raw 32 bytes for ed25519, the PEM text for x509 types
   */
  public static KeyId compute(String keyType, byte[] publicBytes) {
    String json =
        "{\"keytype\":\"" + keyType + "\",\"keyval\":{\"private\":null,\"public\":\""
            + Base64.getEncoder().encodeToString(publicBytes) + "\"}}";
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return new KeyId(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  public String hex() {
    return hex;
  }

  /** The 7-character form used in prompts. */
  public String shortId() {
    return hex.substring(0, MIN_PREFIX);
  }

  @Override
  public int compareTo(KeyId o) {
    return hex.compareTo(o.hex);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyId && ((KeyId) o).hex.equals(hex);
  }

  @Override
  public int hashCode() {
    return hex.hashCode();
  }

  @Override
  public String toString() {
    return hex;
  }
}
