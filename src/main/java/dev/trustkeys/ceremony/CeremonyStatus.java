package dev.trustkeys.ceremony;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who signed a request, and whether the old and the new root thresholds are met. */
public record CeremonyStatus(
    String gun, long versionBefore, long versionAfter, List<String> signedBy,
    Threshold old, Threshold proposed) {

  /** One of the two thresholds a new root must meet. */
  public record Threshold(int required, List<String> keyIds, List<String> validSigners) {
    public Threshold {
      keyIds = List.copyOf(keyIds);
      validSigners = List.copyOf(validSigners);
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
      return m;
    }
  }

  public boolean complete() {
    return old.met() && proposed.met();
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
    return m;
  }

  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append("Root of ").append(gun).append(": version ").append(versionBefore).append(" -> ").append(versionAfter)
        .append('\n');
    line(b, "old root (v" + versionBefore + ")", old);
    line(b, "new root (v" + versionAfter + ")", proposed);
    b.append(complete() ? "Both thresholds are met: ready to publish.\n" : "Not ready to publish.\n");
    return b.toString();
  }

  private static void line(StringBuilder b, String name, Threshold t) {
    b.append(String.format("  %-18s %d of %d required, %s%n", name, t.validSigners().size(), t.required(),
        t.met() ? "met" : "NOT met"));
    for (String k : t.keyIds()) {
      b.append("      ").append(k, 0, 7).append(t.validSigners().contains(k) ? "  signed" : "  not signed")
          .append('\n');
    }
  }
}
