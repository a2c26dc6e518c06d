package dev.trustkeys.ceremony;

import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.KeyName;
import dev.trustkeys.tuf.MetadataException;
import dev.trustkeys.tuf.MetadataSigning;
import dev.trustkeys.tuf.RoleKeys;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.TufKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a proposed root changes, computed from the root in force and the proposed root themselves: every key added
 * to or removed from a role (by the ID {@code keys list} shows, the full fingerprint, and its certificate), every
 * threshold, the version and expiry, and who must sign. This, never the summary written in a request file, is what
 * a holder reads before signing: someone who edits the file in transit can rewrite its summary, not this.
 */
public final class RootChange {
  private static final List<String> BASE_ROLES = List.of("root", "targets", "snapshot", "timestamp");
  private final List<String> lines;

  private RootChange(List<String> lines) {
    this.lines = List.copyOf(lines);
  }

  public static RootChange between(Root base, Root next) throws MetadataException {
    List<String> out = new ArrayList<>();
    out.add("root version " + base.version() + " -> " + next.version() + ", expires "
        + Expiry.format(next.expires()));
    Set<String> roles = new LinkedHashSet<>(BASE_ROLES);
    roles.addAll(new TreeSet<>(base.roles().keySet()));
    roles.addAll(new TreeSet<>(next.roles().keySet()));
    for (String role : roles) {
      role(out, role, base, next);
    }
    if (base.consistentSnapshot() != next.consistentSnapshot()) {
      out.add("consistent_snapshot " + base.consistentSnapshot() + " -> " + next.consistentSnapshot());
    }
    for (String id : new TreeSet<>(next.keys().keySet())) {
      boolean used = next.roles().values().stream().anyMatch(r -> r.keyIds().contains(id));
      if (!used && !base.keys().containsKey(id)) {
        out.add("also lists " + describe(id, next.keys().get(id)) + ", which no role uses");
      }
    }
    RoleKeys oldRoot = base.role("root");
    RoleKeys newRoot = next.role("root");
    out.add("must be signed by " + oldRoot.threshold() + " of the "
        + MetadataSigning.distinctKeys(oldRoot.keyIds(), base.keys()) + " current root key(s) and by "
        + newRoot.threshold() + " of the " + MetadataSigning.distinctKeys(newRoot.keyIds(), next.keys())
        + " new root key(s)");
    return new RootChange(out);
  }

  private static void role(List<String> out, String role, Root base, Root next) throws MetadataException {
    RoleKeys before = base.roles().get(role);
    RoleKeys after = next.roles().get(role);
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
    for (String id : old) {
      if (!after.keyIds().contains(id)) {
        out.add("remove " + role + " " + describe(id, base.keys().get(id)));
      }
    }
    for (String id : after.keyIds()) {
      if (!old.contains(id)) {
        out.add("add " + role + " " + describe(id, next.keys().get(id)));
      }
    }
    if (before == null || before.threshold() != after.threshold()) {
      out.add(role + " threshold " + (before == null ? "" : before.threshold() + " -> ") + after.threshold());
    } else if (role.equals("root")) {
      out.add("root threshold stays " + after.threshold());
    }
  }

  /** {@code key <full ID> (certificate <ID>, CN=..., valid until ...)}. */
  static String describe(String metadataId, TufKey key) throws MetadataException {
    StringBuilder b = new StringBuilder("key ").append(KeyName.of(metadataId, key).fullLabel());
    Optional<X509Certificate> cert = key == null ? Optional.empty() : key.leafCertificate();
    if (cert.isPresent()) {
      b.setLength(b.length() - 1);
      b.append(", CN=").append(RootCertificates.commonName(cert.get())).append(", valid until ")
          .append(Expiry.format(cert.get().getNotAfter().toInstant())).append(')');
    }
    return b.toString();
  }

  /** One line per change, in a fixed order: version and expiry, root, targets, snapshot, timestamp, who signs. */
  public List<String> lines() {
    return lines;
  }
}
