package dev.trustkeys.tuf1;

import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.metadata.MetadataFormatException;
import java.security.PublicKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A key as a TUF 1.0 file lists it: the ID it is listed under and the key object as written (custom
 * fields such as {@code x-tuf-on-ci-keyowner} included). {@link #idCompliant()} tells whether the
 * listed ID follows the rule (SHA-256 of the canonical key object); keys accepts a non-compliant ID
 * in someone else's metadata with a warning and never writes one.
 */
public final class Tuf1Key {
  private final String id;
  private final Map<String, Object> json;
  private final String computedId;

  private Tuf1Key(String id, Map<String, Object> json) throws MetadataFormatException {
    this.id = id;
    this.json = Collections.unmodifiableMap(new LinkedHashMap<>(json));
    this.computedId = Tuf1Dialect.INSTANCE.keyId(json);
  }

  /** A key listed under {@code id} in metadata. */
  public static Tuf1Key listed(String id, Map<String, Object> json) throws MetadataFormatException {
    Fields.string(json, "keytype", "key " + id);
    Fields.string(json, "scheme", "key " + id);
    Fields.string(Fields.map(json, "keyval", "key " + id), "public", "key " + id + ".keyval");
    return new Tuf1Key(id, json);
  }

  /** A new key object for {@code key} with custom fields, under its rule-following ID. */
  public static Tuf1Key of(PublicKey key, Map<String, Object> customFields)
      throws MetadataFormatException {
    Map<String, Object> json = Tuf1Dialect.INSTANCE.encodePublicKey(key, customFields);
    return new Tuf1Key(Tuf1Dialect.INSTANCE.keyId(json), json);
  }

  /** The ID the metadata lists this key under. */
  public String id() {
    return id;
  }

  /** The key object as written. */
  public Map<String, Object> json() {
    return json;
  }

  public String keyType() {
    return (String) json.get("keytype");
  }

  public String scheme() {
    return (String) json.get("scheme");
  }

  /** The ID the key-ID rule gives (equal to {@link #id()} when compliant). */
  public String computedId() {
    return computedId;
  }

  public boolean idCompliant() {
    return computedId.equals(id);
  }

  /** A custom field (one starting with "x-"), or null. */
  public Object custom(String name) {
    return json.get(name);
  }

  /** Who holds the key, as tuf-on-ci records it ({@code x-tuf-on-ci-keyowner}), or null. */
  public String owner() {
    Object o = json.get("x-tuf-on-ci-keyowner");
    return o instanceof String ? (String) o : null;
  }

  public PublicKey publicKey() throws MetadataFormatException {
    return Tuf1Dialect.INSTANCE.decodePublicKey(json);
  }

  public SignatureAlgorithm algorithm() throws MetadataFormatException {
    return Tuf1Dialect.INSTANCE.signatureAlgorithm(json, Map.of());
  }

  /**
   * What differs from the way TUF 1.0 writes keys today, or null: go-tuf's early key type name
   * {@code ecdsa-sha2-nistp256} and its public point in hex instead of PEM.
   */
  public String legacyEncoding() {
    Object pub = ((Map<?, ?>) json.get("keyval")).get("public");
    boolean hex =
        keyType().startsWith("ecdsa")
            && pub instanceof String
            && !((String) pub).startsWith("-----BEGIN");
    boolean oldType = keyType().equals(Tuf1Dialect.ECDSA_SCHEME);
    if (!hex && !oldType) {
      return null;
    }
    return (oldType ? "key type " + keyType() + " (now 'ecdsa')" : "")
        + (oldType && hex ? ", " : "")
        + (hex ? "the public point in hex (now PEM)" : "");
  }

  /**
   * This key with custom field {@code name} set to {@code value} (null removes it), under the ID
   * the rule gives the changed key object: a key ID always follows its key's fields.
   */
  public Tuf1Key withField(String name, Object value) throws MetadataFormatException {
    if (!name.startsWith("x-")) {
      throw new MetadataFormatException("custom key fields start with 'x-', not '" + name + "'");
    }
    Map<String, Object> changed = new LinkedHashMap<>(json);
    if (value == null) {
      changed.remove(name);
    } else {
      changed.put(name, value);
    }
    return new Tuf1Key(Tuf1Dialect.INSTANCE.keyId(changed), changed);
  }

  @Override
  public String toString() {
    return "Tuf1Key[" + id + ", " + keyType() + "/" + scheme() + "]";
  }
}
