package dev.trustkeys.ceremony;

import dev.trustkeys.core.Remedy;
import dev.trustkeys.metadata.MetadataFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Who signed a request, whether the old and the new root thresholds are met, what the request
 * changes (computed from its roots), what the checks of its keys found, and whether its transcript
 * verifies. Ready to publish means all of it: thresholds met, no problem with a key, transcript
 * intact.
 *
 * @param subjectField the request field naming what the root belongs to ({@code gun}, {@code
 *     repository})
 * @param subject its value
 * @param problems what keeps the request from being signed or published (an added key whose
 *     attestation does not verify, a key listed under a wrong ID), one line each
 * @param warnings what holders should know but does not stop the ceremony (an advisory for a
 *     YubiKey's firmware)
 * @param attested what the verified YubiKey attestations show, one line per attested key
 */
public record CeremonyStatus(
    String subjectField,
    String subject,
    String describedSubject,
    long versionBefore,
    long versionAfter,
    List<String> signedBy,
    Threshold old,
    Threshold proposed,
    List<String> change,
    String signedSha256,
    TranscriptReport transcript,
    List<String> problems,
    List<String> warnings,
    List<String> attested) {

  public CeremonyStatus {
    signedBy = List.copyOf(signedBy);
    change = List.copyOf(change);
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
    attested = List.copyOf(attested);
  }

  /**
   * One of the two thresholds a new root must meet. Signatures count once per public key, whatever
   * the number of certificates or key objects a key is listed under.
   */
  public record Threshold(
      int required, List<String> keyIds, List<RootKey> names, List<String> validSigners) {
    public Threshold {
      keyIds = List.copyOf(keyIds);
      names = List.copyOf(names);
      validSigners = List.copyOf(validSigners);
    }

    /** The root role of {@code root} and who of it validly signed the request's root. */
    static Threshold of(CeremonyRequest req, CeremonyRoot root) throws MetadataFormatException {
      Map<String, RootKey> keys = root.keysOf("root");
      return new Threshold(
          root.role("root").threshold(),
          List.copyOf(keys.keySet()),
          List.copyOf(keys.values()),
          req.validSigners(root));
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
        Map<String, Object> k = new LinkedHashMap<>(names.get(i).toJson());
        k.put("signed", validSigners.contains(keyIds.get(i)));
        keys.add(k);
      }
      m.put("keys", keys);
      return m;
    }
  }

  /** Both thresholds met, no problem with a key, and the transcript intact. */
  public boolean complete() {
    return old.met() && proposed.met() && transcript.ok() && problems.isEmpty();
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(subjectField, subject);
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
    m.put("plan_signed_by", transcript.planSigner().map(RootKey::toJson).orElse(null));
    m.put("plan_signed_by_root_in_force", transcript.planByRootInForce());
    m.put("attested", attested);
    m.put("problems", problems);
    m.put("warnings", warnings);
    return m;
  }

  /**
   * The whole report: the change, the exact hash, both thresholds, who planned it, and whether it
   * is ready.
   */
  public String toText() {
    return toText((problem, remedy) -> problem);
  }

  /**
   * The whole report, with {@code advise} adding the words of a remedy to a sentence (the command
   * line's, with its commands).
   */
  public String toText(BiFunction<String, Remedy, String> advise) {
    StringBuilder b = new StringBuilder();
    b.append("Root of ")
        .append(describedSubject)
        .append(": version ")
        .append(versionBefore)
        .append(" -> ")
        .append(versionAfter)
        .append('\n');
    b.append(changeText(change, signedSha256));
    attested.forEach(a -> b.append("Attested: ").append(a).append('\n'));
    b.append(findingsText(problems, warnings));
    b.append(thresholdsText());
    if (transcript.ok()) {
      b.append(transcript.planText()).append('\n');
    }
    b.append(verdict(advise)).append('\n');
    return b.toString();
  }

  /** The change, one line each, and the SHA-256 of the exact bytes to sign. */
  public static String changeText(List<String> change, String sha256) {
    StringBuilder b = new StringBuilder();
    change.forEach(c -> b.append("  - ").append(c).append('\n'));
    b.append("SHA-256 of the exact bytes to sign: ").append(sha256).append('\n');
    return b.toString();
  }

  /** Problems ("Refused: ...") and warnings, one line each. */
  public static String findingsText(List<String> problems, List<String> warnings) {
    StringBuilder b = new StringBuilder();
    problems.forEach(p -> b.append("Refused: ").append(p).append('\n'));
    warnings.forEach(w -> b.append("Warning: ").append(w).append('\n'));
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
    return verdict((problem, remedy) -> problem);
  }

  /**
   * Whether it can be published, with {@code advise} adding a remedy's words (see {@link
   * #toText(BiFunction)}).
   */
  public String verdict(BiFunction<String, Remedy, String> advise) {
    if (!transcript.ok()) {
      return "Not ready to publish: "
          + (transcript.remedy() == null
              ? transcript.problem()
              : advise.apply(transcript.problem(), transcript.remedy()))
          + ". Do not sign or publish this file: ask the "
          + "coordinator for a new request.";
    }
    if (!problems.isEmpty()) {
      return "Not ready to publish: " + problems.get(0) + ".";
    }
    if (transcript.published()) {
      return advise.apply(
              "Published: the transcript ends with the publication",
              Remedy.of(
                  subjectField.equals("gun")
                      ? Remedy.Kind.CHECK_PUBLISHED_ON_SERVER
                      : Remedy.Kind.CHECK_PUBLISHED_IN_REPOSITORY))
          + ".";
    }
    return old.met() && proposed.met()
        ? "Both thresholds are met: ready to publish."
        : "Not ready to publish.";
  }

  private static void line(StringBuilder b, String name, Threshold t) {
    b.append(
        String.format(
            "  %-18s %d of %d required, %s%n",
            name, t.validSigners().size(), t.required(), t.met() ? "met" : "NOT met"));
    for (int i = 0; i < t.keyIds().size(); i++) {
      b.append("      ")
          .append(t.names().get(i).label())
          .append(t.validSigners().contains(t.keyIds().get(i)) ? "  signed" : "  not signed")
          .append('\n');
    }
  }
}
