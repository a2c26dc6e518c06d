package dev.trustkeys.backend.yubikey;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.security.auth.Destroyable;

/** A 3DES PIV management key (24 bytes). Zeroed by {@link #destroy()}; {@code toString()} never shows it. */
public final class ManagementKey implements Destroyable, AutoCloseable {
  public static final int LENGTH = 24;
  private static final byte[] FACTORY = HexFormat.of().parseHex("010203040506070801020304050607080102030405060708");

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

  /** Parses 48 hex characters; the caller zeroes {@code hex}. */
  public static ManagementKey fromHex(char[] hex) {
    if (hex.length != 2 * LENGTH) {
      throw new IllegalArgumentException("a management key is 48 hex characters, not " + hex.length);
    }
    byte[] b = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      int hi = Character.digit(hex[2 * i], 16);
      int lo = Character.digit(hex[2 * i + 1], 16);
      if (hi < 0 || lo < 0) {
        Arrays.fill(b, (byte) 0);
        throw new IllegalArgumentException("a management key is 48 hex characters (0-9, a-f)");
      }
      b[i] = (byte) (hi << 4 | lo);
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
