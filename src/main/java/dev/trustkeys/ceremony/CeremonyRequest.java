package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf.Json;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufKey;
import dev.trustkeys.tuf.TufSignature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A root signing request: a plain file that travels between key holders (USB stick, e-mail). It holds the root
 * in force ({@code base_root}, the exact file), the proposed next root ({@code signed}, whose canonical JSON is the
 * exact bytes every holder signs, also given as {@code signed_bytes}), a readable summary, the signatures
 * collected so far and the transcript.
 *
 * <p>Anyone who has the file can edit it and recompute every hash in it. So the {@code summary} is written for
 * people reading the file and never read back: what {@code keys} shows is {@link #change()}, computed from the two
 * roots.
 */
public final class CeremonyRequest {
  public static final String FORMAT = "keys-root-signing-request/1";
  private final String gun;
  private final byte[] baseRoot;
  private final Map<String, Object> signed;
  private final Root base;
  private final Root proposed;
  private final List<TufSignature> signatures;
  private final Transcript transcript;

  /** Refuses a base root or proposed root that is not a readable root. */
  public CeremonyRequest(String gun, byte[] baseRoot, Map<String, Object> signed, List<TufSignature> signatures,
      Transcript transcript) throws MetadataException {
    this.gun = gun;
    this.baseRoot = baseRoot.clone();
    this.signed = signed;
    this.base = Root.fromJson(Signed.parse(baseRoot).signed());
    this.proposed = Root.fromJson(signed);
    this.signatures = new ArrayList<>(signatures);
    this.transcript = transcript;
  }

  public String gun() {
    return gun;
  }

  public byte[] baseRoot() {
    return baseRoot.clone();
  }

  /** The root in force when the request was planned. */
  public Root base() {
    return base;
  }

  public Root proposed() {
    return proposed;
  }

  /** The exact bytes to sign. */
  public byte[] bytesToSign() {
    return Json.canonical(signed);
  }

  /** The SHA-256 of {@link #bytesToSign()}, in hex: what a coordinator reads out to the holders. */
  public String sha256() {
    return Transcript.sha256Hex(bytesToSign());
  }

  /** What the proposed root changes, computed from the two roots (never from the file's summary). */
  public RootChange change() throws MetadataException {
    return RootChange.between(base, proposed);
  }

  /** The root key of the base or the proposed root that {@code query} names: its key ID, certificate ID or a prefix. */
  public Optional<TufKey> rootKey(String query) throws MetadataException {
    String q = query.trim().toLowerCase(java.util.Locale.ROOT);
    Map<KeyId, TufKey> hits = new LinkedHashMap<>();
    if (q.length() >= KeyId.MIN_PREFIX) {
      for (Root r : List.of(base, proposed)) {
        for (TufKey k : r.keysOf("root").values()) {
          if (k.id().hex().startsWith(q) || k.canonicalId().hex().startsWith(q)) {
            hits.putIfAbsent(k.canonicalId(), k);
          }
        }
      }
    }
    return hits.size() == 1 ? Optional.of(hits.values().iterator().next()) : Optional.empty();
  }

  public List<TufSignature> signatures() {
    return List.copyOf(signatures);
  }

  public Transcript transcript() {
    return transcript;
  }

  /** The proposed root with every signature collected, as it would be published. */
  public Signed signedRoot() {
    return new Signed(signed, List.of()).withSignatures(signatures);
  }

  void addSignature(TufSignature s) {
    signatures.removeIf(x -> x.keyId().equals(s.keyId()));
    signatures.add(s);
  }

  /** What the transcript's first entry is chained to: the request's fixed content. */
  public String anchor() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("gun", gun);
    m.put("base_root_sha256", Transcript.sha256Hex(baseRoot));
    m.put("signed_sha256", Transcript.sha256Hex(bytesToSign()));
    return Transcript.sha256Hex(Json.canonical(m));
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("gun", gun);
    try {
      m.put("summary", change().lines());
    } catch (MetadataException e) {
      m.put("summary", List.of("(cannot describe the change: " + e.getMessage() + ")"));
    }
    m.put("base_root", Base64.getEncoder().encodeToString(baseRoot));
    m.put("signed", signed);
    m.put("signed_bytes", Base64.getEncoder().encodeToString(bytesToSign()));
    m.put("signed_sha256", Transcript.sha256Hex(bytesToSign()));
    List<Object> sigs = new ArrayList<>();
    for (TufSignature s : signatures) {
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("keyid", s.keyId());
      j.put("method", s.method());
      j.put("sig", Base64.getEncoder().encodeToString(s.sig()));
      sigs.add(j);
    }
    m.put("signatures", sigs);
    m.put("transcript", new ArrayList<Object>(transcript.entries()));
    return m;
  }

  public void write(Path file) throws KeysException {
    dev.trustkeys.core.io.AtomicWrite.write(
        file.toAbsolutePath(), Json.canonical(toJson()), dev.trustkeys.core.io.AtomicWrite.PUBLIC);
  }

  /** The most bytes a signing request file may hold (a root with many keys and certificates is well under). */
  static final int MAX_BYTES = 16 << 20;

  @SuppressWarnings("unchecked")
  public static CeremonyRequest read(Path file) throws KeysException {
    byte[] bytes;
    try {
      bytes = dev.trustkeys.core.io.InputFiles.read(file, MAX_BYTES);
    } catch (IOException e) {
      throw dev.trustkeys.core.io.IoErrors.cannotReadNamed("signing request " + file, e);
    }
    Map<String, Object> m;
    try {
      m = Json.parseObject(bytes);
    } catch (MetadataException e) {
      throw new MetadataException(file + " is not a readable signing request: " + e.getMessage());
    }
    if (!FORMAT.equals(m.get("format"))) {
      throw new MetadataException(file + " is not a root signing request (" + FORMAT + ")");
    }
    Map<String, Object> signed;
    byte[] declared;
    List<TufSignature> sigs = new ArrayList<>();
    List<Map<String, Object>> entries = new ArrayList<>();
    byte[] base;
    String gun;
    try {
      gun = (String) java.util.Objects.requireNonNull(m.get("gun"));
      signed = (Map<String, Object>) m.get("signed");
      declared = Base64.getDecoder().decode((String) m.get("signed_bytes"));
      for (Object o : (List<Object>) m.get("signatures")) {
        Map<String, Object> s = (Map<String, Object>) o;
        sigs.add(new TufSignature((String) s.get("keyid"), (String) s.get("method"),
            Base64.getDecoder().decode((String) s.get("sig"))));
      }
      for (Object o : (List<Object>) m.get("transcript")) {
        entries.add(new LinkedHashMap<>((Map<String, Object>) o));
      }
      base = Base64.getDecoder().decode((String) m.get("base_root"));
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new MetadataException(file + " is a malformed signing request");
    }
    if (!java.util.Arrays.equals(declared, Json.canonical(signed))) {
      throw new MetadataException(file + ": signed_bytes do not match the proposed root: the file was edited");
    }
    try {
      return new CeremonyRequest(gun, base, signed, sigs, new Transcript(entries));
    } catch (MetadataException e) {
      throw new MetadataException(file + " is a malformed signing request: " + e.getMessage());
    }
  }
}
