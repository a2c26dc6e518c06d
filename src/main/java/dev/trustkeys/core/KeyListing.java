package dev.trustkeys.core;

import java.util.List;

/** What a back end holds: readable keys, and entries it could not read (shown, never fatal). */
public record KeyListing(List<KeyInfo> keys, List<Unreadable> unreadable) {
  public KeyListing {
    keys = List.copyOf(keys);
    unreadable = List.copyOf(unreadable);
  }

  /** An entry that looks like a key but cannot be read without help: a corrupt or foreign file. */
  public record Unreadable(String location, String reason) {}
}
