package dev.trustkeys.ceremony;

import dev.trustkeys.metadata.MetadataFormatException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A root in any dialect, as a ceremony reads it: version, expiry, every key it lists and who signs
 * each role. Made by a {@link CeremonyDialect} from the {@code signed} tree, after the dialect
 * checked the tree is a root as its clients read one.
 */
public final class CeremonyRoot {
  /** A role's entry: the key IDs that may sign it and how many signatures it needs. */
  public record Role(List<String> keyIds, int threshold, Map<String, Object> json) {
    public Role {
      keyIds = List.copyOf(keyIds);
      json = Map.copyOf(json);
    }
  }

  private final Map<String, Object> signed;
  private final long version;
  private final Instant expires;
  private final Map<String, RootKey> keys;
  private final Map<String, Role> roles;

  public CeremonyRoot(
      Map<String, Object> signed,
      long version,
      Instant expires,
      Map<String, RootKey> keys,
      Map<String, Role> roles) {
    this.signed = signed;
    this.version = version;
    this.expires = expires;
    this.keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
  }

  /** The {@code signed} tree it was read from. */
  public Map<String, Object> signed() {
    return signed;
  }

  public long version() {
    return version;
  }

  public Instant expires() {
    return expires;
  }

  /** Every key the root lists, by metadata ID. */
  public Map<String, RootKey> keys() {
    return keys;
  }

  public Map<String, Role> roles() {
    return roles;
  }

  public Role role(String name) throws MetadataFormatException {
    Role r = roles.get(name);
    if (r == null) {
      throw new MetadataFormatException("the root has no " + name + " role");
    }
    return r;
  }

  /**
   * The keys of one role, in the order of its key IDs (an ID the root does not list is left out).
   */
  public Map<String, RootKey> keysOf(String role) throws MetadataFormatException {
    Map<String, RootKey> out = new LinkedHashMap<>();
    for (String id : role(role).keyIds()) {
      if (keys.containsKey(id)) {
        out.put(id, keys.get(id));
      }
    }
    return out;
  }

  /**
   * How many different public keys {@code ids} name: the most signatures a threshold over them can
   * count. A key whose object cannot be decoded counts by its ID.
   */
  public int distinctKeys(List<String> ids) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String id : ids) {
      RootKey k = keys.get(id);
      distinct.add(k == null ? id : k.handleIfReadable().map(h -> h.hex()).orElse(id));
    }
    return distinct.size();
  }
}
