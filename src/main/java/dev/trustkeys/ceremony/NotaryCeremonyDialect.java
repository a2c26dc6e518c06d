package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.metadata.MetadataDialect;
import dev.trustkeys.metadata.MetadataFormatException;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.Json;
import dev.trustkeys.tuf.KeyName;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.NotaryDialect;
import dev.trustkeys.tuf.RoleKeys;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufKey;
import dev.trustkeys.tuf.TufSignature;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Root ceremonies for Notary's TUF: roots of a GUN whose root keys are listed by certificate. */
final class NotaryCeremonyDialect implements CeremonyDialect {
  static final String FORMAT = "keys-root-signing-request/1";

  @Override
  public MetadataDialect metadata() {
    return NotaryDialect.INSTANCE;
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String subjectField() {
    return "gun";
  }

  @Override
  public String describeSubject(String subject) {
    return subject;
  }

  @Override
  public CeremonyRoot root(Map<String, Object> signed) throws MetadataFormatException {
    Root r;
    try {
      r = Root.fromJson(signed);
    } catch (MetadataException e) {
      throw new MetadataFormatException(e.getMessage(), e);
    }
    Map<String, RootKey> keys = new LinkedHashMap<>();
    r.keys().forEach((id, k) -> keys.put(id, new NotaryKey(id, k)));
    Map<String, CeremonyRoot.Role> roles = new LinkedHashMap<>();
    Map<?, ?> roleJson = (Map<?, ?>) signed.get("roles");
    for (Map.Entry<String, RoleKeys> e : r.roles().entrySet()) {
      roles.put(
          e.getKey(),
          new CeremonyRoot.Role(
              e.getValue().keyIds(), e.getValue().threshold(), asObject(roleJson.get(e.getKey()))));
    }
    return new CeremonyRoot(signed, r.version(), r.expires(), keys, roles);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asObject(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  @Override
  @SuppressWarnings("unchecked")
  public Envelope parseFile(byte[] file) throws MetadataFormatException {
    try {
      Signed s = Signed.parse(file);
      List<Map<String, Object>> sigs = new ArrayList<>();
      Object list = Json.parseObject(file).get("signatures");
      if (list instanceof List) {
        for (Object o : (List<Object>) list) {
          sigs.add((Map<String, Object>) o);
        }
      }
      return new Envelope(s.signed(), sigs);
    } catch (MetadataException e) {
      throw new MetadataFormatException(e.getMessage(), e);
    }
  }

  @Override
  public Map<String, Object> signatureEntry(String keyId, SignatureValue value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keyid", keyId);
    m.put("method", NotaryDialect.INSTANCE.schemeName(value.algorithm()));
    m.put("sig", NotaryDialect.INSTANCE.encodeSignature(value));
    return m;
  }

  @Override
  public void checkSignatureEntry(Map<String, Object> entry) throws MetadataFormatException {
    if (!(entry.get("keyid") instanceof String)
        || !(entry.get("method") instanceof String)
        || !(entry.get("sig") instanceof String)) {
      throw new MetadataFormatException("a signature has no keyid, method or sig");
    }
    NotaryDialect.INSTANCE.decodeSignature(
        SignatureAlgorithm.ECDSA_P256_SHA256, (String) entry.get("sig"));
  }

  @Override
  public SignatureValue signatureOf(Map<String, Object> entry, RootKey key) {
    try {
      SignatureAlgorithm a = NotaryDialect.INSTANCE.signatureAlgorithm(key.json(), entry);
      return NotaryDialect.INSTANCE.decodeSignature(a, String.valueOf(entry.get("sig")));
    } catch (MetadataFormatException e) {
      return null;
    }
  }

  @Override
  public Map<String, Object> nextRoot(
      CeremonyRoot base, Map<String, Map<String, Object>> rootKeys, int threshold, Instant expires)
      throws KeysException {
    List<TufKey> keys = new ArrayList<>();
    for (Map<String, Object> k : rootKeys.values()) {
      keys.add(NotaryDialect.key(k));
    }
    return Root.fromJson(base.signed()).withRole("root", keys, threshold).next(expires).toJson();
  }

  @Override
  public String keyId(Map<String, Object> keyObject) throws MetadataFormatException {
    return NotaryDialect.INSTANCE.keyId(keyObject);
  }

  @Override
  public Duration defaultRootExpiry(CeremonyRoot base) {
    return Expiry.ROOT;
  }

  @Override
  public List<String> proposalProblems(CeremonyRoot proposed) {
    return List.of();
  }

  @Override
  public byte[] requestBytes(Map<String, Object> request) {
    return Json.canonical(request);
  }

  @Override
  public byte[] rootFile(
      Map<String, Object> signed, List<Map<String, Object>> signatures, byte[] baseFile) {
    List<TufSignature> sigs = new ArrayList<>();
    for (Map<String, Object> s : signatures) {
      sigs.add(
          new TufSignature(
              (String) s.get("keyid"),
              (String) s.get("method"),
              Base64.getDecoder().decode((String) s.get("sig"))));
    }
    return new Signed(signed, sigs).toBytes();
  }

  /**
   * A Notary root key: a certificate key (root.json's) or a plain key, named as {@link KeyName}
   * names it.
   */
  static final class NotaryKey implements RootKey {
    private final String id;
    private final TufKey key;

    NotaryKey(String id, TufKey key) {
      this.id = id;
      this.key = key;
    }

    TufKey tufKey() {
      return key;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Map<String, Object> json() {
      return NotaryDialect.keyObject(key);
    }

    @Override
    public KeyId handle() throws MetadataFormatException {
      try {
        return key.canonicalId();
      } catch (MetadataException e) {
        throw new MetadataFormatException(e.getMessage(), e);
      }
    }

    @Override
    public PublicKey publicKey() throws MetadataFormatException {
      try {
        return key.publicKey();
      } catch (MetadataException e) {
        throw new MetadataFormatException(e.getMessage(), e);
      }
    }

    @Override
    public SignatureAlgorithm algorithm() throws MetadataFormatException {
      return NotaryDialect.INSTANCE.signatureAlgorithm(json(), Map.of());
    }

    @Override
    public String label() {
      return KeyName.of(id, key).label();
    }

    @Override
    public String fullLabel() {
      return KeyName.of(id, key).fullLabel();
    }

    @Override
    public List<String> details() {
      try {
        Optional<X509Certificate> cert = key.leafCertificate();
        if (cert.isPresent()) {
          return List.of(
              "CN=" + RootCertificates.commonName(cert.get()),
              "valid until " + Expiry.format(cert.get().getNotAfter().toInstant()));
        }
      } catch (MetadataException e) {
        return List.of("certificate unreadable");
      }
      return List.of();
    }

    @Override
    public Map<String, Object> toJson() {
      return KeyName.of(id, key).toJson();
    }
  }
}
