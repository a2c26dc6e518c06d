package dev.trustkeys.tuf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result of checking a repository's root chain from version 1 to the newest. */
public record RootChainReport(
    String gun, Instant checkedAt, List<Step> steps, List<String> problems) {
  public RootChainReport {
    steps = List.copyOf(steps);
    problems = List.copyOf(problems);
  }

  /** One root version: who it lists, who signed it, and whether both thresholds are met. */
  public record Step(
      long version,
      Instant expires,
      List<String> rootKeyIds,
      List<KeyName> rootKeys,
      int threshold,
      List<String> validOwnSignatures,
      int previousThreshold,
      List<String> validPreviousSignatures,
      List<String> certificateCommonNames,
      List<String> problems) {
    public Step {
      rootKeyIds = List.copyOf(rootKeyIds);
      rootKeys = List.copyOf(rootKeys);
      validOwnSignatures = List.copyOf(validOwnSignatures);
      validPreviousSignatures = List.copyOf(validPreviousSignatures);
      certificateCommonNames = List.copyOf(certificateCommonNames);
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public boolean ok() {
    return problems.isEmpty() && steps.stream().allMatch(Step::ok) && !steps.isEmpty();
  }

  public long newestVersion() {
    return steps.isEmpty() ? 0 : steps.get(steps.size() - 1).version();
  }

  /** A stable JSON shape for {@code keys verify --json}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gun", gun);
    m.put("checked_at", Expiry.format(checkedAt));
    m.put("ok", ok());
    m.put("newest_version", newestVersion());
    List<Object> vs = new ArrayList<>();
    for (Step s : steps) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("version", s.version());
      v.put("expires", s.expires() == null ? null : Expiry.format(s.expires()));
      v.put("root_keyids", s.rootKeyIds());
      v.put("root_keys", s.rootKeys().stream().map(KeyName::toJson).toList());
      v.put("threshold", (long) s.threshold());
      v.put("valid_signatures", s.validOwnSignatures());
      v.put("previous_threshold", (long) s.previousThreshold());
      v.put("valid_previous_signatures", s.validPreviousSignatures());
      v.put("certificate_cns", s.certificateCommonNames());
      v.put("ok", s.ok());
      v.put("problems", s.problems());
      vs.add(v);
    }
    m.put("versions", vs);
    m.put("problems", problems);
    return m;
  }

  /** A readable multi-line report. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("Root chain of ")
        .append(gun)
        .append(": ")
        .append(steps.size())
        .append(" version(s), ")
        .append(ok() ? "VALID" : "INVALID")
        .append('\n');
    for (Step s : steps) {
      b.append(
          String.format(
              "  v%d  expires %s  root keys %s  threshold %d  signed by %d of them",
              s.version(),
              s.expires() == null ? "?" : Expiry.format(s.expires()),
              names(s.rootKeys()),
              s.threshold(),
              s.validOwnSignatures().size()));
      if (s.previousThreshold() > 0) {
        b.append(
            String.format(
                "; by %d of v%d's root keys (threshold %d)",
                s.validPreviousSignatures().size(), s.version() - 1, s.previousThreshold()));
      }
      b.append(s.ok() ? "  ok" : "  FAILED").append('\n');
      for (String p : s.problems()) {
        b.append("      - ").append(p).append('\n');
      }
    }
    for (String p : problems) {
      b.append("  - ").append(p).append('\n');
    }
    return b.toString();
  }

  private static String names(List<KeyName> keys) {
    return keys.stream().map(KeyName::label).toList().toString();
  }
}
