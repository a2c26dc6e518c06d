package dev.trustkeys.core;

import java.util.Objects;

/**
 * Where a key lives. {@code display} is what {@code keys list} shows: a directory for file keys, a
 * {@code pkcs11:} URI for token keys, {@code yubikey:serial=N;slot=9c} for YubiKey keys.
 */
public record KeyLocation(Kind kind, String display) {
  /** The kinds of back end a key can live in. */
  public enum Kind {
    FILE("file"),
    PKCS11("pkcs11"),
    YUBIKEY("yubikey");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public KeyLocation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(display, "display");
  }

  public boolean isHardware() {
    return kind != Kind.FILE;
  }
}
