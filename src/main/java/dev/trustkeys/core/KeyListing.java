package dev.trustkeys.core;

import java.util.List;

/**
 * What a back end holds: readable keys, entries it could not read, and places that hold keys but
 * are not there now (a token that was removed): shown, never fatal.
 */
public record KeyListing(List<KeyInfo> keys, List<Unreadable> unreadable, List<Absent> absent) {
  public KeyListing {
    keys = List.copyOf(keys);
    unreadable = List.copyOf(unreadable);
    absent = List.copyOf(absent);
  }

  public KeyListing(List<KeyInfo> keys, List<Unreadable> unreadable) {
    this(keys, unreadable, List.of());
  }

  /** The listing of a back end that is not there now. */
  public static KeyListing absent(String location, String reason) {
    return new KeyListing(List.of(), List.of(), List.of(new Absent(location, reason)));
  }

  /** An entry that looks like a key but cannot be read without help: a corrupt or foreign file. */
  public record Unreadable(String location, String reason) {}

  /**
   * A back end known to hold keys that cannot be reached now (a token removed, its module gone),
   * and why.
   */
  public record Absent(String location, String reason) {}
}
