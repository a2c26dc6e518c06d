package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.metadata.MetadataFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules a request's transcript follows. The hash chain alone proves nothing against someone who
 * edits the file: they can recompute every hash. What they cannot make is a root key's signature,
 * so an entry counts as evidence only as far as it is signed: each {@code sign} entry by the key it
 * names, the {@code plan} by the coordinator's root key when they held one, a {@code publish} entry
 * by the publisher's root key, or else confirmed against the published root (the Notary server's,
 * the TUF repository's).
 */
final class TranscriptRules {
  private TranscriptRules() {}

  static TranscriptReport check(CeremonyRequest req, Optional<PublishedRoots> server)
      throws KeysException {
    Transcript t = req.transcript();
    t.verifyChain(req.anchor());
    List<Map<String, Object>> entries = t.entries();
    if (entries.isEmpty() || !"plan".equals(entries.get(0).get("action"))) {
      throw tampered(0, "it does not start with the plan");
    }
    CeremonyRoot base = req.base();
    CeremonyRoot next = req.proposed();
    if (next.version() != base.version() + 1) {
      throw tampered(
          0,
          "the proposed root is version "
              + next.version()
              + " but the root in force is version "
              + base.version()
              + ": the next root must be version "
              + (base.version() + 1));
    }
    Map<String, RootKey> keys = new LinkedHashMap<>(base.keysOf("root"));
    keys.putAll(next.keysOf("root"));
    String sha = req.sha256();
    List<Optional<RootKey>> signers = new ArrayList<>();
    List<String> recorded = new ArrayList<>();
    boolean published = false;
    boolean planByRootInForce = false;
    for (int i = 0; i < entries.size(); i++) {
      Map<String, Object> e = entries.get(i);
      Object action = e.get("action");
      String what = "entry " + i + " (" + action + ")";
      if (!List.of("plan", "sign", "publish").contains(action)
          || (i > 0 && "plan".equals(action))) {
        throw tampered(i, what + " is not a step of a ceremony here");
      }
      if (!sha.equals(e.get("signed_sha256"))) {
        throw tampered(i, what + " is about other bytes than this request's root");
      }
      if (!Long.valueOf(base.version()).equals(e.get("version_before"))
          || !Long.valueOf(next.version()).equals(e.get("version_after"))) {
        throw tampered(
            i,
            what + " names other root versions than " + base.version() + " -> " + next.version());
      }
      Optional<RootKey> signer = t.signerOf(i, keys);
      signers.add(signer);
      if (i == 0 && signer.isPresent()) {
        planByRootInForce = base.role("root").keyIds().contains(signer.get().id());
      }
      if ("sign".equals(action)) {
        if (signer.isEmpty()) {
          throw tampered(i, what + " carries no signature of the key that signed");
        }
        recorded.add(signer.get().id());
      } else if ("publish".equals(action)) {
        publish(req, i, entries.size(), what, signer.isPresent(), server);
        published = true;
      }
    }
    for (Map<String, Object> s : req.signatures()) {
      Object id = s.get("keyid");
      if (!recorded.contains(id)) {
        RootKey k = keys.get(id);
        throw tampered(
            entries.size(),
            "the signature of key "
                + (k == null ? dev.trustkeys.core.Untrusted.quote(id) : k.label())
                + " is not in the transcript");
      }
    }
    return new TranscriptReport(
        signers, planByRootInForce, published, published && server.isPresent(), null, null);
  }

  /**
   * A publish entry: the last, after both thresholds were met, and signed or confirmed on the
   * server.
   */
  private static void publish(
      CeremonyRequest req,
      int i,
      int count,
      String what,
      boolean signed,
      Optional<PublishedRoots> server)
      throws KeysException {
    if (i != count - 1) {
      throw tampered(i, what + " is followed by other entries");
    }
    if (!CeremonyStatus.Threshold.of(req, req.base()).met()
        || !CeremonyStatus.Threshold.of(req, req.proposed()).met()) {
      throw tampered(
          i,
          what
              + " records a publication, but the request's signatures do not meet both thresholds");
    }
    if (server.isPresent()) {
      long v = req.proposed().version();
      Optional<byte[]> published = server.get().root(v);
      if (published.isEmpty()) {
        throw tampered(
            i,
            what
                + " says root version "
                + v
                + " was published, but "
                + server.get().describe()
                + " has no root version "
                + v
                + " of "
                + req.describeSubject());
      }
      if (!Arrays.equals(canonicalSigned(req.dialect(), published.get()), req.bytesToSign())) {
        throw tampered(
            i,
            what
                + " says root version "
                + v
                + " was published, but the root version "
                + v
                + " of "
                + server.get().describe()
                + " is another root");
      }
    } else if (!signed) {
      throw new Transcript.TranscriptTamperedException(
          i,
          what + " is signed by no root key, so anyone could have written it",
          dev.trustkeys.core.Remedy.of(
              req.dialect() == CeremonyDialect.NOTARY
                  ? dev.trustkeys.core.Remedy.Kind.VERIFY_ON_SERVER
                  : dev.trustkeys.core.Remedy.Kind.VERIFY_IN_REPOSITORY));
    }
  }

  /**
   * The canonical bytes of a root file's {@code signed}, in the dialect (none when it cannot be
   * read).
   */
  static byte[] canonicalSigned(CeremonyDialect dialect, byte[] file) {
    try {
      return dialect.metadata().canonicalBytes(dialect.parseFile(file).signed());
    } catch (MetadataFormatException e) {
      return new byte[0];
    }
  }

  private static Transcript.TranscriptTamperedException tampered(int entry, String what) {
    return new Transcript.TranscriptTamperedException(entry, what);
  }
}
