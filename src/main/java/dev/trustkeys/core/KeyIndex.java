package dev.trustkeys.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Finds a key by its full ID or a unique prefix of at least {@value KeyId#MIN_PREFIX} characters.
 */
public final class KeyIndex {
  private final List<KeyInfo> keys;

  public KeyIndex(List<KeyInfo> keys) {
    this.keys = List.copyOf(keys);
  }

  public KeyInfo resolve(String query) throws KeysException {
    String q = query.trim().toLowerCase(Locale.ROOT);
    if (!q.matches("[0-9a-f]+")) {
      throw new UsageException(
          "'" + query + "' is not a key ID", Remedy.of(Remedy.Kind.GIVE_A_LISTED_KEY_ID));
    }
    if (q.length() < KeyId.MIN_PREFIX) {
      throw new UsageException(
          "key ID prefix '"
              + query
              + "' is too short: give at least "
              + KeyId.MIN_PREFIX
              + " characters");
    }
    List<KeyInfo> matches = new ArrayList<>();
    for (KeyInfo k : keys) {
      if (k.id().hex().startsWith(q) && matches.stream().noneMatch(m -> m.id().equals(k.id()))) {
        matches.add(k);
      }
    }
    if (matches.isEmpty()) {
      throw new KeyNotFoundException(query, Remedy.of(Remedy.Kind.LIST_KEYS));
    }
    if (matches.size() > 1) {
      throw new UsageException(
          "key ID prefix '"
              + query
              + "' is ambiguous: it matches "
              + matches.stream()
                  .map(k -> k.id().hex().substring(0, 12))
                  .collect(Collectors.joining(", "))
              + "; give more characters");
    }
    return matches.get(0);
  }
}
