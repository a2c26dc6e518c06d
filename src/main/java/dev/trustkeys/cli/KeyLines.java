package dev.trustkeys.cli;

import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.Role;
import java.io.PrintWriter;
import java.util.List;

/**
 * The one wording of the lines that say which key a command created or used ({@code init}, {@code
 * init --server}, {@code tuf init}): "Root key created: ID (certificate C) in WHERE", "Targets key
 * found, using: ID in WHERE"; and the closing lines of init: what was created, and what to do next.
 */
final class KeyLines {
  private KeyLines() {}

  /** A key line; {@code certificateId} (the ID the metadata uses for a root key) may be null. */
  static String of(Role role, boolean created, KeyInfo key, String certificateId) {
    String name = role.name();
    return Character.toUpperCase(name.charAt(0))
        + name.substring(1)
        + " key "
        + (created ? "created" : "found, using")
        + ": "
        + key.id().hex()
        + (certificateId == null ? "" : " (certificate " + certificateId + ")")
        + " in "
        + key.location().display();
  }

  /**
   * "Created the root, targets and snapshot keys." and the next step: back up, then keys doctor.
   */
  static void summary(PrintWriter out, List<Role> created) {
    if (created.isEmpty()) {
      out.println("Nothing new was created: every key was already here.");
      out.println("Next: keys doctor checks the keys and the set-up.");
      return;
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < created.size(); i++) {
      names
          .append(i == 0 ? "" : i == created.size() - 1 ? " and " : ", ")
          .append(created.get(i).name());
    }
    out.println("Created the " + names + (created.size() == 1 ? " key." : " keys."));
    out.println(
        "Next: back up the new keys, to a place you keep offline (keys backup -o /media/safe/keys.tar.gz),"
            + " then check with keys doctor --backup /media/safe/keys.tar.gz.");
  }
}
