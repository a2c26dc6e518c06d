package dev.trustkeys.core.secret;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A passphrase or PIN held as {@code char[]}. It is zeroed by {@link #destroy()} (use
 * try-with-resources), and its {@code toString()} never shows it. Reading it takes an explicit
 * call, {@link #chars()}.
 */
public final class Secret implements Destroyable, AutoCloseable {
  /** Where a secret came from: only a person at a prompt is asked again after a wrong answer. */
  public enum Origin {
    PROMPT,
    ENVIRONMENT,
    FILE,
    PROGRAM
  }

  private final char[] chars;
  private final Origin origin;
  private final String source;
  private boolean destroyed;

  private Secret(char[] chars, Origin origin, String source) {
    this.chars = chars;
    this.origin = origin;
    this.source =
        source != null
            ? source
            : switch (origin) {
              case PROMPT -> "the prompt";
              case ENVIRONMENT -> "the environment";
              case FILE -> "a file";
              case PROGRAM -> "the program";
            };
  }

  /** Takes ownership of {@code chars}: the caller must not use or zero the array afterwards. */
  public static Secret adopt(char[] chars, Origin origin) {
    return new Secret(chars, origin, null);
  }

  /**
   * Takes ownership of {@code chars}, with where they came from for messages: the environment
   * variable ({@code NOTARY_ROOT_PASSPHRASE}) or the file.
   */
  public static Secret adopt(char[] chars, Origin origin, String source) {
    return new Secret(chars, origin, source);
  }

  /** Copies {@code chars}; the caller keeps (and zeroes) its own array. */
  public static Secret copyOf(char[] chars, Origin origin) {
    return new Secret(Arrays.copyOf(chars, chars.length), origin, null);
  }

  public Origin origin() {
    return origin;
  }

  /**
   * Where the secret came from, to name in messages (never the secret itself): an environment
   * variable's name, a file's path, or "the prompt".
   */
  public String source() {
    return source;
  }

  public char[] chars() {
    if (destroyed) {
      throw new IllegalStateException("secret already destroyed");
    }
    return chars;
  }

  public int length() {
    return chars.length;
  }

  public boolean isEmpty() {
    return chars.length == 0;
  }

  /** UTF-8 bytes of the secret; the caller must zero them. */
  public byte[] utf8() {
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars()));
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    return out;
  }

  /** Same characters, compared without early exit. */
  public boolean sameAs(Secret other) {
    char[] a = chars();
    char[] b = other.chars();
    int diff = a.length ^ b.length;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      diff |= a[i] ^ b[i];
    }
    return diff == 0;
  }

  @Override
  public void destroy() {
    Arrays.fill(chars, '\0');
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
    return "Secret[redacted]";
  }
}
