package dev.trustkeys.doctor;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.Remedy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Root keys without a backup. A root key counts as backed up when at least two copies of it are
 * visible: two places where {@code keys} finds it (a file and a token, two tokens) or one of them
 * plus a backup archive named with {@code keys doctor --backup ARCHIVE} that holds its file. {@code
 * keys} cannot see copies kept elsewhere, so one copy is a warning, not an error. A root key that
 * lives only on hardware (no file copy, no archive) gets its own message: the device cannot be
 * backed up, so the plan is a second root key.
 */
final class RootBackupCheck {
  static final String NAME = "root-backup";

  private RootBackupCheck() {}

  static List<Finding> run(List<KeyInfo> keys, Map<KeyId, String> archived) {
    Map<KeyId, Set<String>> copies = new LinkedHashMap<>();
    Map<KeyId, Boolean> hardwareOnly = new LinkedHashMap<>();
    for (KeyInfo k : keys) {
      if (!k.role().isRoot()) {
        continue;
      }
      String kind = k.location().scheme();
      String where =
          k.location().display().startsWith(kind + ":")
              ? k.location().display()
              : kind + " " + k.location().display();
      copies.computeIfAbsent(k.id(), x -> new LinkedHashSet<>()).add(where);
      hardwareOnly.merge(k.id(), k.location().isHardware(), Boolean::logicalAnd);
    }
    List<Finding> out = new ArrayList<>();
    if (copies.isEmpty()) {
      out.add(
          Finding.info(
              NAME, "no root key here (a repository's root key may be kept on another machine)"));
      return out;
    }
    for (Map.Entry<KeyId, Set<String>> e : copies.entrySet()) {
      String id = e.getKey().shortId();
      List<String> where = new ArrayList<>(e.getValue());
      if (archived.containsKey(e.getKey())) {
        where.add("backup " + archived.get(e.getKey()));
      }
      if (where.size() >= 2) {
        out.add(
            Finding.ok(
                NAME,
                "root key "
                    + id
                    + " has "
                    + where.size()
                    + " copies: "
                    + String.join(", ", where)));
      } else if (hardwareOnly.get(e.getKey())) {
        out.add(
            Finding.warn(
                NAME,
                "root key "
                    + id
                    + " lives only on "
                    + where.get(0)
                    + ": a device cannot be backed up, and losing it loses the root of trust",
                "keep a second root key offline (docs/root-on-yubikey.md) or a file copy in a backup"));
      } else {
        out.add(
            Finding.warn(
                NAME,
                "root key " + id + " has only one copy (" + where.get(0) + ")",
                Remedy.of(Remedy.Kind.BACK_UP_AND_CHECK)));
      }
    }
    return out;
  }
}
