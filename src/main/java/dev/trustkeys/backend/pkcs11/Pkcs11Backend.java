package dev.trustkeys.backend.pkcs11;

import dev.trustkeys.backend.pkcs11.Cryptoki.TokenObject;
import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeyBackend;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeyLocation;
import dev.trustkeys.core.KeyNaming;
import dev.trustkeys.core.KeyNotFoundException;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.PublicKeys;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.secret.SecretProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Keys on one PKCS#11 token, through SunPKCS11. A key is a private key object (token object,
 * sensitive, not extractable) plus a self-signed certificate with the same CKA_ID and the label
 * {@link KeyLabel} {@code keys:<role>:<gun>:<tag>}. Listing reads the certificates without a PIN;
 * generating, signing and removing log in with the PIN from the {@link SecretProvider}, asked once
 * per operation.
 */
public final class Pkcs11Backend implements KeyBackend {
  private final Pkcs11Module module;
  private final Pkcs11Uri selector;
  private final SecretProvider secrets;
  private final KeyNaming naming;
  private final Clock clock;
  private final TokenRecords records;

  /**
   * @param selector the token's attributes (token=LABEL, serial=..., ...); object attributes are
   *     ignored here
   * @param naming the keyring's rule for key IDs, applied to the public key of each key's
   *     certificate
   */
  public Pkcs11Backend(
      Pkcs11Module module,
      Pkcs11Uri selector,
      SecretProvider secrets,
      KeyNaming naming,
      Clock clock) {
    this(module, selector, secrets, naming, clock, null);
  }

  /**
   * @param records where the token is recorded before a key is made on it (null: not recorded)
   */
  Pkcs11Backend(
      Pkcs11Module module,
      Pkcs11Uri selector,
      SecretProvider secrets,
      KeyNaming naming,
      Clock clock,
      TokenRecords records) {
    this.module = module;
    this.selector = selector.withoutQuery();
    this.secrets = secrets;
    this.naming = naming;
    this.clock = clock;
    this.records = records;
  }

  /** Whether the token is present now (a module that cannot list its slots has none present). */
  public boolean present() throws KeysException {
    try {
      token();
      return true;
    } catch (TokenNotFoundException | TokenException e) {
      return false;
    }
  }

  /** The token this backend uses, as it is now. */
  public TokenInfo token() throws KeysException {
    return module.findToken(selector);
  }

  @Override
  public String describe() {
    return "token "
        + selector.token().map(l -> "'" + l + "'").orElse(selector.toString())
        + " in "
        + module.path();
  }

  /**
   * The keys on the token. A token that is not present, or whose module cannot list its slots now
   * (ykcs11 without a PC/SC daemon), is listed as absent with why: the other back ends are still
   * listed.
   */
  @Override
  public KeyListing list() throws KeysException {
    TokenInfo t;
    try {
      t = token();
    } catch (TokenNotFoundException | TokenException e) {
      return KeyListing.absent(selector.toString(), e.getMessage());
    }
    List<KeyInfo> keys = new ArrayList<>();
    List<KeyListing.Unreadable> unreadable = new ArrayList<>();
    for (Entry e : entries(t, unreadable)) {
      if (e.ours()) {
        keys.add(e.info());
      } else {
        unreadable.add(
            new KeyListing.Unreadable(
                e.info().location().display(),
                "certificate '"
                    + e.label()
                    + "' was not made by keys (no keys:<role>:<gun>:<tag> label);"
                    + " it can still sign by key ID or URI"));
      }
    }
    keys.sort(
        (a, b) ->
            a.role().compareTo(b.role()) != 0
                ? a.role().compareTo(b.role())
                : a.id().compareTo(b.id()));
    return new KeyListing(keys, unreadable);
  }

  @Override
  public KeyInfo generate(KeySpec spec) throws KeysException {
    if (spec.algorithm() == Algorithm.ED25519) {
      throw new UsageException(
          "ed25519 keys cannot be made on a PKCS#11 token through the JDK's SunPKCS11",
          Remedy.of(Remedy.Kind.USE_ECDSA));
    }
    TokenInfo t = token();
    Set<String> taken = new HashSet<>();
    for (Entry e : entries(t, new ArrayList<>())) {
      taken.add(e.label());
    }
    KeyLabel label = KeyLabel.fresh(spec.role(), spec.gun());
    while (taken.contains(label.text())) {
      label = KeyLabel.fresh(spec.role(), spec.gun());
    }
    if (records != null) {
      // before the key exists: a key is never made where the keyring would not find it again
      records.remember(module.path(), Pkcs11Module.tokenUri(t));
    }
    try (TokenSession s = TokenSession.login(module, t, secrets, label.bytes())) {
      KeyPair pair;
      try {
        KeyPairGenerator g =
            KeyPairGenerator.getInstance(
                spec.algorithm() == Algorithm.ECDSA_P256 ? "EC" : "RSA", s.provider());
        if (spec.algorithm() == Algorithm.ECDSA_P256) {
          g.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
          g.initialize(spec.algorithm().bits());
        }
        pair = g.generateKeyPair();
      } catch (GeneralSecurityException | RuntimeException e) {
        throw generateFailure(s.token(), e);
      }
      try {
        X509Certificate cert =
            SelfSignedCertificate.create(spec, pair, s.provider(), clock.instant());
        s.keyStore().setKeyEntry(label.text(), pair.getPrivate(), null, new Certificate[] {cert});
        return new KeyInfo(
            naming.idOf(cert.getPublicKey()),
            spec.role(),
            spec.gun(),
            spec.algorithm(),
            location(s.token(), label.text(), label.bytes()));
      } catch (GeneralSecurityException | RuntimeException e) {
        throw Pkcs11Module.absentOrFailed(
            s.token(), "storing the certificate of the new key " + label, Pkcs11Module.ckrOf(e), e);
      }
    }
  }

  private static KeysException generateFailure(TokenInfo t, Exception e) {
    String ckr = Pkcs11Module.ckrOf(e);
    if (ckr.equals("CKR_USER_TYPE_INVALID") || ckr.equals("CKR_TEMPLATE_INCOMPLETE")) {
      return new TokenException(
          t.describe()
              + " refused to generate a key ("
              + ckr
              + "): this module cannot create keys through"
              + " SunPKCS11 (ykcs11 needs the management key): for a YubiKey use the YubiKey back end",
          ckr,
          e);
    }
    return Pkcs11Module.absentOrFailed(t, "generating a key", ckr, e);
  }

  @Override
  public Pkcs11Signer signer(KeyId id) throws KeysException {
    TokenInfo t = token();
    return signer(t, find(t, id));
  }

  /** A signer for the key a {@code pkcs11:} URI names (object and/or id). */
  public Pkcs11Signer signer(Pkcs11Uri keyUri) throws KeysException {
    TokenInfo t = token();
    return signer(t, find(t, keyUri));
  }

  private Pkcs11Signer signer(TokenInfo t, Entry e) throws KeysException {
    TokenSession s = TokenSession.login(module, t, secrets, null);
    try {
      Key k = s.keyStore().getKey(aliasOf(s, e), null);
      if (!(k instanceof PrivateKey)) {
        throw new KeyNotFoundException(
            e.info().id().hex(),
            "the certificate is on " + t.describe() + " but its private key is not");
      }
      return new Pkcs11Signer(e.info(), e.cert().getPublicKey(), (PrivateKey) k, s);
    } catch (GeneralSecurityException | RuntimeException ex) {
      s.close();
      throw Pkcs11Module.absentOrFailed(t, "reading key " + e.label(), Pkcs11Module.ckrOf(ex), ex);
    } catch (KeysException ex) {
      s.close();
      throw ex;
    }
  }

  @Override
  public void remove(KeyId id) throws KeysException {
    TokenInfo t = token();
    remove(t, find(t, id));
  }

  /** Removes the key a {@code pkcs11:} URI names, with its certificate. */
  public KeyInfo remove(Pkcs11Uri keyUri) throws KeysException {
    TokenInfo t = token();
    Entry e = find(t, keyUri);
    remove(t, e);
    return e.info();
  }

  private void remove(TokenInfo t, Entry e) throws KeysException {
    try (TokenSession s = TokenSession.login(module, t, secrets, null)) {
      KeyStore ks = s.keyStore();
      String alias = aliasOf(s, e);
      ks.deleteEntry(alias);
      if (ks.containsAlias(alias)) {
        throw new TokenException(
            t.describe() + " still holds " + e.label() + " after deleting it", "", null);
      }
    } catch (GeneralSecurityException | RuntimeException ex) {
      throw Pkcs11Module.absentOrFailed(t, "deleting key " + e.label(), Pkcs11Module.ckrOf(ex), ex);
    }
  }

  /** The key a {@code pkcs11:} URI names on this token. */
  public KeyInfo find(Pkcs11Uri keyUri) throws KeysException {
    TokenInfo t = token();
    return find(t, keyUri).info();
  }

  private Entry find(TokenInfo t, KeyId id) throws KeysException {
    for (Entry e : entries(t, new ArrayList<>())) {
      if (e.info().id().equals(id)) {
        return e;
      }
    }
    throw new KeyNotFoundException(id.hex(), "it is not on " + t.describe());
  }

  private Entry find(TokenInfo t, Pkcs11Uri keyUri) throws KeysException {
    if (!keyUri.namesObject()) {
      throw new UsageException(
          keyUri.withoutQuery() + " names a token, not a key: add object=LABEL or id=...");
    }
    Optional<String> type = keyUri.type();
    if (type.isPresent() && !type.get().equals("private") && !type.get().equals("cert")) {
      throw new UsageException(
          "type=" + type.get() + " in " + keyUri.withoutQuery() + ": a key is type=private");
    }
    List<Entry> found = new ArrayList<>();
    for (Entry e : entries(t, new ArrayList<>())) {
      if (keyUri.matchesObject(e.label(), e.ckaId())) {
        found.add(e);
      }
    }
    if (found.isEmpty()) {
      throw new KeyNotFoundException(
          keyUri.withoutQuery().toString(), "it is not on " + t.describe());
    }
    if (found.size() > 1) {
      throw new UsageException(
          found.size() + " keys match " + keyUri.withoutQuery() + ": add id=... to choose one");
    }
    return found.get(0);
  }

  private static String aliasOf(TokenSession s, Entry e)
      throws KeysException, GeneralSecurityException {
    KeyStore ks = s.keyStore();
    for (String alias : Collections.list(ks.aliases())) {
      if (ks.isKeyEntry(alias) && e.cert().equals(ks.getCertificate(alias))) {
        return alias;
      }
    }
    throw new KeyNotFoundException(
        e.info().id().hex(),
        "its certificate is on " + s.token().describe() + " but no private key goes with it");
  }

  /** The key entries (certificates) of the token, read without a PIN. */
  private List<Entry> entries(TokenInfo t, List<KeyListing.Unreadable> unreadable)
      throws KeysException {
    List<Entry> out = new ArrayList<>();
    CertificateFactory cf;
    try {
      cf = CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("X.509 is missing from this JDK", e);
    }
    for (TokenObject o : module.certificates(t)) {
      byte[] id = o.id() == null ? new byte[0] : o.id();
      String where = location(t, o.label(), id).display();
      if (o.value() == null) {
        unreadable.add(new KeyListing.Unreadable(where, "certificate object without a value"));
        continue;
      }
      try {
        X509Certificate cert =
            (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(o.value()));
        Optional<KeyLabel> label = KeyLabel.parse(o.label());
        Role role = label.map(KeyLabel::role).orElseGet(() -> roleFromSubject(cert));
        String gun = label.map(KeyLabel::gun).orElse("");
        Algorithm alg = PublicKeys.algorithmOf(cert.getPublicKey());
        KeyInfo info =
            new KeyInfo(
                naming.idOf(cert.getPublicKey()), role, gun, alg, location(t, o.label(), id));
        out.add(new Entry(info, o.label(), id, cert, label.isPresent()));
      } catch (CertificateException
          | KeysException
          | IllegalArgumentException
          | ClassCastException e) {
        unreadable.add(new KeyListing.Unreadable(where, "unusable certificate: " + e.getMessage()));
      }
    }
    return out;
  }

  /**
   * Notary's own token store names the role in the certificate's CN; anything else counts as a
   * delegation key.
   */
  private static Role roleFromSubject(X509Certificate cert) {
    String dn = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    if (dn.startsWith("CN=")) {
      String cn = dn.substring(3).split(",", 2)[0];
      try {
        return Role.of(cn);
      } catch (UsageException e) {
        return Role.DELEGATION;
      }
    }
    return Role.DELEGATION;
  }

  /**
   * The key's URI: token attributes, object label, id (when it differs from the label) and
   * type=private.
   */
  static KeyLocation location(TokenInfo t, String label, byte[] ckaId) {
    Pkcs11Uri.Builder b = Pkcs11Uri.builder().token(t).attribute("object", label);
    if (ckaId.length > 0 && !Arrays.equals(ckaId, label.getBytes(StandardCharsets.UTF_8))) {
      b.id(ckaId);
    }
    return KeyLocation.onDevice(
        Pkcs11Provider.SCHEME, b.attribute("type", "private").build().toString());
  }

  private record Entry(
      KeyInfo info, String label, byte[] ckaId, X509Certificate cert, boolean ours) {}
}
