package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.io.AtomicWrite;
import dev.trustkeys.core.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The journal of a restore's commit, and the undoing of a commit a killed process left half done.
 *
 * <p>A restore stages its files in {@code <trust dir>/.keys-restore-<random>/} ({@code new/} the
 * restored content, {@code old/} hard links to the files it replaces), writes this journal (every
 * step with the SHA-256 of the file before and after it), renames the new files into place, and
 * renames the journal to {@code committed}. A process killed in between leaves a journal without
 * {@code committed}: some targets restored, some not.
 *
 * <p>{@link #recover} undoes such a commit. It runs under the writers' lock, from {@link
 * TrustDirectory#lockForWrite}, which every writer takes before it writes: so it always runs before
 * anything is written over the half-applied restore. It touches only files whose content is exactly
 * what the restore left (their hash is the journal's "after"): a file changed since (by a tool that
 * does not take the lock) is kept as it is and named. What it cannot decide safely (a journal it
 * does not understand, a replaced file whose saved copy is gone) it refuses, with the command that
 * clears it.
 */
public final class RestoreJournal {
  /** Staging directories are named {@code .keys-restore-<random>} in the trust directory. */
  public static final String STAGING_MARK = ".keys-restore-";

  private static final String JOURNAL = "journal";
  private static final String COMMITTED = "committed";
  private static final String HEADER = "keys-restore-journal 2";
  private static final String NONE = "-";

  private RestoreJournal() {}

  /** What the commit does to one target. */
  public enum Op {
    MKDIR,
    CREATE,
    REPLACE
  }

  /**
   * One step: {@code target} relative to the trust directory; the SHA-256 (hex) of its content
   * before (REPLACE only) and after (CREATE, REPLACE) the step, null where there is none.
   */
  public record Step(Op op, String target, String before, String after) {
    public Step {
      if (!safe(target)) {
        throw new IllegalArgumentException(
            "not a relative path inside the trust directory: " + target);
      }
    }
  }

  /**
   * Writes the journal of {@code steps} into {@code staging}: 0600, fsynced, renamed into place,
   * directory fsynced.
   */
  public static void write(Path staging, List<Step> steps) throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Step s : steps) {
      sb.append(s.op())
          .append(' ')
          .append(orNone(s.before()))
          .append(' ')
          .append(orNone(s.after()))
          .append(' ')
          .append(s.target())
          .append('\n');
    }
    Path tmp = staging.resolve(JOURNAL + ".tmp");
    try (FileChannel ch = AtomicWrite.createNew(tmp, AtomicWrite.PRIVATE)) {
      ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, staging.resolve(JOURNAL), StandardCopyOption.ATOMIC_MOVE);
    AtomicWrite.fsyncDirectory(staging);
  }

  /** Marks the commit done: from here on the restore counts as complete, and is never undone. */
  public static void markCommitted(Path staging) throws IOException {
    Files.move(
        staging.resolve(JOURNAL), staging.resolve(COMMITTED), StandardCopyOption.ATOMIC_MOVE);
    AtomicWrite.fsyncDirectory(staging);
  }

  /**
   * Undoes the half-done commit in {@code staging} (with the writers' lock held), if it has a
   * journal. Returns what it did, for the user; files changed since the restore are kept and named.
   *
   * @throws IOException when a step cannot be undone, or it cannot be decided safely (the message
   *     says why)
   */
  public static List<String> rollBack(Path root, Path staging) throws IOException {
    List<String> said = new ArrayList<>();
    Path journal = staging.resolve(JOURNAL);
    if (!Files.exists(journal, LinkOption.NOFOLLOW_LINKS)) {
      return said;
    }
    List<Step> steps = read(journal);
    Collections.reverse(steps);
    Set<Path> touched = new LinkedHashSet<>();
    int putBack = 0;
    int removed = 0;
    for (Step s : steps) {
      Path target = root.resolve(s.target());
      touched.add(target.getParent());
      switch (s.op()) {
        case REPLACE -> {
          String now = sha256OrNull(target);
          if (s.after().equals(now)) {
            Path old = staging.resolve("old").resolve(s.target());
            if (!s.before().equals(sha256OrNull(old))) {
              throw new IOException(
                  "the saved copy of "
                      + s.target()
                      + " from before the restore is missing or changed");
            }
            Files.move(
                old, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            putBack++;
          } else if (now == null) {
            said.add("left " + target + " absent: it was removed after the interrupted restore");
          } else if (!s.before().equals(now)) {
            said.add("kept " + target + " as it is: it changed after the interrupted restore");
          }
        }
        case CREATE -> {
          String now = sha256OrNull(target);
          if (s.after().equals(now)) {
            Files.delete(target);
            removed++;
          } else if (now != null) {
            said.add("kept " + target + " as it is: it changed after the interrupted restore");
          }
        }
        default -> {
          if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(target)) {
              if (!ds.iterator().hasNext()) {
                Files.delete(target);
              }
            }
          }
        }
      }
    }
    for (Path d : touched) {
      if (Files.isDirectory(d)) {
        AtomicWrite.fsyncDirectory(d);
      }
    }
    said.add(
        0,
        "undid an interrupted restore ("
            + staging.getFileName()
            + "): put back "
            + putBack
            + " replaced file(s), removed "
            + removed
            + " restored file(s); the trust directory is as it was before it");
    return said;
  }

  /**
   * Finishes what killed restores left in {@code dir} (call it with the writers' lock held): an
   * uncommitted commit is undone ({@link #rollBack}), a staging directory is deleted. Returns what
   * it did, for the user.
   *
   * @throws KeysException when a restore cannot be undone safely: the message names the staging
   *     directory, why, and the command to run
   */
  static List<String> recover(TrustDirectory dir) throws KeysException {
    List<String> said = new ArrayList<>();
    for (Path s : stagingDirectories(dir)) {
      try {
        if (!Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(s);
          continue;
        }
        if (Files.exists(s.resolve(COMMITTED), LinkOption.NOFOLLOW_LINKS)) {
          said.add(
              "removed the staging directory of a restore that had completed ("
                  + s.getFileName()
                  + ")");
        } else if (Files.exists(s.resolve(JOURNAL), LinkOption.NOFOLLOW_LINKS)) {
          said.addAll(rollBack(dir.root(), s));
        } else {
          said.add(
              "removed the staging directory of a restore that was stopped before it changed anything ("
                  + s.getFileName()
                  + ")");
        }
        deleteTree(s);
        AtomicWrite.fsyncDirectory(dir.root());
      } catch (IOException e) {
        throw cannotUndo(s, IoErrors.reason(e));
      }
    }
    return said;
  }

  /** Whether {@code dir} holds the staging directory of a restore that a killed process left. */
  static boolean pending(TrustDirectory dir) throws KeysException {
    return !stagingDirectories(dir).isEmpty();
  }

  /**
   * For a reader that cannot recover (a read-only directory): refuses while a restore is half
   * applied.
   */
  static void refuseIfPending(TrustDirectory dir) throws KeysException {
    for (Path s : stagingDirectories(dir)) {
      if (Files.exists(s.resolve(JOURNAL), LinkOption.NOFOLLOW_LINKS)
          && !Files.exists(s.resolve(COMMITTED), LinkOption.NOFOLLOW_LINKS)) {
        throw new KeysException(
            dir.root()
                + " holds a restore that was interrupted half way ("
                + s.getFileName()
                + ") and is read-only, so keys cannot undo it: make "
                + dir.root()
                + " writable and run the command again (it undoes the restore first)");
      }
    }
  }

  private static KeysException cannotUndo(Path staging, String why) {
    return new KeysException(
        "cannot undo the interrupted restore in "
            + staging
            + " safely ("
            + why
            + "): the files"
            + " it replaced are in "
            + staging.resolve("old")
            + "; copy back what you need, then remove it with"
            + " 'rm -r "
            + staging
            + "' and run the command again");
  }

  private static List<Path> stagingDirectories(TrustDirectory dir) throws KeysException {
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(dir.root())) {
      return found;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.root(), STAGING_MARK + "*")) {
      for (Path p : ds) {
        found.add(p);
      }
    } catch (IOException e) {
      throw new KeysException("cannot read " + dir.root() + ": " + IoErrors.reason(e), e);
    }
    Collections.sort(found);
    return found;
  }

  private static List<Step> read(Path journal) throws IOException {
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IOException("its journal is not one this version of keys writes");
    }
    List<Step> steps = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(" ", 4);
      try {
        if (f.length != 4) {
          throw new IllegalArgumentException(l);
        }
        Op op = Op.valueOf(f[0]);
        String before = hashOrNone(f[1]);
        String after = hashOrNone(f[2]);
        if ((op == Op.REPLACE) != (before != null) || (op == Op.MKDIR) != (after == null)) {
          throw new IllegalArgumentException(l);
        }
        steps.add(new Step(op, f[3], before, after));
      } catch (IllegalArgumentException e) {
        throw new IOException("its journal has a malformed line");
      }
    }
    return steps;
  }

  private static String orNone(String hash) {
    return hash == null ? NONE : hash;
  }

  private static String hashOrNone(String field) {
    if (field.equals(NONE)) {
      return null;
    }
    if (field.length() != 64 || !isLowerHex(field)) {
      throw new IllegalArgumentException(field);
    }
    return field;
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  /**
   * A path of the restore: relative, inside the trust directory, no empty, "." or ".." component,
   * one line.
   */
  private static boolean safe(String target) {
    if (target == null
        || target.isEmpty()
        || target.startsWith("/")
        || target.indexOf('\0') >= 0
        || target.indexOf('\n') >= 0) {
      return false;
    }
    for (String c : target.split("/", -1)) {
      if (c.isEmpty() || c.equals(".") || c.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** SHA-256 (hex) of a regular file's content; null if there is no regular file there. */
  public static String sha256OrNull(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buf = new byte[8192];
      for (int r = in.read(buf); r > 0; r = in.read(buf)) {
        md.update(buf, 0, r);
      }
    } catch (NoSuchFileException e) {
      return null;
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = new ArrayList<>(s.toList());
    }
    Collections.reverse(
        all); // children after their parents in a walk: deleting backwards empties each first
    for (Path p : all) {
      try {
        Files.delete(p);
      } catch (NoSuchFileException e) {
        // Gone already.
      }
    }
  }
}
