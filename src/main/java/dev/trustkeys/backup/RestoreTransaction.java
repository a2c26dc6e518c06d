package dev.trustkeys.backup;

import dev.trustkeys.backend.file.RestoreJournal;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.io.AtomicWrite.Checkpoint;
import dev.trustkeys.core.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * The commit of a restore, crash-safe. All of it happens with the trust directory's writers' lock
 * held, inside a staging directory {@code <trust dir>/.keys-restore-<random>/} on the same file
 * system:
 *
 * <ol>
 *   <li>every new file is written to {@code new/<target>} and fsynced; every file to be replaced is
 *       hard-linked to {@code old/<target>}; the staging directories are fsynced;
 *   <li>the journal ({@link RestoreJournal}: the directories to create, the files to create or
 *       replace, with the SHA-256 of each before and after) is written and fsynced;
 *   <li>directories are created, each new file is renamed over its target (one atomic rename each),
 *       and the touched directories are fsynced;
 *   <li>the journal is renamed to {@code committed} and fsynced: from here on the restore counts as
 *       done;
 *   <li>the staging directory is deleted.
 * </ol>
 *
 * <p>A process killed before step 4 leaves a half-applied restore; the next writer of any kind
 * undoes it when it takes the writers' lock ({@link TrustDirectory#lockForWrite}, {@link
 * RestoreJournal#recover}), before it writes anything, and says so. Until then the trust directory
 * holds only whole files, each either its old content or its complete new content.
 */
final class RestoreTransaction {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;
  private final Path staging;
  private final Checkpoint checkpoint;

  private RestoreTransaction(Path root, Path staging, Checkpoint checkpoint) {
    this.root = root;
    this.staging = staging;
    this.checkpoint = checkpoint;
  }

  /** A file to create or replace: {@code sha256} is the hash of its staged (new) content. */
  record Step(RestoreJournal.Op op, String target, String sha256) {}

  /** Starts a transaction in {@code dir}; call it with the writers' lock held. */
  static RestoreTransaction begin(TrustDirectory dir, Checkpoint checkpoint) throws KeysException {
    byte[] rnd = new byte[8];
    RANDOM.nextBytes(rnd);
    Path s = dir.root().resolve(RestoreJournal.STAGING_MARK + HexFormat.of().formatHex(rnd));
    try {
      FsOps.mkdir(s);
      FsOps.mkdir(s.resolve("new"));
      FsOps.mkdir(s.resolve("old"));
      FsOps.fsyncDirectory(dir.root());
    } catch (IOException e) {
      throw new KeysException(
          IoErrors.cannot("create a staging directory in", dir.root(), e)
              + " (nothing was changed)"
              + IoErrors.advice(e),
          e);
    }
    return new RestoreTransaction(dir.root(), s, checkpoint);
  }

  /** The trust directory restored into. */
  Path root() {
    return root;
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
      List<RestoreJournal.Step> journal = new ArrayList<>(missingDirectories(files));
      for (Step s : files) {
        stagedDirs.add(staging.resolve("new").resolve(s.target()).getParent());
        String before = null;
        if (s.op() == RestoreJournal.Op.REPLACE) {
          Path old = staging.resolve("old").resolve(s.target());
          FsOps.mkdirs(old.getParent());
          preserve(root.resolve(s.target()), old);
          before = RestoreJournal.sha256OrNull(old);
          stagedDirs.add(old.getParent());
        }
        journal.add(new RestoreJournal.Step(s.op(), s.target(), before, s.sha256()));
      }
      for (Path d : stagedDirs) {
        FsOps.fsyncDirectory(d);
      }
      checkpoint.reached("restore-staged");
      RestoreJournal.write(staging, journal);
      checkpoint.reached("restore-journal");
      Set<Path> touched = new LinkedHashSet<>();
      int done = 0;
      for (RestoreJournal.Step s : journal) {
        Path target = root.resolve(s.target());
        if (s.op() == RestoreJournal.Op.MKDIR) {
          FsOps.mkdir(target);
        } else {
          Files.move(
              staging.resolve("new").resolve(s.target()),
              target,
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
          if (++done == (files.size() + 1) / 2) {
            checkpoint.reached("restore-mid-commit");
          }
        }
        touched.add(target.getParent());
      }
      for (Path d : touched) {
        FsOps.fsyncDirectory(d);
      }
      checkpoint.reached("restore-applied");
      RestoreJournal.markCommitted(staging);
    } catch (IOException | RuntimeException e) {
      try {
        RestoreJournal.rollBack(root, staging);
        FsOps.deleteTree(staging);
      } catch (IOException r) {
        e.addSuppressed(r);
        throw new KeysException(
            "restore failed: "
                + describe(e)
                + ", and undoing it failed too ("
                + describe(r)
                + "): the next keys command that writes finishes undoing it",
            e);
      }
      throw new KeysException(
          "restore failed and was rolled back: "
              + describe(e)
              + " (the trust directory is as it was)"
              + (e instanceof IOException io ? IoErrors.advice(io) : ""),
          e);
    }
    try {
      FsOps.deleteTree(staging);
      FsOps.fsyncDirectory(root);
    } catch (IOException e) {
      // Committed; the next writer deletes what is left.
    }
  }

  private static String describe(Exception e) {
    return e instanceof IOException io ? IoErrors.reason(io) : String.valueOf(e.getMessage());
  }

  /** Deletes the staging directory of a restore that did not get to commit. */
  void abandon() {
    try {
      FsOps.deleteTree(staging);
    } catch (IOException e) {
      // The next writer deletes it.
    }
  }

  private void preserve(Path target, Path old) throws IOException {
    try {
      Files.createLink(old, target);
    } catch (UnsupportedOperationException | IOException e) {
      // No hard links here: a copy, created 0600 from the start.
      try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS);
          FileChannel ch = FsOps.createFile(old)) {
        in.transferTo(Channels.newOutputStream(ch));
        ch.force(true);
      }
    }
  }

  private List<RestoreJournal.Step> missingDirectories(List<Step> files) {
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
    List<RestoreJournal.Step> out = new ArrayList<>();
    for (String d : dirs) {
      out.add(new RestoreJournal.Step(RestoreJournal.Op.MKDIR, d, null, null));
    }
    return out;
  }
}
