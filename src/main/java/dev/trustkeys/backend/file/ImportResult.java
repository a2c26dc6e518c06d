package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeyInfo;

/** What importing one PEM block did. */
public record ImportResult(KeyInfo key, Status status) {
  /** Whether the key was written or was there already. */
  public enum Status {
    IMPORTED,
    ALREADY_PRESENT
  }
}
