package dev.trustkeys.ceremony;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.Signer;
import dev.trustkeys.metadata.MetadataFormatException;
import dev.trustkeys.tuf.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hash-chained record of a ceremony. Each entry holds {@code seq}, {@code prev} (the previous
 * entry's hash; for the first, the hash of the request's fixed content) and {@code hash} = SHA-256
 * of the canonical JSON of the entry without {@code hash}. Editing, removing or reordering an entry
 * breaks the chain.
 */
public final class Transcript {
  private final List<Map<String, Object>> entries;

  public Transcript(List<Map<String, Object>> entries) {
    this.entries = new ArrayList<>(entries);
  }

  public List<Map<String, Object>> entries() {
    return List.copyOf(entries);
  }

  /** Appends an entry made of {@code fields}; returns its hash. */
  public String append(String anchor, Map<String, Object> fields) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("seq", (long) entries.size());
    e.put(
        "prev", entries.isEmpty() ? anchor : (String) entries.get(entries.size() - 1).get("hash"));
    e.putAll(fields);
    String h = hashOf(e);
    e.put("hash", h);
    entries.add(e);
    return h;
  }

  /**
   * Appends an entry signed by {@code key}: the entry names the key ({@code key_id}, {@code
   * canonical_key_id}, both covered by its hash) and {@code entry_sig} is the key's signature over
   * the hash. Returns the hash.
   */
  String appendSigned(String anchor, Map<String, Object> fields, RootKey key, Signer signer)
      throws KeysException {
    Map<String, Object> e = new LinkedHashMap<>(fields);
    e.put("key_id", key.id());
    e.put("canonical_key_id", key.handle().hex());
    String hash = append(anchor, e);
    entries
        .get(entries.size() - 1)
        .put(
            "entry_sig",
            dev.trustkeys.tuf.NotaryDialect.INSTANCE.encodeSignature(signer.sign(utf8(hash))));
    return hash;
  }

  /**
   * The key that signed entry {@code i}, or empty when the entry names none. An entry that names a
   * key must name one of {@code keys} (by metadata ID) and carry that key's valid signature over
   * its hash.
   */
  Optional<RootKey> signerOf(int i, Map<String, RootKey> keys) throws TranscriptTamperedException {
    Map<String, Object> e = entries.get(i);
    Object id = e.get("key_id");
    Object sig = e.get("entry_sig");
    if (id == null && sig == null) {
      return Optional.empty();
    }
    RootKey k = id instanceof String ? keys.get(id) : null;
    if (k == null) {
      throw new TranscriptTamperedException(
          i,
          "entry "
              + i
              + " ("
              + e.get("action")
              + ") names a key that is not"
              + " a root key of this request");
    }
    boolean valid;
    try {
      valid =
          sig instanceof String
              && new SignatureValue(k.algorithm(), Base64.getDecoder().decode((String) sig))
                  .verify(k.publicKey(), utf8(String.valueOf(e.get("hash"))));
    } catch (IllegalArgumentException | MetadataFormatException ex) {
      valid = false;
    }
    if (!valid) {
      throw new TranscriptTamperedException(
          i,
          "entry "
              + i
              + " ("
              + e.get("action")
              + ") is not signed by key "
              + k.label()
              + " it names");
    }
    return Optional.of(k);
  }

  static String hashOf(Map<String, Object> entry) {
    Map<String, Object> copy = new LinkedHashMap<>(entry);
    copy.remove("hash");
    copy.remove("entry_sig");
    return sha256Hex(Json.canonical(copy));
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Checks the chain; throws {@link TranscriptTamperedException} naming the first broken entry. */
  public void verifyChain(String anchor) throws KeysException {
    String prev = anchor;
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> e = entries.get(i);
      if (!Long.valueOf(i).equals(e.get("seq"))) {
        throw new TranscriptTamperedException(
            i, "entry " + i + " has sequence number " + e.get("seq"));
      }
      if (!prev.equals(e.get("prev"))) {
        throw new TranscriptTamperedException(
            i,
            "entry "
                + i
                + " does not follow "
                + (i == 0 ? "the request it belongs to" : "entry " + (i - 1)));
      }
      if (!hashOf(e).equals(e.get("hash"))) {
        throw new TranscriptTamperedException(
            i, "entry " + i + " (" + e.get("action") + ") was changed after it" + " was written");
      }
      prev = (String) e.get("hash");
    }
  }

  /** A broken transcript. */
  public static final class TranscriptTamperedException extends KeysException {
    private static final long serialVersionUID = 1L;
    private final int entry;

    public TranscriptTamperedException(int entry, String what) {
      this(entry, what, null);
    }

    /** {@code remedy}: what would settle it, or null. */
    public TranscriptTamperedException(int entry, String what, dev.trustkeys.core.Remedy remedy) {
      super(
          "ceremony transcript does not verify: " + what,
          ExitCode.VERIFICATION_FAILED,
          remedy,
          null);
      this.entry = entry;
    }

    public int entry() {
      return entry;
    }
  }
}
