package dev.trustkeys.ceremony;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyAttestations;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyNotFoundException;
import dev.trustkeys.core.Keyring;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.SignatureValue;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.metadata.MetadataFormatException;
import dev.trustkeys.notary.MetadataCache;
import dev.trustkeys.notary.NotaryServer;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.TufKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Multi-party root ceremonies, the same in every dialect (Notary's TUF, TUF 1.0): plan the next
 * root (add or remove root keys, threshold, expiry), let each holder sign offline with any back
 * end, report progress, and publish only when the old and the new root thresholds are met and the
 * whole chain verifies. Every step appends to the request's hash-chained transcript; the plan and
 * the publication are signed by the coordinator's and the publisher's root key when they hold one,
 * each signing entry by the key that signed. At every step the root keys are reviewed from the
 * bytes being signed ({@link KeyReview}: YubiKey attestations, advisories).
 */
public final class RootCeremony {
  private final Clock clock;
  private final KeyAttestations attestations;

  /** A ceremony that checks the attestations recorded with root keys with {@code attestations}. */
  public RootCeremony(Clock clock, KeyAttestations attestations) {
    this.clock = clock;
    this.attestations = attestations;
  }

  /**
   * Plans the root that follows Notary root {@code currentRootFile}, adding the root keys of {@code
   * add} (certificates with CN=GUN). See {@link #plan(CeremonyDialect, String, byte[], List, List,
   * Integer, Duration, String, Keyring)}.
   */
  public CeremonyRequest plan(
      String gun,
      byte[] currentRootFile,
      List<X509Certificate> add,
      List<String> remove,
      Integer threshold,
      Duration expiresIn,
      String operator,
      Keyring keyring)
      throws KeysException {
    CeremonyRoot base =
        CeremonyDialect.NOTARY.root(CeremonyDialect.NOTARY.parseFile(currentRootFile).signed());
    List<Map<String, Object>> keys = new ArrayList<>();
    for (X509Certificate c : add) {
      List<String> problems = RootCertificates.problems(c, gun, clock.instant());
      if (!problems.isEmpty()) {
        throw new UsageException(
            "certificate for key "
                + RootKey.handleOf(c.getPublicKey()).shortId()
                + " cannot be a root certificate of "
                + gun
                + ": "
                + problems.get(0));
      }
      TufKey k = TufKey.forCertificate(c);
      for (RootKey existing : base.keysOf("root").values()) {
        if (existing.handleIfReadable().equals(Optional.of(RootKey.handleOf(c.getPublicKey())))
            && !remove.contains(existing.id())) {
          throw new UsageException(
              "root key "
                  + existing.label()
                  + " is already in the root: a second "
                  + "certificate for the same key would let one key count twice",
              Remedy.forKey(Remedy.Kind.LEAVE_OUT_ADDED_CERTIFICATE, k.id().shortId()));
        }
      }
      keys.add(dev.trustkeys.tuf.NotaryDialect.keyObject(k));
    }
    return plan(
        CeremonyDialect.NOTARY,
        gun,
        currentRootFile,
        keys,
        remove,
        threshold,
        expiresIn,
        operator,
        keyring);
  }

  /**
   * Plans the root that follows {@code currentRootFile} in {@code dialect}: root keys {@code add}
   * (key objects as the dialect writes them) join, {@code remove} (key or metadata IDs, or prefixes
   * of 7 or more) leave. The plan entry is signed by the first root key of the current, else of the
   * proposed root that {@code keyring} holds (the coordinator's), and unsigned when it holds none.
   * Refuses a root whose keys the review finds a problem with.
   */
  public CeremonyRequest plan(
      CeremonyDialect dialect,
      String subject,
      byte[] currentRootFile,
      List<Map<String, Object>> add,
      List<String> remove,
      Integer threshold,
      Duration expiresIn,
      String operator,
      Keyring keyring)
      throws KeysException {
    Instant now = clock.instant();
    CeremonyRoot base = dialect.root(dialect.parseFile(currentRootFile).signed());
    Map<String, RootKey> current = base.keysOf("root");
    Map<String, Map<String, Object>> keys = new LinkedHashMap<>();
    current.forEach((id, k) -> keys.put(id, k.json()));
    for (String r : remove) {
      keys.remove(match(current, r).id());
    }
    for (Map<String, Object> k : add) {
      String id = dialect.keyId(k);
      KeyId handle = RootKey.handleOf(dialect.metadata().decodePublicKey(k));
      for (Map.Entry<String, Map<String, Object>> e : keys.entrySet()) {
        if (RootKey.handleOf(dialect.metadata().decodePublicKey(e.getValue())).equals(handle)) {
          RootKey existing = current.get(e.getKey());
          throw new UsageException(
              (existing != null
                      ? "root key " + existing.label() + " is already in the root"
                      : "key " + handle.shortId() + " is given twice")
                  + ": listing it twice would let one key count twice",
              existing != null
                  ? Remedy.forKey(Remedy.Kind.REMOVE_AND_ADD_IN_ONE_PLAN, handle.shortId())
                  : null);
        }
      }
      keys.put(id, k);
    }
    if (keys.isEmpty()) {
      throw new UsageException("the new root would have no root keys");
    }
    int distinct = distinctHandles(dialect, keys);
    int t = threshold == null ? Math.min(base.role("root").threshold(), distinct) : threshold;
    if (t < 1 || t > distinct) {
      throw new UsageException(
          "threshold " + t + " is impossible with " + distinct + " different root key(s)");
    }
    Duration life = expiresIn == null ? dialect.defaultRootExpiry(base) : expiresIn;
    Map<String, Object> next = dialect.nextRoot(base, keys, t, now.plus(life));
    CeremonyRequest req =
        new CeremonyRequest(
            dialect, subject, currentRootFile, next, List.of(), new Transcript(List.of()));
    KeyReview review = review(req);
    if (!review.problems().isEmpty()) {
      throw review.refusal("nothing was planned: ");
    }
    Map<String, Object> e = entry("plan", operator, req);
    e.put(
        "summary_sha256",
        Transcript.sha256Hex(dev.trustkeys.tuf.Json.canonical(req.change().lines())));
    appendSignedIfHeld(req, e, keyring, base, req.proposed());
    return req;
  }

  private static int distinctHandles(CeremonyDialect dialect, Map<String, Map<String, Object>> keys)
      throws MetadataFormatException {
    Set<KeyId> distinct = new HashSet<>();
    for (Map<String, Object> k : keys.values()) {
      distinct.add(RootKey.handleOf(dialect.metadata().decodePublicKey(k)));
    }
    return distinct.size();
  }

  private static RootKey match(Map<String, RootKey> keys, String query) throws KeysException {
    String q = query.trim().toLowerCase(java.util.Locale.ROOT);
    List<RootKey> hits = new ArrayList<>();
    for (RootKey k : keys.values()) {
      String handle = k.handleIfReadable().map(KeyId::hex).orElse("");
      if (q.length() >= KeyId.MIN_PREFIX && (k.id().startsWith(q) || handle.startsWith(q))) {
        hits.add(k);
      }
    }
    if (hits.size() != 1) {
      throw new UsageException(
          (hits.isEmpty() ? "no" : "more than one")
              + " current root key matches '"
              + query
              + "' (give at least "
              + KeyId.MIN_PREFIX
              + " characters of its key ID or of the ID the metadata uses)");
    }
    return hits.get(0);
  }

  /**
   * A transcript entry's common fields: action, time, operator, what is signed and the two
   * versions.
   */
  private Map<String, Object> entry(String action, String operator, CeremonyRequest req) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("action", action);
    // to the second: what people read and compare; finer digits only suggest a precision nobody
    // checks
    e.put(
        "time",
        dev.trustkeys.tuf.Expiry.format(
            clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    e.put("operator", operator);
    e.put("signed_sha256", req.sha256());
    e.put("version_before", req.base().version());
    e.put("version_after", req.proposed().version());
    return e;
  }

  /** A root key held here, and where. */
  private record Held(RootKey key, Keyring.Located where) {}

  /** The first root key of {@code roots}, in order, that {@code keyring} holds. */
  private static Optional<Held> firstHeld(Keyring keyring, CeremonyRoot... roots)
      throws KeysException {
    for (CeremonyRoot r : roots) {
      for (RootKey k : r.keysOf("root").values()) {
        Optional<KeyId> handle = k.handleIfReadable();
        Optional<Keyring.Located> l =
            handle.isPresent() ? keyring.lookup(handle.get()) : Optional.empty();
        if (l.isPresent()) {
          return Optional.of(new Held(k, l.get()));
        }
      }
    }
    return Optional.empty();
  }

  private static void appendSignedIfHeld(
      CeremonyRequest req, Map<String, Object> e, Keyring keyring, CeremonyRoot... roots)
      throws KeysException {
    Optional<Held> held = firstHeld(keyring, roots);
    if (held.isEmpty()) {
      req.transcript().append(req.anchor(), e);
      return;
    }
    try (Signer s = held.get().where().signer()) {
      req.transcript().appendSigned(req.anchor(), e, held.get().key(), s);
    }
  }

  /** Whether {@code hex} is a SHA-256 as a holder is given one: 64 hex digits, or the first 32+. */
  public static boolean isSha256(String hex) {
    String e = hex.trim();
    return e.length() >= 32
        && e.length() <= 64
        && e.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  /**
   * Refuses unless the request's root has the SHA-256 {@code expected} (in hex; the full hash or at
   * least its first 32 digits), as the coordinator gave it to the holder over another channel.
   */
  public void requireSha256(CeremonyRequest req, String expected) throws KeysException {
    String e = expected.trim().toLowerCase(java.util.Locale.ROOT);
    if (!isSha256(e)) {
      throw new UsageException(
          "the SHA-256 the coordinator gave is 64 hex digits (at least the first 32), not '"
              + expected
              + "'");
    }
    if (!req.sha256().startsWith(e)) {
      throw new KeysException(
          "this request's root has SHA-256 "
              + req.sha256()
              + ", not "
              + e
              + " as you were "
              + "told: it is not the root that was planned (edited in transit, or another request); do not sign it",
          ExitCode.VERIFICATION_FAILED);
    }
  }

  /** What a signing run did: the keys that signed now, and those that had signed already. */
  public record Signing(List<RootKey> signed, List<RootKey> alreadySigned) {}

  /**
   * Signs with every key of the old or new root role held in {@code keyring} (or only {@code
   * only}), once per public key and root, adds the signatures and one transcript entry per key,
   * each signed by that key. A key that validly signed already is left alone, so that a holder who
   * holds several keys (an old and a new YubiKey) can sign with them one after the other. Refuses a
   * request whose transcript does not verify, whose keys the review finds a problem with, or that
   * was published already.
   */
  public Signing sign(CeremonyRequest req, Keyring keyring, Optional<KeyId> only, String operator)
      throws KeysException {
    if (verify(req).published()) {
      throw new KeysException(
          "this request was published already: there is nothing left to sign", ExitCode.CONFLICT);
    }
    KeyReview review = review(req);
    if (!review.problems().isEmpty()) {
      throw review.refusal("not signed: ");
    }
    CeremonyRoot base = req.base();
    CeremonyRoot next = req.proposed();
    List<RootKey> signedWith = new ArrayList<>();
    List<RootKey> already = new ArrayList<>();
    Set<String> signedIds = new HashSet<>();
    for (CeremonyRoot root : List.of(base, next)) {
      Set<KeyId> covered = new HashSet<>();
      List<String> valid = req.validSigners(root);
      for (Map.Entry<String, RootKey> c : root.keysOf("root").entrySet()) {
        Optional<KeyId> handle = c.getValue().handleIfReadable();
        if (handle.isEmpty()
            || (only.isPresent() && !only.get().equals(handle.get()))
            || covered.contains(handle.get())) {
          continue;
        }
        if (signedIds.contains(c.getKey()) || valid.contains(c.getKey())) {
          if (valid.contains(c.getKey()) && !signedIds.contains(c.getKey())) {
            already.add(c.getValue());
            signedIds.add(c.getKey());
          }
          covered.add(handle.get());
          continue;
        }
        Optional<Keyring.Located> l = keyring.lookup(handle.get());
        if (l.isEmpty()) {
          continue;
        }
        try (Signer s = l.get().signer()) {
          SignatureValue v = s.sign(req.bytesToSign());
          if (v.algorithm() != c.getValue().algorithm()
              || !v.verify(c.getValue().publicKey(), req.bytesToSign())) {
            throw new KeysException(
                "the signature of "
                    + s.key().label()
                    + " does not verify with root key "
                    + c.getValue().label()
                    + " as the request lists it: nothing was signed",
                ExitCode.VERIFICATION_FAILED);
          }
          req.addSignature(req.dialect().signatureEntry(c.getKey(), v));
          Map<String, Object> e = entry("sign", operator, req);
          e.put(
              "device",
              l.get().key().location().isHardware() ? l.get().key().location().display() : "");
          e.put("key_location", l.get().key().location().scheme());
          e.put("in_old_root", base.role("root").keyIds().contains(c.getKey()));
          e.put("in_new_root", next.role("root").keyIds().contains(c.getKey()));
          req.transcript().appendSigned(req.anchor(), e, c.getValue(), s);
        }
        covered.add(handle.get());
        signedIds.add(c.getKey());
        signedWith.add(c.getValue());
      }
    }
    if (signedWith.isEmpty() && already.isEmpty()) {
      throw new KeyNotFoundException(
          only.map(KeyId::hex).orElse("any root key of this request"),
          "none of the request's old or new root keys is in " + keyring.describeAll());
    }
    return new Signing(signedWith, already);
  }

  /**
   * What the request's root keys are: YubiKey attestations and advisories, keys listed as no tool
   * writes them.
   */
  public KeyReview review(CeremonyRequest req) throws MetadataFormatException {
    return KeyReview.of(req, attestations);
  }

  /**
   * Who signed, both thresholds, the change computed from the roots, the review of its keys and
   * whether the transcript verifies.
   */
  public CeremonyStatus status(CeremonyRequest req) throws KeysException {
    TranscriptReport transcript;
    try {
      transcript = verify(req);
    } catch (KeysException e) {
      transcript = TranscriptReport.failed(e);
    }
    CeremonyStatus.Threshold old = CeremonyStatus.Threshold.of(req, req.base());
    CeremonyStatus.Threshold proposed = CeremonyStatus.Threshold.of(req, req.proposed());
    List<String> all = new ArrayList<>(old.validSigners());
    proposed.validSigners().stream().filter(k -> !all.contains(k)).forEach(all::add);
    KeyReview review = review(req);
    return new CeremonyStatus(
        req.dialect().subjectField(),
        req.subject(),
        req.describeSubject(),
        req.base().version(),
        req.proposed().version(),
        all,
        old,
        proposed,
        req.change().lines(),
        req.sha256(),
        transcript,
        review.problems(),
        review.warnings(),
        review.notes());
  }

  /**
   * Checks the request and its transcript (see {@link TranscriptRules}): the hash chain, that it
   * belongs to this request, that each signing entry is signed by its key, that every signature in
   * the request was recorded, and that a publication is signed by a root key. Throws {@link
   * Transcript.TranscriptTamperedException} if not.
   */
  public TranscriptReport verify(CeremonyRequest req) throws KeysException {
    return TranscriptRules.check(req, Optional.empty());
  }

  /**
   * {@link #verify(CeremonyRequest)}, with each publication also checked against where it was
   * published.
   */
  public TranscriptReport verify(CeremonyRequest req, PublishedRoots where) throws KeysException {
    return TranscriptRules.check(req, Optional.of(where));
  }

  /** {@link #verify(CeremonyRequest, PublishedRoots)} against a Notary server. */
  public TranscriptReport verify(CeremonyRequest req, NotaryServer server) throws KeysException {
    return verify(req, new NotaryRootTarget(server, req.subject(), null, null, clock));
  }

  /**
   * Publishes a Notary request to {@code server}: {@link #publish(CeremonyRequest, RootTarget,
   * KeyStores, String)}.
   */
  public long publish(
      CeremonyRequest req,
      NotaryServer server,
      MetadataCache cache,
      Keyring keyring,
      String operator)
      throws KeysException {
    return publish(
        req, new NotaryRootTarget(server, req.subject(), cache, keyring, clock), keyring, operator);
  }

  /**
   * Publishes the signed root; refuses unless the transcript verifies, no key review problem
   * stands, both thresholds are met, the root in force at {@code target} is still the one planned
   * on, and the chain verifies. The publish entry is signed by a root key held here, when there is
   * one.
   */
  public long publish(CeremonyRequest req, RootTarget target, Keyring keyring, String operator)
      throws KeysException {
    if (req.dialect() == CeremonyDialect.NOTARY != target instanceof NotaryRootTarget) {
      throw new UsageException(
          "this is a request for " + req.describeSubject(),
          Remedy.of(
              req.dialect() == CeremonyDialect.NOTARY
                  ? Remedy.Kind.PUBLISH_TO_SERVER
                  : Remedy.Kind.PUBLISH_TO_REPOSITORY));
    }
    if (verify(req).published()) {
      throw new KeysException("this request was published already", ExitCode.CONFLICT);
    }
    CeremonyStatus st = status(req);
    if (!st.problems().isEmpty()) {
      throw new KeysException(
          "not published: " + st.problems().get(0), ExitCode.VERIFICATION_FAILED);
    }
    requireMet("root version " + st.versionBefore() + " (old)", st.old(), req.base());
    requireMet("root version " + st.versionAfter() + " (new)", st.proposed(), req.proposed());
    byte[] current = target.currentRoot();
    if (!Arrays.equals(
        TranscriptRules.canonicalSigned(req.dialect(), current),
        TranscriptRules.canonicalSigned(req.dialect(), req.baseRoot()))) {
      throw new KeysException(
          "the root of "
              + req.describeSubject()
              + " at "
              + target.describe()
              + " is no longer version "
              + st.versionBefore()
              + " this request was planned on: plan again",
          ExitCode.CONFLICT);
    }
    byte[] newRoot = req.signedRootFile();
    Optional<Held> held = firstHeld(keyring, req.proposed(), req.base());
    // unlock the key that signs the publish entry before publishing: a wrong passphrase must stop
    // us first
    try (Signer s = held.isPresent() ? held.get().where().signer() : null) {
      target.publish(req, newRoot);
      Map<String, Object> e = entry("publish", operator, req);
      e.putAll(target.entryFields());
      if (s == null) {
        req.transcript().append(req.anchor(), e);
      } else {
        req.transcript().appendSigned(req.anchor(), e, held.get().key(), s);
      }
    }
    return req.proposed().version();
  }

  private static void requireMet(String what, CeremonyStatus.Threshold t, CeremonyRoot root)
      throws KeysException {
    if (!t.met()) {
      throw new KeysException(
          what
              + " needs "
              + t.required()
              + " valid signature(s) from different keys but has "
              + t.validSigners().size()
              + (t.validSigners().isEmpty()
                  ? ""
                  : " (from key " + labels(root, t.validSigners()) + ")")
              + ": collect more signatures from the root key holders (not signed yet: "
              + labels(root, t.stillMissing())
              + ")",
          ExitCode.VERIFICATION_FAILED);
    }
  }

  private static String labels(CeremonyRoot root, List<String> ids) {
    List<String> names = new ArrayList<>();
    for (String id : ids) {
      RootKey k = root.keys().get(id);
      names.add(k == null ? id : k.label());
    }
    return String.join(", ", names);
  }
}
