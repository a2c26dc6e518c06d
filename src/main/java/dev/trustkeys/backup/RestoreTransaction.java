package dev.trustkeys.backup;

import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The commit of a restore, crash-safe. All of it happens with the trust directory's writers' lock held, inside a
 * staging directory {@code <trust dir>/.keys-restore-<random>/} on the same file system:
 *
 * <ol>
 *   <li>every new file is written to {@code new/<target>} and fsynced; every file to be replaced is hard-linked
 *       to {@code old/<target>}; the staging directories are fsynced;
 *   <li>the journal (the directories to create, the files to create or replace) is written and fsynced;
 *   <li>directories are created, each new file is renamed over its target (one atomic rename each), and the
 *       touched directories are fsynced;
 *   <li>the journal is renamed to {@code committed} and fsynced: from here on the restore counts as done;
 *   <li>the staging directory is deleted.
 * </ol>
 *
 * <p>{@link #recover} runs first in every restore and backup: a staging directory without a journal is deleted;
 * with a journal but not {@code committed}, the restore is rolled back (old files renamed back, created files
 * and directories removed) and then deleted; with {@code committed}, it is just deleted. So after a crash at any
 * point, the next run puts the trust directory back as it was before the interrupted restore; until then it
 * holds only whole files, each either its old content or its complete new content.
 */
final class RestoreTransaction {
  static final String STAGING_MARK = ".keys-restore-";
  private static final String JOURNAL = "journal";
  private static final String COMMITTED = "committed";
  private static final String HEADER = "keys-restore-journal 1";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  private final Path staging;

  private RestoreTransaction(Path root, Path staging) {
    this.root = root;
    this.staging = staging;
  }

  /** What the commit does to one target. */
  enum Op {
    MKDIR,
    CREATE,
    REPLACE
  }

  record Step(Op op, String target) {}

  static RestoreTransaction begin(TrustDirectory dir) throws KeysException {
    byte[] rnd = new byte[8];
    RANDOM.nextBytes(rnd);
    Path s = dir.root().resolve(STAGING_MARK + HexFormat.of().formatHex(rnd));
    try {
      FsOps.mkdir(s);
      FsOps.mkdir(s.resolve("new"));
      FsOps.mkdir(s.resolve("old"));
      FsOps.fsyncDirectory(dir.root());
    } catch (IOException e) {
      throw new KeysException(dev.trustkeys.core.io.IoErrors.cannot("create a staging directory in", dir.root(), e), e);
    }
    return new RestoreTransaction(dir.root(), s);
  }

  /** Where the new content of {@code target} is staged (parents created). */
  Path stage(String target) throws IOException {
    Path p = staging.resolve("new").resolve(target);
    FsOps.mkdirs(p.getParent());
    return p;
  }

  /** Steps 1 to 5, for files already staged. On an error, rolls back before rethrowing. */
  void commit(List<Step> files) throws KeysException {
    try {
      Set<Path> stagedDirs = new LinkedHashSet<>();
      for (Step s : files) {
        stagedDirs.add(staging.resolve("new").resolve(s.target()).getParent());
        if (s.op() == Op.REPLACE) {
          Path old = staging.resolve("old").resolve(s.target());
          FsOps.mkdirs(old.getParent());
          preserve(root.resolve(s.target()), old);
          stagedDirs.add(old.getParent());
        }
      }
      for (Path d : stagedDirs) {
        FsOps.fsyncDirectory(d);
      }
      Faults.point("restore-staged");
      List<Step> steps = new ArrayList<>(missingDirectories(files));
      steps.addAll(files);
      writeJournal(steps);
      Faults.point("restore-journal");
      Set<Path> touched = new LinkedHashSet<>();
      int done = 0;
      for (Step s : steps) {
        Path target = root.resolve(s.target());
        if (s.op() == Op.MKDIR) {
          FsOps.mkdir(target);
        } else {
          Files.move(staging.resolve("new").resolve(s.target()), target, StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
          if (++done == (files.size() + 1) / 2) {
            Faults.point("restore-mid-commit");
          }
        }
        touched.add(target.getParent());
      }
      for (Path d : touched) {
        FsOps.fsyncDirectory(d);
      }
      Faults.point("restore-applied");
      Files.move(staging.resolve(JOURNAL), staging.resolve(COMMITTED), StandardCopyOption.ATOMIC_MOVE);
      FsOps.fsyncDirectory(staging);
    } catch (IOException | RuntimeException e) {
      try {
        rollBack(root, staging);
      } catch (IOException r) {
        e.addSuppressed(r);
      }
      throw new KeysException(
          "restore failed and was rolled back: " + e.getMessage() + " (the trust directory is as it was)", e);
    }
    try {
      FsOps.deleteTree(staging);
      FsOps.fsyncDirectory(root);
    } catch (IOException e) {
      // Committed; the next run deletes what is left.
    }
  }

  /** Deletes the staging directory of a restore that did not get to commit. */
  void abandon() {
    try {
      FsOps.deleteTree(staging);
    } catch (IOException e) {
      // The next run deletes it.
    }
  }

  private void preserve(Path target, Path old) throws IOException {
    try {
      Files.createLink(old, target);
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(target, old, LinkOption.NOFOLLOW_LINKS);
      try (var ch = java.nio.channels.FileChannel.open(old, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    }
  }

  private List<Step> missingDirectories(List<Step> files) {
    Set<String> dirs = new LinkedHashSet<>();
    for (Step s : files) {
      List<String> parents = new ArrayList<>();
      for (Path p = Path.of(s.target()).getParent(); p != null; p = p.getParent()) {
        parents.add(p.toString());
      }
      Collections.reverse(parents);
      for (String d : parents) {
        if (!Files.isDirectory(root.resolve(d), LinkOption.NOFOLLOW_LINKS)) {
          dirs.add(d);
        }
      }
    }
    List<Step> out = new ArrayList<>();
    for (String d : dirs) {
      out.add(new Step(Op.MKDIR, d));
    }
    return out;
  }

  private void writeJournal(List<Step> steps) throws IOException {
    Path tmp = staging.resolve(JOURNAL + ".tmp");
    try (var w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(HEADER);
      w.write('\n');
      for (Step s : steps) {
        w.write(s.op().name() + " " + s.target() + "\n");
      }
    }
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, staging.resolve(JOURNAL), StandardCopyOption.ATOMIC_MOVE);
    FsOps.fsyncDirectory(staging);
  }

  /**
   * Finishes what a killed restore left: rolls back an uncommitted one, deletes staging directories. Call it with
   * the writers' lock held. Returns how many staging directories there were.
   */
  static int recover(TrustDirectory dir) throws KeysException {
    Path root = dir.root();
    List<Path> found = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return 0;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, STAGING_MARK + "*")) {
      ds.forEach(found::add);
    } catch (IOException e) {
      throw new KeysException(dev.trustkeys.core.io.IoErrors.cannot("read", root, e), e);
    }
    for (Path s : found) {
      try {
        if (!Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
          Files.delete(s);
          continue;
        }
        if (!Files.exists(s.resolve(COMMITTED))) {
          rollBack(root, s);
        }
        FsOps.deleteTree(s);
        FsOps.fsyncDirectory(root);
      } catch (IOException e) {
        throw new KeysException(
            dev.trustkeys.core.io.IoErrors.cannot("roll back the interrupted restore in", s, e) + "; fix the cause and run again", e);
      }
    }
    return found.size();
  }

  private static void rollBack(Path root, Path staging) throws IOException {
    Path journal = staging.resolve(JOURNAL);
    if (!Files.exists(journal, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new IOException("its journal is not one keys wrote");
    }
    List<Step> steps = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      int sp = l.indexOf(' ');
      String target = l.substring(sp + 1);
      if (sp < 0 || !EntryNames.allSafe(EntryNames.components(target), 0)) {
        throw new IOException("its journal has a malformed line");
      }
      steps.add(new Step(Op.valueOf(l.substring(0, sp)), target));
    }
    Collections.reverse(steps);
    Set<Path> touched = new LinkedHashSet<>();
    for (Step s : steps) {
      Path target = root.resolve(s.target());
      touched.add(target.getParent());
      switch (s.op()) {
        case REPLACE:
          Path old = staging.resolve("old").resolve(s.target());
          if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(old, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          }
          break;
        case CREATE:
          if (!Files.exists(staging.resolve("new").resolve(s.target()), LinkOption.NOFOLLOW_LINKS)) {
            try {
              Files.delete(target);
            } catch (NoSuchFileException e) {
              // Never renamed.
            }
          }
          break;
        default:
          if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(target)) {
              if (!ds.iterator().hasNext()) {
                Files.delete(target);
              }
            }
          }
      }
    }
    for (Path d : touched) {
      if (Files.isDirectory(d)) {
        FsOps.fsyncDirectory(d);
      }
    }
  }
}
