package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.metadata.MetadataFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A root signing request: a plain file that travels between key holders (USB stick, e-mail). It
 * holds the root in force ({@code base_root}, the exact file), the proposed next root ({@code
 * signed}, whose canonical form in the request's dialect is the exact bytes every holder signs,
 * also given as {@code signed_bytes}), a readable summary, the signatures collected so far and the
 * transcript. Its {@code format} names the dialect: Notary's TUF (a GUN's root on a Notary server)
 * or TUF 1.0 (a repository's root).
 *
 * <p>Anyone who has the file can edit it and recompute every hash in it. So the {@code summary} is
 * written for people reading the file and never read back: what {@code keys} shows is {@link
 * #change()}, computed from the two roots.
 */
public final class CeremonyRequest {
  /** The format of Notary requests (TUF 1.0 requests: {@code keys-tuf-root-signing-request/1}). */
  public static final String FORMAT = NotaryCeremonyDialect.FORMAT;

  private final CeremonyDialect dialect;
  private final String subject;
  private final byte[] baseRoot;
  private final Map<String, Object> signed;
  private final byte[] bytesToSign;
  private final CeremonyRoot base;
  private final CeremonyRoot proposed;
  private final List<Map<String, Object>> signatures;
  private final Transcript transcript;

  /** Refuses a base root or proposed root that is not a readable root of {@code dialect}. */
  public CeremonyRequest(
      CeremonyDialect dialect,
      String subject,
      byte[] baseRoot,
      Map<String, Object> signed,
      List<Map<String, Object>> signatures,
      Transcript transcript)
      throws MetadataFormatException {
    this.dialect = dialect;
    this.subject = subject;
    this.baseRoot = baseRoot.clone();
    this.signed = signed;
    this.bytesToSign = dialect.metadata().canonicalBytes(signed);
    this.base = dialect.root(dialect.parseFile(baseRoot).signed());
    this.proposed = dialect.root(signed);
    this.signatures = new ArrayList<>();
    for (Map<String, Object> s : signatures) {
      dialect.checkSignatureEntry(s);
      this.signatures.add(new LinkedHashMap<>(s));
    }
    this.transcript = transcript;
  }

  public CeremonyDialect dialect() {
    return dialect;
  }

  /** What the root belongs to: the GUN (Notary), the repository's name (TUF 1.0). */
  public String subject() {
    return subject;
  }

  /** {@link #subject()} for messages. */
  public String describeSubject() {
    return dialect.describeSubject(subject);
  }

  public byte[] baseRoot() {
    return baseRoot.clone();
  }

  /** The root in force when the request was planned. */
  public CeremonyRoot base() {
    return base;
  }

  public CeremonyRoot proposed() {
    return proposed;
  }

  /** The exact bytes to sign. */
  public byte[] bytesToSign() {
    return bytesToSign.clone();
  }

  /** The SHA-256 of {@link #bytesToSign()}, in hex: what a coordinator reads out to the holders. */
  public String sha256() {
    return Transcript.sha256Hex(bytesToSign);
  }

  /**
   * What the proposed root changes, computed from the two roots (never from the file's summary).
   */
  public RootChange change() throws MetadataFormatException {
    return RootChange.between(base, proposed);
  }

  /**
   * The root key of the base or the proposed root that {@code query} names: its key ID, metadata ID
   * or a prefix.
   */
  public Optional<RootKey> rootKey(String query) throws MetadataFormatException {
    String q = query.trim().toLowerCase(Locale.ROOT);
    Map<String, RootKey> hits = new LinkedHashMap<>();
    if (q.length() >= KeyId.MIN_PREFIX) {
      for (CeremonyRoot r : List.of(base, proposed)) {
        for (RootKey k : r.keysOf("root").values()) {
          String handle = k.handleIfReadable().map(KeyId::hex).orElse("");
          if (k.id().startsWith(q) || handle.startsWith(q)) {
            hits.putIfAbsent(handle.isEmpty() ? k.id() : handle, k);
          }
        }
      }
    }
    return hits.size() == 1 ? Optional.of(hits.values().iterator().next()) : Optional.empty();
  }

  /** The signature entries collected so far, as the dialect writes them. */
  public List<Map<String, Object>> signatures() {
    List<Map<String, Object>> out = new ArrayList<>();
    signatures.forEach(s -> out.add(java.util.Collections.unmodifiableMap(s)));
    return out;
  }

  public Transcript transcript() {
    return transcript;
  }

  /** The metadata IDs of {@code root}'s root keys that validly signed, one per public key. */
  public List<String> validSigners(CeremonyRoot root) throws MetadataFormatException {
    return RootSignatures.validSigners(dialect, signatures, root.keysOf("root"), bytesToSign);
  }

  /**
   * The proposed root with every signature collected, as it would be published (written as the base
   * root is).
   */
  public byte[] signedRootFile() throws MetadataFormatException {
    return dialect.rootFile(signed, signatures, baseRoot);
  }

  void addSignature(Map<String, Object> entry) {
    signatures.removeIf(x -> x.get("keyid").equals(entry.get("keyid")));
    signatures.add(new LinkedHashMap<>(entry));
  }

  /** What the transcript's first entry is chained to: the request's fixed content. */
  public String anchor() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", dialect.format());
    m.put(dialect.subjectField(), subject);
    m.put("base_root_sha256", Transcript.sha256Hex(baseRoot));
    m.put("signed_sha256", sha256());
    return Transcript.sha256Hex(dev.trustkeys.tuf.Json.canonical(m));
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", dialect.format());
    m.put(dialect.subjectField(), subject);
    try {
      m.put("summary", change().lines());
    } catch (MetadataFormatException e) {
      m.put("summary", List.of("(cannot describe the change: " + e.getMessage() + ")"));
    }
    m.put("base_root", Base64.getEncoder().encodeToString(baseRoot));
    m.put("signed", signed);
    m.put("signed_bytes", Base64.getEncoder().encodeToString(bytesToSign));
    m.put("signed_sha256", sha256());
    m.put("signatures", new ArrayList<Object>(signatures));
    m.put("transcript", new ArrayList<Object>(transcript.entries()));
    return m;
  }

  public void write(Path file) throws KeysException {
    dev.trustkeys.core.io.AtomicWrite.write(
        file.toAbsolutePath(),
        dialect.requestBytes(toJson()),
        dev.trustkeys.core.io.AtomicWrite.PUBLIC);
  }

  /**
   * The most bytes a signing request file may hold (a root with many keys and certificates is well
   * under).
   */
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
      m = dev.trustkeys.tuf.Json.parseObject(bytes);
    } catch (dev.trustkeys.tuf.MetadataException e) {
      throw new MetadataFormatException(
          file + " is not a readable signing request: " + e.getMessage());
    }
    CeremonyDialect dialect = CeremonyDialect.ofFormat(m.get("format"));
    if (dialect == null) {
      throw new MetadataFormatException(
          file
              + " is not a root signing request ("
              + NotaryCeremonyDialect.FORMAT
              + " or "
              + Tuf1CeremonyDialect.FORMAT
              + ")");
    }
    Map<String, Object> signed;
    byte[] declared;
    List<Map<String, Object>> sigs = new ArrayList<>();
    List<Map<String, Object>> entries = new ArrayList<>();
    byte[] base;
    String subject;
    try {
      subject = (String) java.util.Objects.requireNonNull(m.get(dialect.subjectField()));
      signed = (Map<String, Object>) java.util.Objects.requireNonNull(m.get("signed"));
      declared = Base64.getDecoder().decode((String) m.get("signed_bytes"));
      for (Object o : (List<Object>) m.get("signatures")) {
        sigs.add((Map<String, Object>) o);
      }
      for (Object o : (List<Object>) m.get("transcript")) {
        entries.add(new LinkedHashMap<>((Map<String, Object>) o));
      }
      base = Base64.getDecoder().decode((String) m.get("base_root"));
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new MetadataFormatException(file + " is a malformed signing request");
    }
    byte[] canonical;
    try {
      canonical = dialect.metadata().canonicalBytes(signed);
    } catch (MetadataFormatException e) {
      throw new MetadataFormatException(
          file + " is a malformed signing request: " + e.getMessage());
    }
    if (!Arrays.equals(declared, canonical)) {
      throw new MetadataFormatException(
          file + ": signed_bytes do not match the proposed root: the file was edited");
    }
    try {
      return new CeremonyRequest(dialect, subject, base, signed, sigs, new Transcript(entries));
    } catch (MetadataFormatException | ClassCastException e) {
      throw new MetadataFormatException(
          file + " is a malformed signing request: " + e.getMessage());
    }
  }
}
