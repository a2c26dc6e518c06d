package dev.trustkeys.ceremony;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
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
import dev.trustkeys.tuf.KeyedSigner;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.RoleKeys;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.RootChain;
import dev.trustkeys.tuf.RootChainReport;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufKey;
import dev.trustkeys.tuf.TufSignature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Multi-party root ceremonies: plan the next root (add or remove root keys, threshold, expiry), let each holder
 * sign offline with any back end, report progress, and publish only when the old and the new root thresholds are
 * met and the whole chain verifies. Every step appends to the request's hash-chained transcript.
 */
public final class RootCeremony {
  private final Clock clock;

  public RootCeremony(Clock clock) {
    this.clock = clock;
  }

  /** Plans the root that follows {@code currentRootFile}. */
  public CeremonyRequest plan(String gun, byte[] currentRootFile, List<X509Certificate> add, List<String> remove,
      Integer threshold, Duration expiresIn, String operator) throws KeysException {
    Instant now = clock.instant();
    Root base = Root.fromJson(Signed.parse(currentRootFile).signed());
    RoleKeys oldRole = base.role("root");
    List<TufKey> keys = new ArrayList<>(base.keysOf("root").values());
    List<String> summary = new ArrayList<>();
    for (String r : remove) {
      TufKey match = match(keys, r);
      keys.remove(match);
      summary.add("remove root key " + match.id().hex() + " (key " + match.canonicalId().hex() + ")");
    }
    for (X509Certificate c : add) {
      List<String> problems = RootCertificates.problems(c, gun, now);
      if (!problems.isEmpty()) {
        throw new UsageException("certificate for key " + dev.trustkeys.core.PublicKeys.canonicalId(c.getPublicKey())
            .shortId() + " cannot be a root certificate of " + gun + ": " + problems.get(0));
      }
      TufKey k = TufKey.forCertificate(c);
      if (keys.contains(k)) {
        throw new UsageException("root key " + k.id().shortId() + " is already in the root");
      }
      keys.add(k);
      summary.add("add root key " + k.id().hex() + " (key " + k.canonicalId().hex() + ", CN="
          + RootCertificates.commonName(c) + ", certificate valid until " + c.getNotAfter().toInstant() + ")");
    }
    if (keys.isEmpty()) {
      throw new UsageException("the new root would have no root keys");
    }
    int t = threshold == null ? Math.min(oldRole.threshold(), keys.size()) : threshold;
    if (t < 1 || t > keys.size()) {
      throw new UsageException("threshold " + t + " is impossible with " + keys.size() + " root key(s)");
    }
    if (t != oldRole.threshold()) {
      summary.add("root threshold " + oldRole.threshold() + " -> " + t);
    }
    Root next = base.withRole("root", keys, t).next(now.plus(expiresIn == null ? Expiry.ROOT : expiresIn));
    summary.add("root version " + base.version() + " -> " + next.version() + ", expires "
        + Expiry.format(next.expires()));
    summary.add("must be signed by " + oldRole.threshold() + " of the " + oldRole.keyIds().size()
        + " current root key(s) and by " + t + " of the " + keys.size() + " new root key(s)");
    CeremonyRequest req = new CeremonyRequest(gun, currentRootFile, next.toJson(), summary, List.of(),
        new Transcript(List.of()));
    Map<String, Object> e = entry("plan", operator);
    e.put("summary_sha256", Transcript.sha256Hex(dev.trustkeys.tuf.Json.canonical(summary)));
    e.put("signed_sha256", Transcript.sha256Hex(req.bytesToSign()));
    e.put("version_before", base.version());
    e.put("version_after", next.version());
    req.transcript().append(req.anchor(), e);
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
          + "' (give at least " + KeyId.MIN_PREFIX + " characters of its ID)");
    }
    return hits.get(0);
  }

  private Map<String, Object> entry(String action, String operator) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("action", action);
    // to the second: what people read and compare; finer digits only suggest a precision nobody checks
    e.put("time", Expiry.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    e.put("operator", operator);
    return e;
  }

  /**
   * Signs with every key of the old or new root role held in {@code stores} (or only {@code only}), adds the
   * signatures and one transcript entry per key, each entry also signed by that key.
   */
  public List<String> sign(CeremonyRequest req, KeyStores stores, Optional<KeyId> only, String operator)
      throws KeysException {
    verify(req);
    Root base = req.base();
    Root next = req.proposed();
    Map<String, TufKey> candidates = new LinkedHashMap<>(base.keysOf("root"));
    candidates.putAll(next.keysOf("root"));
    List<String> signedWith = new ArrayList<>();
    for (Map.Entry<String, TufKey> c : candidates.entrySet()) {
      KeyId canonical = c.getValue().canonicalId();
      if (only.isPresent() && !only.get().equals(canonical)) {
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
        Map<String, Object> e = entry("sign", operator);
        e.put("key_id", c.getKey());
        e.put("canonical_key_id", canonical.hex());
        e.put("device", l.get().info().location().isHardware() ? l.get().info().location().display() : "");
        e.put("key_location", l.get().info().location().kind().label());
        e.put("in_old_root", base.role("root").keyIds().contains(c.getKey()));
        e.put("in_new_root", next.role("root").keyIds().contains(c.getKey()));
        e.put("signed_sha256", Transcript.sha256Hex(req.bytesToSign()));
        e.put("version_before", base.version());
        e.put("version_after", next.version());
        String hash = req.transcript().append(req.anchor(), e);
        byte[] entrySig = s.sign(Transcript.utf8(hash));
        req.transcript().annotateLast("entry_sig", Base64.getEncoder().encodeToString(entrySig));
        signedWith.add(c.getKey());
      }
    }
    if (signedWith.isEmpty()) {
      throw new dev.trustkeys.core.KeyNotFoundException(only.map(KeyId::hex).orElse("any root key of this request"),
          "none of the request's old or new root keys is in " + stores.describeAll());
    }
    return signedWith;
  }

  public CeremonyStatus status(CeremonyRequest req) throws KeysException {
    Root base = req.base();
    Root next = req.proposed();
    Signed doc = req.signedRoot();
    List<String> oldValid = MetadataSigning.validSigners(doc, base.keysOf("root"));
    List<String> newValid = MetadataSigning.validSigners(doc, next.keysOf("root"));
    List<String> all = new ArrayList<>(oldValid);
    newValid.stream().filter(k -> !all.contains(k)).forEach(all::add);
    return new CeremonyStatus(req.gun(), base.version(), next.version(), all,
        new CeremonyStatus.Threshold(base.role("root").threshold(), base.role("root").keyIds(), oldValid),
        new CeremonyStatus.Threshold(next.role("root").threshold(), next.role("root").keyIds(), newValid));
  }

  /**
   * Checks the transcript: the hash chain, that it belongs to this request, that each signing entry is signed by
   * its key and that every signature in the request was recorded.
   */
  public void verify(CeremonyRequest req) throws KeysException {
    req.transcript().verifyChain(req.anchor());
    Root base = req.base();
    Root next = req.proposed();
    Map<String, TufKey> keys = new LinkedHashMap<>(base.keysOf("root"));
    keys.putAll(next.keysOf("root"));
    List<String> recorded = new ArrayList<>();
    List<Map<String, Object>> entries = req.transcript().entries();
    if (entries.isEmpty() || !"plan".equals(entries.get(0).get("action"))) {
      throw new Transcript.TranscriptTamperedException(0, "it does not start with the plan");
    }
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> e = entries.get(i);
      if (!"sign".equals(e.get("action"))) {
        continue;
      }
      TufKey k = keys.get((String) e.get("key_id"));
      Object es = e.get("entry_sig");
      if (k == null || !(es instanceof String)) {
        throw new Transcript.TranscriptTamperedException(i, "entry " + i + " names a key that is not a root key");
      }
      TufSignature entrySig = new TufSignature(k.id().hex(), methodFor(k), Base64.getDecoder().decode((String) es));
      if (!MetadataSigning.verifies(k, entrySig, Transcript.utf8((String) e.get("hash")))) {
        throw new Transcript.TranscriptTamperedException(i, "entry " + i + " is not signed by key "
            + k.id().shortId() + " it names");
      }
      recorded.add(k.id().hex());
    }
    for (TufSignature s : req.signatures()) {
      if (!recorded.contains(s.keyId())) {
        throw new Transcript.TranscriptTamperedException(entries.size(), "the signature of key "
            + s.keyId().substring(0, 7) + " is not in the transcript");
      }
    }
  }

  private static String methodFor(TufKey k) {
    return k.keyType().startsWith("rsa") ? "rsapss" : "ecdsa";
  }

  /** Publishes the signed root; refuses unless both thresholds are met and the chain from version 1 verifies. */
  public long publish(CeremonyRequest req, NotaryServer server, MetadataCache cache, KeyStores stores,
      String operator) throws KeysException {
    verify(req);
    CeremonyStatus st = status(req);
    if (!st.old().met()) {
      throw new dev.trustkeys.tuf.ThresholdNotMetException("root version " + st.versionBefore() + " (old)",
          st.old().required(), st.old().validSigners());
    }
    if (!st.proposed().met()) {
      throw new dev.trustkeys.tuf.ThresholdNotMetException("root version " + st.versionAfter() + " (new)",
          st.proposed().required(), st.proposed().validSigners());
    }
    List<byte[]> chain = RootHistory.fromServer(server, req.gun());
    if (!java.util.Arrays.equals(chain.get(chain.size() - 1), req.baseRoot())) {
      throw new KeysException("the server's root of " + req.gun() + " is no longer version " + st.versionBefore()
          + " this request was planned on: plan again", ExitCode.CONFLICT);
    }
    byte[] newRoot = req.signedRoot().toBytes();
    chain.add(newRoot);
    RootChainReport report = new RootChain(clock).verify(req.gun(), chain);
    if (!report.ok()) {
      String p = report.steps().stream().flatMap(s -> s.problems().stream()).findFirst()
          .orElse(report.problems().isEmpty() ? "?" : report.problems().get(0));
      throw new KeysException("the root chain with the new root does not verify: " + p, ExitCode.VERIFICATION_FAILED);
    }
    RepositoryState state = new RepositoryLoader(server, cache, clock).load(req.gun());
    Root next = req.proposed();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("root", newRoot);
    new Publisher(server, cache, stores, clock).publish(req.gun(), next, files, state.snapshot());
    Map<String, Object> e = entry("publish", operator);
    e.put("server", server.url());
    e.put("signed_sha256", Transcript.sha256Hex(req.bytesToSign()));
    e.put("version_before", st.versionBefore());
    e.put("version_after", st.versionAfter());
    req.transcript().append(req.anchor(), e);
    return next.version();
  }
}
