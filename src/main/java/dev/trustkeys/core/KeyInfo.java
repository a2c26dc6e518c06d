package dev.trustkeys.core;

import java.util.Objects;

/**
 * The non-secret description of a key: what {@code keys list} shows. {@code gun} is empty for keys
 * that do not belong to one repository (root, delegation). {@code algorithm} may be null when it
 * cannot be told without decrypting (never the case for keys {@code keys} wrote).
 */
public record KeyInfo(KeyId id, Role role, String gun, Algorithm algorithm, KeyLocation location) {
  public KeyInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(gun, "gun");
    Objects.requireNonNull(location, "location");
  }

  /**
   * A short human label, as prompts use it: "root key 1a2b3c4", "targets key 1a2b3c4
   * (example.com/app)".
   */
  public String label() {
    return role + " key " + id.shortId() + (gun.isEmpty() ? "" : " (" + gun + ")");
  }
}
