package dev.trustkeys.core;

import java.util.Objects;

/**
 * Where a key lives. {@code scheme} names the kind of back end ({@code file}, {@code pkcs11},
 * {@code yubikey}: the {@link BackendProvider#scheme()} of its provider, and {@code location} in
 * {@code keys list --json}); {@code display} is what {@code keys list} shows: a directory for file
 * keys, a {@code pkcs11:} URI for token keys, {@code yubikey:serial=N;slot=9c} for YubiKey keys.
 * {@code hardware} tells a key that cannot leave its device.
 */
public record KeyLocation(String scheme, String display, boolean hardware) {
  public KeyLocation {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(display, "display");
  }

  /** A key in an encrypted file in directory {@code display}. */
  public static KeyLocation file(String display) {
    return new KeyLocation("file", display, false);
  }

  /** A key on a device of the kind {@code scheme}, at {@code display}. */
  public static KeyLocation onDevice(String scheme, String display) {
    return new KeyLocation(scheme, display, true);
  }

  public boolean isHardware() {
    return hardware;
  }
}
