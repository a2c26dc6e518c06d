package dev.trustkeys.backend.yubikey;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.security.auth.Destroyable;

/**
 * A 3DES PIV management key (24 bytes). Zeroed by {@link #destroy()}; {@code toString()} never
 * shows it.
 */
public final class ManagementKey implements Destroyable, AutoCloseable {
  public static final int LENGTH = 24;
  private static final byte[] FACTORY =
      HexFormat.of().parseHex("010203040506070801020304050607080102030405060708");

  private final byte[] bytes;
  private boolean destroyed;

  private ManagementKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The key every YubiKey leaves the factory with. */
  public static ManagementKey factoryDefault() {
    return new ManagementKey(FACTORY.clone());
  }

  public static ManagementKey random(SecureRandom rng) {
    byte[] b = new byte[LENGTH];
    rng.nextBytes(b);
    return new ManagementKey(b);
  }

  /** For prompts: "48 hex digits". */
  public static final String HINT = 2 * LENGTH + " hex digits";

  /** What is wrong with {@code hex} as a management key, or null when {@link #fromHex} takes it. */
  public static String formatProblem(char[] hex) {
    if (hex.length != 2 * LENGTH) {
      return "a management key is " + HINT + ", not " + hex.length;
    }
    for (char c : hex) {
      if (Character.digit(c, 16) < 0) {
        return "a management key is " + HINT + " (0-9, a-f)";
      }
    }
    return null;
  }

  /** Parses 48 hex characters; the caller zeroes {@code hex}. */
  public static ManagementKey fromHex(char[] hex) {
    String problem = formatProblem(hex);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      b[i] = (byte) (Character.digit(hex[2 * i], 16) << 4 | Character.digit(hex[2 * i + 1], 16));
    }
    return new ManagementKey(b);
  }

  /** The key as 48 lower-case hex characters; the caller zeroes the result. */
  public char[] toHex() {
    char[] out = new char[2 * LENGTH];
    String digits = "0123456789abcdef";
    for (int i = 0; i < LENGTH; i++) {
      out[2 * i] = digits.charAt((bytes()[i] >> 4) & 0xf);
      out[2 * i + 1] = digits.charAt(bytes()[i] & 0xf);
    }
    return out;
  }

  byte[] bytes() {
    if (destroyed) {
      throw new IllegalStateException("management key already destroyed");
    }
    return bytes;
  }

  public boolean isFactoryDefault() {
    return java.security.MessageDigest.isEqual(bytes(), FACTORY);
  }

  @Override
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
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
    return "ManagementKey[redacted]";
  }
}
