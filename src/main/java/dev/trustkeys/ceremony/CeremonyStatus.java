package dev.trustkeys.ceremony;

import dev.trustkeys.tuf.KeyName;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.Signed;
import dev.trustkeys.tuf.TufKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who signed a request, whether the old and the new root thresholds are met, what the request changes (computed
 * from its roots) and whether its transcript verifies. Ready to publish means both: thresholds met and transcript
 * intact.
 */
public record CeremonyStatus(
    String gun, long versionBefore, long versionAfter, List<String> signedBy,
    Threshold old, Threshold proposed, List<String> change, String signedSha256, TranscriptReport transcript) {

  public CeremonyStatus {
    signedBy = List.copyOf(signedBy);
    change = List.copyOf(change);
  }

  /**
   * One of the two thresholds a new root must meet. Signatures count once per public key, whatever the number of
   * certificates a key is listed under.
   */
  public record Threshold(int required, List<String> keyIds, List<KeyName> names, List<String> validSigners) {
    public Threshold {
      keyIds = List.copyOf(keyIds);
      names = List.copyOf(names);
      validSigners = List.copyOf(validSigners);
    }

    /** The root role of {@code root} and who of it validly signed {@code doc}. */
    static Threshold of(Root root, Signed doc) throws MetadataException {
      Map<String, TufKey> keys = root.keysOf("root");
      List<KeyName> names = new ArrayList<>();
      keys.forEach((id, k) -> names.add(KeyName.of(id, k)));
      return new Threshold(root.role("root").threshold(), List.copyOf(keys.keySet()), names,
          MetadataSigning.validSigners(doc, keys));
    }

    public boolean met() {
      return validSigners.size() >= required;
    }

    public List<String> stillMissing() {
      return keyIds.stream().filter(k -> !validSigners.contains(k)).toList();
    }

    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("threshold", (long) required);
      m.put("keyids", keyIds);
      m.put("signed", validSigners);
      m.put("met", met());
      List<Object> keys = new ArrayList<>();
      for (int i = 0; i < keyIds.size(); i++) {
        Map<String, Object> k = names.get(i).toJson();
        k.put("signed", validSigners.contains(keyIds.get(i)));
        keys.add(k);
      }
      m.put("keys", keys);
      return m;
    }
  }

  /** Both thresholds met and the transcript intact. */
  public boolean complete() {
    return old.met() && proposed.met() && transcript.ok();
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gun", gun);
    m.put("version_before", versionBefore);
    m.put("version_after", versionAfter);
    m.put("signed_by", signedBy);
    m.put("old_root", old.toJson());
    m.put("new_root", proposed.toJson());
    m.put("complete", complete());
    m.put("signed_sha256", signedSha256);
    m.put("change", change);
    m.put("transcript_ok", transcript.ok());
    m.put("transcript_problem", transcript.problem());
    m.put("plan_signed_by", transcript.planSigner().map(KeyName::toJson).orElse(null));
    m.put("plan_signed_by_root_in_force", transcript.planByRootInForce());
    return m;
  }

  /** The whole report: the change, the exact hash, both thresholds, who planned it, and whether it is ready. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("Root of ").append(gun).append(": version ").append(versionBefore).append(" -> ").append(versionAfter)
        .append('\n');
    b.append(changeText(change, signedSha256));
    b.append(thresholdsText());
    if (transcript.ok()) {
      b.append(transcript.planText()).append('\n');
    }
    b.append(verdict()).append('\n');
    return b.toString();
  }

  /** The change, one line each, and the SHA-256 of the exact bytes to sign. */
  public static String changeText(List<String> change, String sha256) {
    StringBuilder b = new StringBuilder();
    change.forEach(c -> b.append("  - ").append(c).append('\n'));
    b.append("SHA-256 of the exact bytes to sign: ").append(sha256).append('\n');
    return b.toString();
  }

  /** Both thresholds, key by key. */
  public String thresholdsText() {
    StringBuilder b = new StringBuilder();
    line(b, "old root (v" + versionBefore + ")", old);
    line(b, "new root (v" + versionAfter + ")", proposed);
    return b.toString();
  }

  /** Whether it can be published, and if not, why. */
  public String verdict() {
    if (!transcript.ok()) {
      return "Not ready to publish: " + transcript.problem() + ". Do not sign or publish this file: ask the "
          + "coordinator for a new request.";
    }
    if (transcript.published()) {
      return "Published: the transcript ends with the publication ('keys ceremony verify REQUEST --server URL' "
          + "checks it on the server).";
    }
    return old.met() && proposed.met() ? "Both thresholds are met: ready to publish." : "Not ready to publish.";
  }

  private static void line(StringBuilder b, String name, Threshold t) {
    b.append(String.format("  %-18s %d of %d required, %s%n", name, t.validSigners().size(), t.required(),
        t.met() ? "met" : "NOT met"));
    for (int i = 0; i < t.keyIds().size(); i++) {
      b.append("      ").append(t.names().get(i).label())
          .append(t.validSigners().contains(t.keyIds().get(i)) ? "  signed" : "  not signed").append('\n');
    }
  }
}
