package dev.trustkeys.ceremony;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.Untrusted;
import dev.trustkeys.metadata.MetadataFormatException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a proposed root changes, computed from the root in force and the proposed root themselves,
 * in any dialect: every key added to or removed from a role (by the ID {@code keys list} shows, the
 * full fingerprint, and the ID the metadata uses), a key listed anew under another ID, every
 * threshold, the version and expiry, every other field that differs, and who must sign. This, never
 * the summary written in a request file, is what a holder reads before signing: someone who edits
 * the file in transit can rewrite its summary, not this.
 */
public final class RootChange {
  private static final List<String> BASE_ROLES =
      List.of("root", "targets", "snapshot", "timestamp");

  /** Fields shown on their own lines (or by the key and role lines), not as "other fields". */
  private static final Set<String> STRUCTURE =
      Set.of("_type", "version", "expires", "keys", "roles");

  private final List<String> lines;

  private RootChange(List<String> lines) {
    this.lines = List.copyOf(lines);
  }

  public static RootChange between(CeremonyRoot base, CeremonyRoot next)
      throws MetadataFormatException {
    List<String> out = new ArrayList<>();
    out.add(
        "root version "
            + base.version()
            + " -> "
            + next.version()
            + ", expires "
            + Untrusted.printable(String.valueOf(next.signed().get("expires"))));
    Set<String> roles = new LinkedHashSet<>(BASE_ROLES);
    roles.addAll(new TreeSet<>(base.roles().keySet()));
    roles.addAll(new TreeSet<>(next.roles().keySet()));
    for (String role : roles) {
      role(out, role, base, next);
    }
    fields(out, "", base.signed(), next.signed(), STRUCTURE);
    for (String id : new TreeSet<>(next.keys().keySet())) {
      boolean used = next.roles().values().stream().anyMatch(r -> r.keyIds().contains(id));
      if (!used && !base.keys().containsKey(id)) {
        out.add("also lists " + describe(next.keys().get(id)) + ", which no role uses");
      }
      RootKey before = base.keys().get(id);
      if (before != null && !before.json().equals(next.keys().get(id).json())) {
        out.add(
            "key "
                + before.label()
                + " keeps its ID but its key object changes ("
                + String.join(", ", differingFields(before.json(), next.keys().get(id).json()))
                + ")");
      }
    }
    CeremonyRoot.Role oldRoot = base.role("root");
    CeremonyRoot.Role newRoot = next.role("root");
    out.add(
        "must be signed by "
            + oldRoot.threshold()
            + " of the "
            + base.distinctKeys(oldRoot.keyIds())
            + " current root key(s) and by "
            + newRoot.threshold()
            + " of the "
            + next.distinctKeys(newRoot.keyIds())
            + " new root key(s)");
    return new RootChange(out);
  }

  private static void role(List<String> out, String role, CeremonyRoot base, CeremonyRoot next) {
    CeremonyRoot.Role before = base.roles().get(role);
    CeremonyRoot.Role after = next.roles().get(role);
    if (before == null && after == null) {
      return;
    }
    if (after == null) {
      out.add("remove the " + role + " role");
      return;
    }
    if (before == null) {
      out.add("add the " + role + " role");
    }
    List<String> old = before == null ? List.of() : before.keyIds();
    List<String> removed = old.stream().filter(id -> !after.keyIds().contains(id)).toList();
    List<String> added = after.keyIds().stream().filter(id -> !old.contains(id)).toList();
    List<String> relisted = new ArrayList<>();
    for (String id : added) {
      RootKey now = next.keys().get(id);
      Optional<String> was =
          removed.stream().filter(r -> sameKey(base.keys().get(r), now)).findFirst();
      if (was.isPresent()) {
        RootKey then = base.keys().get(was.get());
        out.add(
            role
                + " "
                + describe(now)
                + " is listed under a new ID (was "
                + shorten(was.get())
                + "): its key object changes ("
                + String.join(", ", differingFields(then.json(), now.json()))
                + ")");
        relisted.add(was.get());
        relisted.add(id);
      }
    }
    for (String id : removed) {
      if (!relisted.contains(id)) {
        out.add("remove " + role + " " + describe(id, base.keys().get(id)));
      }
    }
    for (String id : added) {
      if (!relisted.contains(id)) {
        out.add("add " + role + " " + describe(id, next.keys().get(id)));
      }
    }
    if (before == null || before.threshold() != after.threshold()) {
      out.add(
          role
              + " threshold "
              + (before == null ? "" : before.threshold() + " -> ")
              + after.threshold());
    } else if (role.equals("root")) {
      out.add("root threshold stays " + after.threshold());
    }
    if (before != null) {
      fields(out, role + " ", before.json(), after.json(), Set.of("keyids", "threshold"));
    }
  }

  private static boolean sameKey(RootKey a, RootKey b) {
    if (a == null || b == null) {
      return false;
    }
    Optional<KeyId> ha = a.handleIfReadable();
    return ha.isPresent() && ha.equals(b.handleIfReadable());
  }

  /**
   * One line per field (other than {@code skip}) whose value differs: {@code PREFIXfield old ->
   * new}.
   */
  private static void fields(
      List<String> out,
      String prefix,
      Map<String, Object> before,
      Map<String, Object> after,
      Set<String> skip) {
    Set<String> names = new TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String f : names) {
      if (!skip.contains(f) && !Objects.equals(before.get(f), after.get(f))) {
        out.add(
            prefix
                + Untrusted.printable(f.length() > 60 ? f.substring(0, 60) + "..." : f)
                + " "
                + value(before, f)
                + " -> "
                + value(after, f));
      }
    }
  }

  private static String value(Map<String, Object> m, String field) {
    if (!m.containsKey(field)) {
      return "(none)";
    }
    Object v = m.get(field);
    if (v instanceof Boolean || v instanceof Number) {
      return String.valueOf(v);
    }
    return Untrusted.quote(v instanceof String ? v : dev.trustkeys.tuf.Json.canonicalString(v));
  }

  private static List<String> differingFields(Map<String, Object> a, Map<String, Object> b) {
    Set<String> names = new TreeSet<>(a.keySet());
    names.addAll(b.keySet());
    List<String> out = new ArrayList<>();
    for (String f : names) {
      if (!Objects.equals(a.get(f), b.get(f))) {
        out.add(
            Untrusted.quote(f)
                + (a.containsKey(f) ? b.containsKey(f) ? " changed" : " removed" : " added"));
      }
    }
    return out;
  }

  private static String shorten(String hex) {
    return hex.length() > 7 ? hex.substring(0, 7) : hex;
  }

  /**
   * {@code key <full ID> (certificate <ID>, CN=..., valid until ...)}, {@code key <full ID> (TUF
   * key <ID>)}.
   */
  static String describe(RootKey key) {
    return describe(key.id(), key);
  }

  static String describe(String metadataId, RootKey key) {
    if (key == null) {
      return "key " + Untrusted.quote(metadataId) + " (not listed in the root)";
    }
    String label = key.fullLabel();
    List<String> details = key.details();
    if (details.isEmpty()) {
      return "key " + label;
    }
    String extra = String.join(", ", details);
    return "key "
        + (label.endsWith(")")
            ? label.substring(0, label.length() - 1) + ", " + extra + ")"
            : label + " (" + extra + ")");
  }

  /**
   * One line per change, in a fixed order: version and expiry, root, targets, snapshot, timestamp,
   * who signs.
   */
  public List<String> lines() {
    return lines;
  }
}
