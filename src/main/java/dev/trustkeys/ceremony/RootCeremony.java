package dev.trustkeys.ceremony;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyNotFoundException;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.PublicKeys;
import dev.trustkeys.core.Signer;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.notary.KeyStores;
import dev.trustkeys.notary.MetadataCache;
import dev.trustkeys.notary.NotaryServer;
import dev.trustkeys.notary.Publisher;
import dev.trustkeys.notary.RepositoryLoader;
import dev.trustkeys.notary.RepositoryState;
import dev.trustkeys.notary.RootHistory;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.KeyName;
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.RoleKeys;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.RootChain;
import dev.trustkeys.tuf.RootChainReport;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.ThresholdNotMetException;
import dev.trustkeys.tuf.TufKey;
import dev.trustkeys.tuf.TufSignature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Multi-party root ceremonies: plan the next root (add or remove root keys, threshold, expiry), let each holder
 * sign offline with any back end, report progress, and publish only when the old and the new root thresholds are
 * met and the whole chain verifies. Every step appends to the request's hash-chained transcript; the plan and the
 * publication are signed by the coordinator's and the publisher's root key when they hold one, each signing
 * entry by the key that signed.
 */
public final class RootCeremony {
  private final Clock clock;

  public RootCeremony(Clock clock) {
    this.clock = clock;
  }

  /**
   * Plans the root that follows {@code currentRootFile}. The plan entry is signed by the first root key of the
   * current, else of the proposed root that {@code stores} holds (the coordinator's), and unsigned when it holds none.
   */
  public CeremonyRequest plan(String gun, byte[] currentRootFile, List<X509Certificate> add, List<String> remove,
      Integer threshold, Duration expiresIn, String operator, KeyStores stores) throws KeysException {
    Instant now = clock.instant();
    Root base = Root.fromJson(Signed.parse(currentRootFile).signed());
    RoleKeys oldRole = base.role("root");
    List<TufKey> keys = new ArrayList<>(base.keysOf("root").values());
    for (String r : remove) {
      keys.remove(match(keys, r));
    }
    for (X509Certificate c : add) {
      List<String> problems = RootCertificates.problems(c, gun, now);
      if (!problems.isEmpty()) {
        throw new UsageException("certificate for key " + PublicKeys.canonicalId(c.getPublicKey()).shortId()
            + " cannot be a root certificate of " + gun + ": " + problems.get(0));
      }
      TufKey k = TufKey.forCertificate(c);
      for (TufKey existing : keys) {
        if (existing.canonicalId().equals(k.canonicalId())) {
          throw new UsageException("root key " + KeyName.of(existing).label() + " is already in the root: a second "
              + "certificate for the same key would let one key count twice; leave --add-cert " + k.id().shortId()
              + " out");
        }
      }
      keys.add(k);
    }
    if (keys.isEmpty()) {
      throw new UsageException("the new root would have no root keys");
    }
    int t = threshold == null ? Math.min(oldRole.threshold(), keys.size()) : threshold;
    if (t < 1 || t > keys.size()) {
      throw new UsageException("threshold " + t + " is impossible with " + keys.size() + " different root key(s)");
    }
    Root next = base.withRole("root", keys, t).next(now.plus(expiresIn == null ? Expiry.ROOT : expiresIn));
    CeremonyRequest req = new CeremonyRequest(gun, currentRootFile, next.toJson(), List.of(),
        new Transcript(List.of()));
    Map<String, Object> e = entry("plan", operator, req);
    e.put("summary_sha256", Transcript.sha256Hex(dev.trustkeys.tuf.Json.canonical(req.change().lines())));
    appendSignedIfHeld(req, e, stores, base, next);
    return req;
  }

  private static TufKey match(List<TufKey> keys, String query) throws KeysException {
    List<TufKey> hits = new ArrayList<>();
    for (TufKey k : keys) {
      if (query.length() >= KeyId.MIN_PREFIX
          && (k.id().hex().startsWith(query) || k.canonicalId().hex().startsWith(query))) {
        hits.add(k);
      }
    }
    if (hits.size() != 1) {
      throw new UsageException((hits.isEmpty() ? "no" : "more than one") + " current root key matches '" + query
          + "' (give at least " + KeyId.MIN_PREFIX + " characters of its key or certificate ID)");
    }
    return hits.get(0);
  }

  /** A transcript entry's common fields: action, time, operator, what is signed and the two versions. */
  private Map<String, Object> entry(String action, String operator, CeremonyRequest req) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("action", action);
    // to the second: what people read and compare; finer digits only suggest a precision nobody checks
    e.put("time", Expiry.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    e.put("operator", operator);
    e.put("signed_sha256", req.sha256());
    e.put("version_before", req.base().version());
    e.put("version_after", req.proposed().version());
    return e;
  }

  /** A root key held here, and where. */
  private record Held(TufKey key, KeyStores.Located where) {}

  /** The first root key of {@code roots}, in order, that {@code stores} holds. */
  private static Optional<Held> firstHeld(KeyStores stores, Root... roots) throws KeysException {
    for (Root r : roots) {
      for (TufKey k : r.keysOf("root").values()) {
        Optional<KeyStores.Located> l = stores.find(k.canonicalId());
        if (l.isPresent()) {
          return Optional.of(new Held(k, l.get()));
        }
      }
    }
    return Optional.empty();
  }

  private static void appendSignedIfHeld(CeremonyRequest req, Map<String, Object> e, KeyStores stores,
      Root... roots) throws KeysException {
    Optional<Held> held = firstHeld(stores, roots);
    if (held.isEmpty()) {
      req.transcript().append(req.anchor(), e);
      return;
    }
    try (Signer s = held.get().where().signer()) {
      req.transcript().appendSigned(req.anchor(), e, held.get().key(), s);
    }
  }

  /**
   * Refuses unless the request's root has the SHA-256 {@code expected} (in hex; the full hash or at least its first
   * 32 digits), as the coordinator gave it to the holder over another channel.
   */
  public void requireSha256(CeremonyRequest req, String expected) throws KeysException {
    String e = expected.trim().toLowerCase(java.util.Locale.ROOT);
    if (e.length() < 32 || e.length() > 64 || !e.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new UsageException("--sha256 takes the SHA-256 the coordinator gave you: 64 hex digits (at least the "
          + "first 32), not '" + expected + "'");
    }
    if (!req.sha256().startsWith(e)) {
      throw new KeysException("this request's root has SHA-256 " + req.sha256() + ", not " + e + " as you were "
          + "told: it is not the root that was planned (edited in transit, or another request); do not sign it",
          ExitCode.VERIFICATION_FAILED);
    }
  }

  /**
   * Signs with every key of the old or new root role held in {@code stores} (or only {@code only}), once per
   * public key and root, adds the signatures and one transcript entry per key, each signed by that key. Refuses a
   * request whose transcript does not verify or that was published already.
   */
  public List<KeyName> sign(CeremonyRequest req, KeyStores stores, Optional<KeyId> only, String operator)
      throws KeysException {
    if (verify(req).published()) {
      throw new KeysException("this request was published already: there is nothing left to sign",
          ExitCode.CONFLICT);
    }
    Root base = req.base();
    Root next = req.proposed();
    List<KeyName> signedWith = new ArrayList<>();
    Set<String> signedIds = new HashSet<>();
    for (Root root : List.of(base, next)) {
      Set<KeyId> covered = new HashSet<>();
      for (Map.Entry<String, TufKey> c : root.keysOf("root").entrySet()) {
        KeyId canonical = c.getValue().canonicalId();
        if ((only.isPresent() && !only.get().equals(canonical)) || covered.contains(canonical)) {
          continue;
        }
        if (signedIds.contains(c.getKey())) {
          covered.add(canonical);
          continue;
        }
        Optional<KeyStores.Located> l = stores.find(canonical);
        if (l.isEmpty()) {
          continue;
        }
        try (Signer s = l.get().signer()) {
          TufSignature sig = MetadataSigning.signatures(req.bytesToSign(), List.of(new KeyedSigner(c.getKey(), s)))
              .get(0);
          req.addSignature(sig);
          Map<String, Object> e = entry("sign", operator, req);
          e.put("device", l.get().info().location().isHardware() ? l.get().info().location().display() : "");
          e.put("key_location", l.get().info().location().kind().label());
          e.put("in_old_root", base.role("root").keyIds().contains(c.getKey()));
          e.put("in_new_root", next.role("root").keyIds().contains(c.getKey()));
          req.transcript().appendSigned(req.anchor(), e, c.getValue(), s);
        }
        covered.add(canonical);
        signedIds.add(c.getKey());
        signedWith.add(KeyName.of(c.getValue()));
      }
    }
    if (signedWith.isEmpty()) {
      throw new KeyNotFoundException(only.map(KeyId::hex).orElse("any root key of this request"),
          "none of the request's old or new root keys is in " + stores.describeAll());
    }
    return signedWith;
  }

  /** Who signed, both thresholds, the change computed from the roots and whether the transcript verifies. */
  public CeremonyStatus status(CeremonyRequest req) throws KeysException {
    TranscriptReport transcript;
    try {
      transcript = verify(req);
    } catch (KeysException e) {
      transcript = TranscriptReport.failed(e.getMessage());
    }
    Signed doc = req.signedRoot();
    CeremonyStatus.Threshold old = CeremonyStatus.Threshold.of(req.base(), doc);
    CeremonyStatus.Threshold proposed = CeremonyStatus.Threshold.of(req.proposed(), doc);
    List<String> all = new ArrayList<>(old.validSigners());
    proposed.validSigners().stream().filter(k -> !all.contains(k)).forEach(all::add);
    return new CeremonyStatus(req.gun(), req.base().version(), req.proposed().version(), all, old, proposed,
        req.change().lines(), req.sha256(), transcript);
  }

  /**
   * Checks the request and its transcript (see {@link TranscriptRules}): the hash chain, that it belongs to this
   * request, that each signing entry is signed by its key, that every signature in the request was recorded, and
   * that a publication is signed by a root key. Throws {@link Transcript.TranscriptTamperedException} if not.
   */
  public TranscriptReport verify(CeremonyRequest req) throws KeysException {
    return TranscriptRules.check(req, Optional.empty());
  }

  /** {@link #verify(CeremonyRequest)}, with each publication also checked against {@code server}'s root. */
  public TranscriptReport verify(CeremonyRequest req, NotaryServer server) throws KeysException {
    return TranscriptRules.check(req, Optional.of(server));
  }

  /**
   * Publishes the signed root; refuses unless the transcript verifies, both thresholds are met and the chain from
   * version 1 verifies. The publish entry is signed by a root key held here, when there is one.
   */
  public long publish(CeremonyRequest req, NotaryServer server, MetadataCache cache, KeyStores stores,
      String operator) throws KeysException {
    if (verify(req).published()) {
      throw new KeysException("this request was published already", ExitCode.CONFLICT);
    }
    CeremonyStatus st = status(req);
    if (!st.old().met()) {
      throw new ThresholdNotMetException("root version " + st.versionBefore() + " (old)", st.old().required(),
          st.old().validSigners(), req.base().keysOf("root"));
    }
    if (!st.proposed().met()) {
      throw new ThresholdNotMetException("root version " + st.versionAfter() + " (new)", st.proposed().required(),
          st.proposed().validSigners(), req.proposed().keysOf("root"));
    }
    List<byte[]> chain = RootHistory.fromServer(server, req.gun(), cache);
    if (!java.util.Arrays.equals(chain.get(chain.size() - 1), req.baseRoot())) {
      throw new KeysException("the server's root of " + req.gun() + " is no longer version " + st.versionBefore()
          + " this request was planned on: plan again", ExitCode.CONFLICT);
    }
    byte[] newRoot = req.signedRoot().toBytes();
    chain.add(newRoot);
    RootChainReport chainReport = new RootChain(clock).verify(req.gun(), chain);
    if (!chainReport.ok()) {
      String p = chainReport.steps().stream().flatMap(s -> s.problems().stream()).findFirst()
          .orElse(chainReport.problems().isEmpty() ? "?" : chainReport.problems().get(0));
      throw new KeysException("the root chain with the new root does not verify: " + p, ExitCode.VERIFICATION_FAILED);
    }
    RepositoryState state = new RepositoryLoader(server, cache, clock).load(req.gun());
    Root next = req.proposed();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("root", newRoot);
    Optional<Held> held = firstHeld(stores, next, req.base());
    // unlock the key that signs the publish entry before publishing: a wrong passphrase must stop us first
    try (Signer s = held.isPresent() ? held.get().where().signer() : null) {
      new Publisher(server, cache, stores, clock).publish(req.gun(), next, files, state.snapshot());
      Map<String, Object> e = entry("publish", operator, req);
      e.put("server", server.url());
      if (s == null) {
        req.transcript().append(req.anchor(), e);
      } else {
        req.transcript().appendSigned(req.anchor(), e, held.get().key(), s);
      }
    }
    return next.version();
  }
}
