package dev.trustkeys.testing;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.UsageException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Key IDs for tests that need an ID no key has: the SHA-256 of a word. */
public final class TestIds {
  private TestIds() {}

  public static KeyId of(String seed) {
    try {
      return KeyId.of(
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(seed.getBytes(StandardCharsets.UTF_8))));
    } catch (NoSuchAlgorithmException | UsageException e) {
      throw new IllegalStateException(e);
    }
  }
}
