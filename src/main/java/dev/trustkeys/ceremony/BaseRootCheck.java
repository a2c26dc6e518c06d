package dev.trustkeys.ceremony;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.metadata.MetadataFormatException;
import java.util.Arrays;
import java.util.SortedMap;

/**
 * Compares a request's base root (the root in force it was planned on, carried in the request) with
 * a copy the holder already has: their trust directory's, the server's, their clone of the TUF
 * repository. Someone who edits the request in transit can replace the base root with one of their
 * own; they cannot change the holder's copy.
 */
public final class BaseRootCheck {
  private BaseRootCheck() {}

  /**
   * @param known root files by version, from {@code where} (a trust directory, a server, a
   *     repository)
   * @return one line saying what was compared
   * @throws KeysException exit 7 when the holder's root of that version differs, exit 8 when a
   *     newer root is already in force
   */
  public static String compare(CeremonyRequest req, SortedMap<Long, byte[]> known, String where)
      throws KeysException {
    long v = req.base().version();
    String of = req.describeSubject();
    if (known.isEmpty()) {
      return "Not compared with a copy of the current root: " + where + " has none of " + of + ".";
    }
    long newest = known.lastKey();
    if (newest > v) {
      throw new KeysException(
          "this request was planned on root version "
              + v
              + " of "
              + of
              + ", but version "
              + newest
              + " is already in force ("
              + where
              + "): ask the coordinator to plan again",
          ExitCode.CONFLICT);
    }
    if (!known.containsKey(v)) {
      return "Not compared with a copy of the current root: "
          + where
          + " has root versions up to "
          + newest
          + " of "
          + of
          + ", the request is based on version "
          + v
          + ".";
    }
    byte[] mine;
    byte[] theirs;
    try {
      CeremonyDialect d = req.dialect();
      mine = d.metadata().canonicalBytes(d.parseFile(known.get(v)).signed());
      theirs = d.metadata().canonicalBytes(d.parseFile(req.baseRoot()).signed());
    } catch (MetadataFormatException e) {
      throw new MetadataFormatException(
          "cannot compare the request's base root with " + where + ": " + e.getMessage());
    }
    if (!Arrays.equals(mine, theirs)) {
      throw new KeysException(
          "the request's base root (version "
              + v
              + " of "
              + of
              + ") is not the root "
              + "version "
              + v
              + " of "
              + where
              + ": the request was edited, or planned on another repository; do not "
              + "sign it, ask the coordinator for a new request",
          ExitCode.VERIFICATION_FAILED);
    }
    return "The request's base root is the root version " + v + " of " + where + ".";
  }
}
