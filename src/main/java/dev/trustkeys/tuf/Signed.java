package dev.trustkeys.tuf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metadata file: the {@code signed} object and its {@code signatures}. The bytes that are signed
 * are the canonical JSON of {@code signed} (Notary re-encodes it canonically before verifying).
 */
public final class Signed {
  private final Map<String, Object> signed;
  private final List<TufSignature> signatures;

  public Signed(Map<String, Object> signed, List<TufSignature> signatures) {
    this.signed = signed;
    this.signatures = List.copyOf(signatures);
  }

  public Map<String, Object> signed() {
    return signed;
  }

  public List<TufSignature> signatures() {
    return signatures;
  }

  /** The exact bytes a signature covers. */
  public byte[] canonicalSigned() {
    return Json.canonical(signed);
  }

  /** A copy with {@code more} signatures added (replacing earlier ones by the same key ID). */
  public Signed withSignatures(List<TufSignature> more) {
    Map<String, TufSignature> byId = new LinkedHashMap<>();
    for (TufSignature s : signatures) {
      byId.put(s.keyId(), s);
    }
    for (TufSignature s : more) {
      byId.put(s.keyId(), s);
    }
    return new Signed(signed, new ArrayList<>(byId.values()));
  }

  /**
   * The file's bytes as Notary writes them: Go's struct order at the top ({@code signed} before
   * {@code signatures}), canonical JSON inside, no whitespace.
   */
  public byte[] toBytes() {
    List<Object> sigs = new ArrayList<>();
    for (TufSignature s : signatures) {
      sigs.add(s.toJson());
    }
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("signed", signed);
    envelope.put("signatures", sigs);
    try {
      return NotaryDialect.INSTANCE.encodeFile(envelope);
    } catch (MetadataException e) {
      // only a value canonical JSON cannot hold (a lone surrogate), which the parser never lets in
      throw (IllegalArgumentException) e.getCause();
    }
  }

  public static Signed parse(byte[] file) throws MetadataException {
    Map<String, Object> doc = NotaryDialect.INSTANCE.decodeFile(file);
    List<TufSignature> sigs = new ArrayList<>();
    Object list = doc.get("signatures");
    if (list != null) {
      for (Object o : Json.asList(list, "signatures")) {
        sigs.add(TufSignature.fromJson(o));
      }
    }
    return new Signed(Json.asMap(doc.get("signed"), "signed"), sigs);
  }

  /** The {@code version} field (range-checked). */
  public long version() throws MetadataException {
    return Json.asVersion(signed.get("version"), "signed.version");
  }

  /** The {@code _type} field: Root, Targets, Snapshot or Timestamp. */
  public String type() throws MetadataException {
    return Json.asString(signed.get("_type"), "signed._type");
  }
}
