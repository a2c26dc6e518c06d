package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.tuf.Json;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufSignature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A root signing request: a plain file that travels between key holders (USB stick, e-mail). It holds the root
 * in force ({@code base_root}, the exact file), the proposed next root ({@code signed}, whose canonical JSON is the
 * exact bytes every holder signs, also given as {@code signed_bytes}), a readable summary, who must sign, the
 * signatures collected so far and the transcript.
 */
public final class CeremonyRequest {
  public static final String FORMAT = "keys-root-signing-request/1";
  private final String gun;
  private final byte[] baseRoot;
  private final Map<String, Object> signed;
  private final List<String> summary;
  private final List<TufSignature> signatures;
  private final Transcript transcript;

  public CeremonyRequest(String gun, byte[] baseRoot, Map<String, Object> signed, List<String> summary,
      List<TufSignature> signatures, Transcript transcript) {
    this.gun = gun;
    this.baseRoot = baseRoot.clone();
    this.signed = signed;
    this.summary = List.copyOf(summary);
    this.signatures = new ArrayList<>(signatures);
    this.transcript = transcript;
  }

  public String gun() {
    return gun;
  }

  public byte[] baseRoot() {
    return baseRoot.clone();
  }

  public Root base() throws MetadataException {
    return Root.fromJson(Signed.parse(baseRoot).signed());
  }

  public Root proposed() throws MetadataException {
    return Root.fromJson(signed);
  }

  /** The exact bytes to sign. */
  public byte[] bytesToSign() {
    return Json.canonical(signed);
  }

  public List<String> summary() {
    return summary;
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
    m.put("summary", summary);
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
    try {
      Map<String, Object> signed = (Map<String, Object>) m.get("signed");
      byte[] declared = Base64.getDecoder().decode((String) m.get("signed_bytes"));
      if (!java.util.Arrays.equals(declared, Json.canonical(signed))) {
        throw new MetadataException(file + ": signed_bytes do not match the proposed root: the file was edited");
      }
      List<TufSignature> sigs = new ArrayList<>();
      for (Object o : (List<Object>) m.get("signatures")) {
        Map<String, Object> s = (Map<String, Object>) o;
        sigs.add(new TufSignature((String) s.get("keyid"), (String) s.get("method"),
            Base64.getDecoder().decode((String) s.get("sig"))));
      }
      List<Map<String, Object>> entries = new ArrayList<>();
      for (Object o : (List<Object>) m.get("transcript")) {
        entries.add(new LinkedHashMap<>((Map<String, Object>) o));
      }
      List<String> summary = new ArrayList<>();
      for (Object o : (List<Object>) m.get("summary")) {
        summary.add((String) o);
      }
      return new CeremonyRequest((String) m.get("gun"), Base64.getDecoder().decode((String) m.get("base_root")),
          signed, summary, sigs, new Transcript(entries));
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new MetadataException(file + " is a malformed signing request");
    }
  }
}
