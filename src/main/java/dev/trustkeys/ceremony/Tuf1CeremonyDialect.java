package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.metadata.MetadataDialect;
import dev.trustkeys.metadata.MetadataFormatException;
import dev.trustkeys.tuf1.Expiry;
import dev.trustkeys.tuf1.ExpiryPeriods;
import dev.trustkeys.tuf1.JsonStyle;
import dev.trustkeys.tuf1.Metadata;
import dev.trustkeys.tuf1.RoleKeys;
import dev.trustkeys.tuf1.Root;
import dev.trustkeys.tuf1.Tuf1Dialect;
import dev.trustkeys.tuf1.Tuf1Key;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Root ceremonies for TUF 1.0 repositories (python-tuf, go-tuf, tuf-js, tuf-on-ci, Sigstore's
 * root-signing): the next root keeps every field the base root has (custom {@code x-} fields,
 * {@code spec_version}, the other roles), keys are listed under the key-ID rule's ID, and the
 * published file is written as the base root's tool wrote it.
 */
final class Tuf1CeremonyDialect implements CeremonyDialect {
  static final String FORMAT = "keys-tuf-root-signing-request/1";

  /**
   * Request files as python-tuf writes metadata, with a final newline: readable, and every tool
   * parses them.
   */
  private static final JsonStyle REQUEST_STYLE = new JsonStyle(" ", true, true, true);

  @Override
  public MetadataDialect metadata() {
    return Tuf1Dialect.INSTANCE;
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public String subjectField() {
    return "repository";
  }

  @Override
  public String describeSubject(String subject) {
    return "TUF repository " + dev.trustkeys.core.Untrusted.quote(subject);
  }

  @Override
  public CeremonyRoot root(Map<String, Object> signed) throws MetadataFormatException {
    Root r = Root.of(Metadata.wrap(signed));
    Map<String, RootKey> keys = new LinkedHashMap<>();
    r.keys().forEach((id, k) -> keys.put(id, new TufKey(k)));
    Map<String, CeremonyRoot.Role> roles = new LinkedHashMap<>();
    for (Map.Entry<String, RoleKeys> e : r.roles().entrySet()) {
      roles.put(
          e.getKey(),
          new CeremonyRoot.Role(
              e.getValue().keyIds(), e.getValue().threshold(), e.getValue().json()));
    }
    return new CeremonyRoot(signed, r.version(), r.expires(), keys, roles);
  }

  @Override
  public Envelope parseFile(byte[] file) throws MetadataFormatException {
    Metadata md = Metadata.parse(file);
    List<Map<String, Object>> sigs = new ArrayList<>();
    for (Metadata.Signature s : md.signatures()) {
      sigs.add(entry(s.keyId(), s.sig()));
    }
    return new Envelope(md.signed(), sigs);
  }

  private static Map<String, Object> entry(String keyId, String sig) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keyid", keyId);
    m.put("sig", sig);
    return m;
  }

  @Override
  public Map<String, Object> signatureEntry(String keyId, SignatureValue value)
      throws MetadataFormatException {
    return entry(keyId, Tuf1Dialect.INSTANCE.encodeSignature(value));
  }

  @Override
  public void checkSignatureEntry(Map<String, Object> entry) throws MetadataFormatException {
    if (!(entry.get("keyid") instanceof String) || !(entry.get("sig") instanceof String)) {
      throw new MetadataFormatException("a signature has no keyid or sig");
    }
  }

  @Override
  public SignatureValue signatureOf(Map<String, Object> entry, RootKey key) {
    Object sig = entry.get("sig");
    if (!(sig instanceof String) || ((String) sig).isEmpty()) {
      return null; // tuf-on-ci's placeholder for a signer who has not signed
    }
    try {
      return Tuf1Dialect.INSTANCE.decodeSignature(key.algorithm(), (String) sig);
    } catch (MetadataFormatException e) {
      return null;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> nextRoot(
      CeremonyRoot base, Map<String, Map<String, Object>> rootKeys, int threshold, Instant expires)
      throws KeysException {
    Map<String, Object> next = Metadata.wrap(base.signed()).copy().signed();
    Map<String, Object> keys = (Map<String, Object>) next.get("keys");
    Map<String, Object> roles = (Map<String, Object>) next.get("roles");
    Map<String, Object> root = (Map<String, Object>) roles.get("root");
    root.put("keyids", new ArrayList<Object>(rootKeys.keySet()));
    root.put("threshold", (long) threshold);
    for (Map.Entry<String, Map<String, Object>> k : rootKeys.entrySet()) {
      keys.put(k.getKey(), new LinkedHashMap<>(k.getValue()));
    }
    // as python-tuf's revoke_key: a key no role names any more leaves "keys"
    Set<Object> used = new HashSet<>();
    for (Object r : roles.values()) {
      used.addAll((List<Object>) ((Map<String, Object>) r).get("keyids"));
    }
    keys.keySet().removeIf(id -> !used.contains(id));
    next.put("version", base.version() + 1);
    next.put("expires", Expiry.format(expires));
    root(next); // the next root reads back as a root
    return next;
  }

  @Override
  public String keyId(Map<String, Object> keyObject) throws MetadataFormatException {
    return Tuf1Dialect.INSTANCE.keyId(keyObject);
  }

  @Override
  public Duration defaultRootExpiry(CeremonyRoot base) {
    try {
      return Duration.ofDays(
          ExpiryPeriods.days("root", Root.of(Metadata.wrap(base.signed())).role("root")));
    } catch (MetadataFormatException e) {
      return Duration.ofDays(ExpiryPeriods.DEFAULTS.get("root"));
    }
  }

  @Override
  public List<String> proposalProblems(CeremonyRoot proposed) {
    List<String> out = new ArrayList<>();
    for (RootKey k : proposed.keys().values()) {
      Tuf1Key t = ((TufKey) k).key;
      if (!t.idCompliant()) {
        out.add(
            "the new root lists key "
                + k.label()
                + " under an ID that is not the SHA-256 of its key object (the"
                + " rule gives "
                + t.computedId()
                + "): keys writes no such root");
      }
    }
    return out;
  }

  @Override
  public byte[] requestBytes(Map<String, Object> request) throws MetadataFormatException {
    return REQUEST_STYLE.write(request);
  }

  @Override
  public byte[] rootFile(
      Map<String, Object> signed, List<Map<String, Object>> signatures, byte[] baseFile)
      throws MetadataFormatException {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("signatures", new ArrayList<Object>(signatures));
    env.put("signed", signed);
    JsonStyle style = baseFile == null ? JsonStyle.PYTHON_TUF : Metadata.parse(baseFile).style();
    return style.write(env);
  }

  /**
   * A TUF 1.0 key, named by the ID {@code keys list} shows with its TUF key ID (and its owner, as
   * tuf-on-ci records it): {@code df0db5a (TUF key 095ac07, owner @alice)}.
   */
  static final class TufKey implements RootKey {
    private final Tuf1Key key;

    TufKey(Tuf1Key key) {
      this.key = key;
    }

    @Override
    public String id() {
      return key.id();
    }

    @Override
    public Map<String, Object> json() {
      return key.json();
    }

    @Override
    public KeyId handle() throws MetadataFormatException {
      return RootKey.handleOf(key.publicKey());
    }

    @Override
    public PublicKey publicKey() throws MetadataFormatException {
      return key.publicKey();
    }

    @Override
    public SignatureAlgorithm algorithm() throws MetadataFormatException {
      return key.algorithm();
    }

    @Override
    public String label() {
      return label(false);
    }

    @Override
    public String fullLabel() {
      return label(true);
    }

    private String label(boolean full) {
      String owner = key.owner();
      String tufId =
          "TUF key "
              + shorten(key.id())
              + (owner == null
                  ? ""
                  : ", owner "
                      + dev.trustkeys.core.Untrusted.printable(
                          owner.length() > 40 ? owner.substring(0, 40) + "..." : owner));
      return handleIfReadable()
          .map(h -> (full ? h.hex() : h.shortId()) + " (" + tufId + ")")
          .orElse(tufId + " (unreadable)");
    }

    private static String shorten(String hex) {
      return hex.length() > 7 ? hex.substring(0, 7) : hex;
    }

    @Override
    public List<String> details() {
      return List.of();
    }

    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", handleIfReadable().map(KeyId::hex).orElse(null));
      m.put("keyid", key.id());
      m.put("owner", key.owner());
      return m;
    }
  }
}
