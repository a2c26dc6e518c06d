package dev.trustkeys.tuf1;

import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.metadata.MetadataFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One TUF 1.0 metadata file: {@code {"signatures": [...], "signed": {...}}}, held as the parsed
 * tree so that every field another tool wrote (custom {@code x-} fields, {@code
 * keyid_hash_algorithms}, fields of later spec versions) stays where it was, together with the
 * file's {@link JsonStyle}. Unchanged, {@link #toBytes()} gives back the file's bytes; changed, the
 * file as its tool would have written it.
 */
public final class Metadata {
  /** The top-level role types. */
  public static final List<String> TYPES = List.of("root", "targets", "snapshot", "timestamp");

  private final Map<String, Object> envelope;
  private final JsonStyle style;
  private final byte[] original;

  private Metadata(Map<String, Object> envelope, JsonStyle style, byte[] original) {
    this.envelope = envelope;
    this.style = style;
    this.original = original;
  }

  /** Reads a file's bytes (UTF-8 JSON). */
  public static Metadata parse(byte[] bytes) throws MetadataFormatException {
    Map<String, Object> env = Tuf1Dialect.INSTANCE.decodeFile(bytes);
    Metadata md = new Metadata(env, JsonStyle.detect(bytes, env), bytes.clone());
    String type = md.type();
    if (!type.equals(type.toLowerCase(java.util.Locale.ROOT))) {
      throw new MetadataFormatException(
          "_type '" + type + "' is Notary's spelling: TUF 1.0 writes it in lower case");
    }
    md.version();
    return md;
  }

  /**
   * New metadata of {@code type} with the common fields; the role's own fields are added by the
   * caller.
   */
  public static Metadata create(String type, long version, Instant expires) {
    Map<String, Object> signed = new LinkedHashMap<>();
    signed.put("_type", type);
    signed.put("spec_version", SpecVersion.WRITTEN);
    signed.put("version", version);
    signed.put("expires", Expiry.format(expires));
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("signatures", new ArrayList<>());
    env.put("signed", signed);
    return new Metadata(env, JsonStyle.PYTHON_TUF, null);
  }

  /**
   * Unsigned metadata around an existing {@code signed} tree (a proposed root carried in a signing
   * request), written as python-tuf writes files. Checks the common fields as {@link #parse} does.
   */
  public static Metadata wrap(Map<String, Object> signed) throws MetadataFormatException {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("signatures", new ArrayList<>());
    env.put("signed", signed);
    Metadata md = new Metadata(env, JsonStyle.PYTHON_TUF, null);
    String type = md.type();
    if (!type.equals(type.toLowerCase(java.util.Locale.ROOT))) {
      throw new MetadataFormatException(
          "_type '" + type + "' is Notary's spelling: TUF 1.0 writes it in lower case");
    }
    md.version();
    return md;
  }

  /** The {@code signed} part, live: edits change this metadata (and drop nothing else). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> signed() {
    return (Map<String, Object>) envelope.get("signed");
  }

  public String type() throws MetadataFormatException {
    return Fields.string(signed(), "_type", "signed");
  }

  public long version() throws MetadataFormatException {
    long v = Fields.integer(signed(), "version", "signed");
    if (v < 1) {
      throw new MetadataFormatException("version " + v + " is not a positive integer");
    }
    return v;
  }

  public String specVersion() throws MetadataFormatException {
    return Fields.string(signed(), "spec_version", "signed");
  }

  public String expiresText() throws MetadataFormatException {
    return Fields.string(signed(), "expires", "signed");
  }

  public Instant expires() throws MetadataFormatException {
    return Expiry.parse(expiresText());
  }

  public void version(long version) {
    signed().put("version", version);
  }

  public void expires(Instant expires) {
    signed().put("expires", Expiry.format(expires));
  }

  public JsonStyle style() {
    return style;
  }

  /** What is signed: the canonical JSON of {@code signed}. */
  public byte[] signedBytes() throws MetadataFormatException {
    return CanonicalJson.encode(signed());
  }

  /**
   * One entry of {@code signatures}: the key ID and the hex signature ({@code ""}: a signer who has
   * not signed).
   */
  public record Signature(String keyId, String sig) {
    public boolean isPlaceholder() {
      return sig.isEmpty();
    }
  }

  public List<Signature> signatures() {
    List<Signature> out = new ArrayList<>();
    for (Map<String, Object> s : signatureMaps()) {
      out.add(new Signature((String) s.get("keyid"), (String) s.get("sig")));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> signatureMaps() {
    return (List<Map<String, Object>>) envelope.get("signatures");
  }

  /**
   * Adds {@code key}'s signature as python-tuf's {@code Metadata.sign(append=True)} does: where the
   * key already has an entry (a {@code ""} placeholder or an older signature) it is replaced in
   * place, else it is appended.
   */
  public void putSignature(String keyId, SignatureValue value) throws MetadataFormatException {
    putSignatureText(keyId, Tuf1Dialect.INSTANCE.encodeSignature(value));
  }

  /** {@link #putSignature} with the encoded text ({@code ""} for a placeholder). */
  public void putSignatureText(String keyId, String sig) {
    for (Map<String, Object> s : signatureMaps()) {
      if (keyId.equals(s.get("keyid"))) {
        s.put("sig", sig);
        return;
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("keyid", keyId);
    s.put("sig", sig);
    signatureMaps().add(s);
  }

  public void clearSignatures() {
    signatureMaps().clear();
  }

  /**
   * The file's bytes: the tree in the file's style, which for an unchanged file of python-tuf,
   * tuf-on-ci or go-tuf is the file as read ({@link #reproducesOriginal()}).
   */
  public byte[] toBytes() throws MetadataFormatException {
    return style.write(envelope);
  }

  /**
   * Whether {@link #toBytes()} of the unchanged file gives back exactly the bytes it was read from.
   */
  public boolean reproducesOriginal() throws MetadataFormatException {
    return original != null && Arrays.equals(original, style.write(envelope));
  }

  /** A deep copy (to edit without touching this one). */
  public Metadata copy() throws MetadataFormatException {
    byte[] b = JsonStyle.PYTHON_TUF.write(envelope);
    Metadata m = parse(b);
    return new Metadata(m.envelope, style, null);
  }
}
