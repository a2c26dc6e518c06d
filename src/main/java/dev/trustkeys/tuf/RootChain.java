package dev.trustkeys.tuf;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a chain of root versions as Notary's client and server do: each version is signed by its
 * own root role's threshold and by the previous version's root threshold; versions count up by one;
 * the newest is not expired and its root certificates name the GUN and are within their validity
 * (intermediate versions may have expired, as in Notary).
 */
public final class RootChain {
  private final Clock clock;

  public RootChain(Clock clock) {
    this.clock = clock;
  }

  /** Verifies {@code roots}, the root.json files of versions 1..N in order. */
  public RootChainReport verify(String gun, List<byte[]> roots) {
    return verify(gun, roots, 1);
  }

  /** Verifies consecutive root versions starting at {@code firstVersion} (trusted as given). */
  public RootChainReport verify(String gun, List<byte[]> roots, long firstVersion) {
    Instant now = clock.instant();
    List<RootChainReport.Step> steps = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    if (roots.isEmpty()) {
      problems.add("no root metadata found for " + gun);
    }
    Root previous = null;
    for (int i = 0; i < roots.size(); i++) {
      List<String> p = new ArrayList<>();
      Signed doc;
      Root root;
      try {
        doc = Signed.parse(roots.get(i));
        root = Root.fromJson(doc.signed());
      } catch (MetadataException e) {
        p.add("version " + (firstVersion + i) + " cannot be read: " + e.getMessage());
        steps.add(
            new RootChainReport.Step(
                firstVersion + i,
                null,
                List.of(),
                List.of(),
                0,
                List.of(),
                0,
                List.of(),
                List.of(),
                p));
        previous = null;
        continue;
      }
      if (root.version() != firstVersion + i) {
        p.add("expected version " + (firstVersion + i) + " but the file says " + root.version());
      }
      RoleKeys own = root.roles().get("root");
      List<String> validOwn = List.of();
      List<String> cns = new ArrayList<>();
      if (own == null) {
        p.add("no root role");
      } else {
        validOwn = MetadataSigning.validSigners(doc, keysOf(root, own));
        if (validOwn.size() < own.threshold()) {
          p.add(
              "signed by "
                  + validOwn.size()
                  + " of its own root keys, threshold "
                  + own.threshold());
        }
        int distinct = MetadataSigning.distinctKeys(own.keyIds(), root.keys());
        if (distinct < own.threshold()) {
          p.add(
              "threshold "
                  + own.threshold()
                  + " can never be met: the root role lists "
                  + distinct
                  + " different key(s) (a key under two certificates counts once)");
        }
        boolean newest = i == roots.size() - 1;
        for (String id : own.keyIds()) {
          TufKey k = root.keys().get(id);
          String name = KeyName.of(id, k).label();
          try {
            if (!k.isCertificate()) {
              p.add("root key " + name + " is a " + k.keyType() + " key, not a certificate");
              continue;
            }
            X509Certificate leaf = k.leafCertificate().orElseThrow();
            cns.add(RootCertificates.commonName(leaf));
            List<String> certProblems = RootCertificates.problems(leaf, gun, now);
            for (String cp : certProblems) {
              // like Notary, intermediate versions may hold expired certificates; the CN must
              // always match
              if (newest || cp.startsWith("certificate CN")) {
                p.add("root key " + name + ": " + cp);
              }
            }
          } catch (MetadataException e) {
            p.add(e.getMessage());
          }
        }
        if (newest && now.isAfter(root.expires())) {
          p.add(
              "expired on "
                  + Expiry.format(root.expires())
                  + ": the root key holders must sign a new version");
        }
      }
      List<String> validPrev = List.of();
      int prevThreshold = 0;
      if (i > 0) {
        RoleKeys prevRole = previous == null ? null : previous.roles().get("root");
        if (previous == null) {
          p.add("cannot check against version " + (firstVersion + i - 1) + ", which is unreadable");
        } else if (prevRole == null) {
          p.add(
              "cannot check against version "
                  + (firstVersion + i - 1)
                  + ", which has no root role");
        } else {
          prevThreshold = prevRole.threshold();
          validPrev = MetadataSigning.validSigners(doc, keysOf(previous, prevRole));
          if (validPrev.size() < prevThreshold) {
            long pv = firstVersion + i - 1;
            p.add(
                "signed by "
                    + validPrev.size()
                    + " of version "
                    + pv
                    + "'s root keys, threshold "
                    + prevThreshold
                    + ": a client that trusts version "
                    + pv
                    + " refuses it");
          }
        }
      }
      List<String> ownIds = own == null ? List.of() : own.keyIds();
      List<KeyName> names = new ArrayList<>();
      for (String id : ownIds) {
        names.add(KeyName.of(id, root.keys().get(id)));
      }
      steps.add(
          new RootChainReport.Step(
              root.version(),
              root.expires(),
              ownIds,
              names,
              own == null ? 0 : own.threshold(),
              validOwn,
              prevThreshold,
              validPrev,
              cns,
              p));
      previous = root;
    }
    return new RootChainReport(gun, now, steps, problems);
  }

  private static Map<String, TufKey> keysOf(Root root, RoleKeys role) {
    Map<String, TufKey> m = new java.util.LinkedHashMap<>();
    for (String id : role.keyIds()) {
      m.put(id, root.keys().get(id));
    }
    return m;
  }
}
