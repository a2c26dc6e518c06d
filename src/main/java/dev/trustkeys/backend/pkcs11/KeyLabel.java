package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The CKA_LABEL (and CKA_ID, as UTF-8) that {@code keys} gives a token key and its certificate:
 * {@code keys:<role>:<gun>:<tag>}, e.g. {@code keys:root::3f9a01c2} or {@code
 * keys:targets:registry.example.com:5000/app:77aa0b1e}. The role never contains ':', the tag is 8
 * random hex digits (unique on the token), and the GUN is everything between (it may contain ':').
 *
 * <p>CKA_ID equals the label because SunPKCS11 sets a key's CKA_ID to its KeyStore alias when it
 * stores the certificate next to it.
 */
public record KeyLabel(Role role, String gun, String tag) {
  static final String PREFIX = "keys:";
  private static final SecureRandom RANDOM = new SecureRandom();

  public KeyLabel {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(gun, "gun");
    if (!tag.matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("tag must be 8 lower-case hex digits");
    }
  }

  static KeyLabel fresh(Role role, String gun) {
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    return new KeyLabel(role, gun, HexFormat.of().formatHex(b));
  }

  /** The label of a keys-created object, or empty for anything else. */
  public static Optional<KeyLabel> parse(String label) {
    if (label == null || !label.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = label.substring(PREFIX.length());
    int first = rest.indexOf(':');
    int last = rest.lastIndexOf(':');
    if (first < 0 || last <= first) {
      return Optional.empty();
    }
    String tag = rest.substring(last + 1);
    if (!tag.matches("[0-9a-f]{8}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new KeyLabel(Role.of(rest.substring(0, first)), rest.substring(first + 1, last), tag));
    } catch (UsageException e) {
      return Optional.empty();
    }
  }

  public String text() {
    return PREFIX + role.name() + ":" + gun + ":" + tag;
  }

  public byte[] bytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return text();
  }
}
