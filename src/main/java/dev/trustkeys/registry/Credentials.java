package dev.trustkeys.registry;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import javax.security.auth.Destroyable;

/**
 * A login for a registry: a user name and a password, or an identity (refresh) token as {@code
 * docker login} stores for some registries. The secret is a {@code char[]}, zeroed by {@link
 * #destroy()}; {@link #toString()} shows only the user and where the login came from.
 */
public final class Credentials implements Destroyable {
  private final String username;
  private final char[] secret;
  private final boolean identityToken;
  private final String origin;
  private boolean destroyed;

  private Credentials(String username, char[] secret, boolean identityToken, String origin) {
    this.username = username;
    this.secret = secret;
    this.identityToken = identityToken;
    this.origin = origin;
  }

  /** Takes ownership of {@code password}. */
  public static Credentials password(String username, char[] password, String origin) {
    return new Credentials(username, password, false, origin);
  }

  /**
   * Takes ownership of {@code token}: an OAuth2 refresh token, exchanged at the token server for
   * access tokens.
   */
  public static Credentials identityToken(String username, char[] token, String origin) {
    return new Credentials(username == null ? "" : username, token, true, origin);
  }

  public String username() {
    return username;
  }

  public boolean isIdentityToken() {
    return identityToken;
  }

  /**
   * Where this login was found, for messages: "config.json", "docker-credential-pass",
   * "NOTARY_AUTH".
   */
  public String origin() {
    return origin;
  }

  /** The password or identity token; the caller must not keep it. */
  char[] secret() {
    if (destroyed) {
      throw new IllegalStateException("credentials already destroyed");
    }
    return secret;
  }

  /**
   * {@code Basic base64(user:password)} for an Authorization header; the bytes are zeroed after
   * encoding.
   */
  String basicHeader() {
    CharBuffer joined = CharBuffer.allocate(username.length() + 1 + secret().length);
    joined.put(username).put(':').put(secret).flip();
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(joined);
    byte[] raw = new byte[bytes.remaining()];
    bytes.get(raw);
    Arrays.fill(joined.array(), '\0');
    if (bytes.hasArray()) {
      Arrays.fill(bytes.array(), (byte) 0);
    }
    try {
      return "Basic " + Base64.getEncoder().encodeToString(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public void destroy() {
    Arrays.fill(secret, '\0');
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "Credentials["
        + (identityToken ? "identity token" : "user " + username)
        + " from "
        + origin
        + "]";
  }
}
