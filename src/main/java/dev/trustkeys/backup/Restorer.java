package dev.trustkeys.backup;

import dev.trustkeys.backend.file.KeyFileFormat;
import dev.trustkeys.backend.file.RestoreJournal;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.io.AtomicWrite.Checkpoint;
import dev.trustkeys.core.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Restores an archive into a trust directory, all or nothing. The archive is read and checked
 * completely before anything is written (a refused archive leaves no trace anywhere); then, under
 * the writers' lock, the files are staged and committed by a {@link RestoreTransaction}. Keys of
 * the Notary 0.1-0.3 layout are restored into the flat layout with {@code role} and {@code gun}
 * headers, byte for byte as {@code KeyFileStore.migrateLegacy} writes them. Restored files are 0600
 * and directories 0700, whatever the archive says.
 */
public final class Restorer {
  static final String DIFFERS = "differs";
  private static final String NOT_A_FILE = "not a regular file: move it away first";

  private final TrustDirectory dir;
  private final ArchiveLimits limits;
  private final Checkpoint checkpoint;

  public Restorer(TrustDirectory dir, ArchiveLimits limits) {
    this(dir, limits, Checkpoint.NONE);
  }

  /** {@code checkpoint}: where a test may halt or fail the commit ({@code restore-staged}, ...). */
  public Restorer(TrustDirectory dir, ArchiveLimits limits, Checkpoint checkpoint) {
    this.dir = dir;
    this.limits = limits;
    this.checkpoint = checkpoint;
  }

  /** Checks the archive and says what a restore would do, writing nothing. */
  public RestorePlan plan(Path archive, boolean overwrite) throws KeysException {
    try (ArchiveSource src = ArchiveSource.open(archive, limits)) {
      ArchiveContents contents = ArchiveContents.read(src, null);
      return compare(contents, overwrite);
    }
  }

  /**
   * Restores the archive. Identical files are skipped; a different file under the same name is a
   * conflict (nothing written) unless {@code overwrite}.
   *
   * @throws HostileArchiveException when the archive is refused (nothing written)
   * @throws RestoreConflictException on conflicts (nothing written)
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public RestorePlan restore(Path archive, boolean overwrite) throws KeysException {
    try (ArchiveSource src = ArchiveSource.open(archive, limits)) {
      ArchiveContents contents = ArchiveContents.read(src, null);
      try (TrustDirectory.WriteLock lock = dir.lockForWrite()) {
        RestorePlan plan = compare(contents, overwrite);
        if (!plan.conflicts().isEmpty()) {
          throw new RestoreConflictException(plan.conflicts());
        }
        List<RestoreTransaction.Step> steps = new ArrayList<>();
        Map<String, RestorePlan.Action> byArchivePath = new HashMap<>();
        for (RestorePlan.Action a : plan.actions()) {
          if (a.kind() == RestorePlan.Kind.CREATE || a.kind() == RestorePlan.Kind.REPLACE) {
            byArchivePath.put(a.file().archivePath(), a);
            RestoreJournal.Op op =
                a.kind() == RestorePlan.Kind.CREATE
                    ? RestoreJournal.Op.CREATE
                    : RestoreJournal.Op.REPLACE;
            steps.add(new RestoreTransaction.Step(op, a.file().target(), a.file().targetSha256()));
          }
        }
        if (steps.isEmpty()) {
          return plan;
        }
        RestoreTransaction tx = RestoreTransaction.begin(dir, checkpoint);
        try {
          int[] staged = {0};
          src.pass((e, content) -> staged[0] += stage(tx, contents, byArchivePath, e, content));
          if (staged[0] != steps.size()) {
            throw new HostileArchiveException(
                archive.toString(), "", "it changed while it was being restored");
          }
        } catch (KeysException | RuntimeException e) {
          tx.abandon();
          throw e;
        }
        tx.commit(steps);
        return plan;
      }
    }
  }

  private static int stage(
      RestoreTransaction tx,
      ArchiveContents contents,
      Map<String, RestorePlan.Action> byArchivePath,
      ArchiveSource.Entry e,
      InputStream content)
      throws IOException, KeysException {
    if (e.tar().isDirectory() || (contents.manifest() != null && e.index() == 0)) {
      return 0;
    }
    List<String> rel = ArchiveContents.relative(e, contents.prefix());
    RestorePlan.Action a = byArchivePath.get(String.join("/", rel));
    if (a == null) {
      return 0;
    }
    ArchivedFile f = a.file();
    Path p = staged(tx, f.target());
    MessageDigest md = ArchiveContents.sha256();
    if (f.isKey()) {
      byte[] data =
          ArchiveContents.readAll(content, e.tar().size(), KeyFileFormat.MAX_KEY_FILE, e.name());
      byte[] flat;
      try {
        flat = KeyFileFormat.parse(EntryNames.join(rel, 1), data).flatBytes();
      } catch (KeyFileFormat.NotAKeyException ex) {
        throw new ArchiveFormatException(e.name(), "changed while it was being restored");
      }
      md.update(flat);
      try {
        FsOps.writeFile(p, flat);
      } catch (IOException ex) {
        throw cannotStage(tx, ex);
      }
    } else {
      try (FileChannel ch = create(tx, p)) {
        byte[] buf = new byte[8192];
        for (int r = content.read(buf); r > 0; r = content.read(buf)) {
          md.update(buf, 0, r);
          ByteBuffer b = ByteBuffer.wrap(buf, 0, r);
          try {
            while (b.hasRemaining()) {
              ch.write(b);
            }
          } catch (IOException ex) {
            throw cannotStage(tx, ex);
          }
        }
        try {
          ch.force(true);
        } catch (IOException ex) {
          throw cannotStage(tx, ex);
        }
      }
    }
    if (!HexFormat.of().formatHex(md.digest()).equals(f.targetSha256())) {
      throw new ArchiveFormatException(e.name(), "changed while it was being restored");
    }
    return 1;
  }

  private static Path staged(RestoreTransaction tx, String target) throws KeysException {
    try {
      return tx.stage(target);
    } catch (IOException e) {
      throw cannotStage(tx, e);
    }
  }

  private static FileChannel create(RestoreTransaction tx, Path p) throws KeysException {
    try {
      return FsOps.createFile(p);
    } catch (IOException e) {
      throw cannotStage(tx, e);
    }
  }

  /**
   * A failure to write into the trust directory (a full disk, say): the archive is not to blame.
   */
  private static KeysException cannotStage(RestoreTransaction tx, IOException e) {
    return new KeysException(
        "cannot write the restored files into "
            + tx.root()
            + ": "
            + IoErrors.reason(e)
            + " (nothing was changed)"
            + IoErrors.advice(e),
        e);
  }

  private RestorePlan compare(ArchiveContents contents, boolean overwrite) throws KeysException {
    List<RestorePlan.Action> actions = new ArrayList<>();
    for (ArchivedFile f : contents.files()) {
      Path target = dir.root().resolve(f.target());
      checkNoLinks(f.target());
      RestorePlan.Kind kind;
      String reason = "";
      try {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          kind = RestorePlan.Kind.CREATE;
        } else if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
          kind = RestorePlan.Kind.CONFLICT;
          reason = NOT_A_FILE;
        } else if (FsOps.sha256(target).equals(f.targetSha256())) {
          kind = RestorePlan.Kind.IDENTICAL;
        } else {
          kind = overwrite ? RestorePlan.Kind.REPLACE : RestorePlan.Kind.CONFLICT;
          reason = overwrite ? "" : DIFFERS;
        }
      } catch (IOException e) {
        throw new KeysException(IoErrors.cannot("read", target, e), e);
      }
      actions.add(new RestorePlan.Action(f, kind, reason));
    }
    return new RestorePlan(contents, actions);
  }

  /**
   * Refuses to write through a symbolic link (or anything but a directory) on the way to {@code
   * target}: {@code private/} or {@code tuf/} themselves, and every directory below them.
   */
  private void checkNoLinks(String target) throws KeysException {
    String[] parts = target.split("/");
    Path p = dir.root();
    for (int i = 0; i < parts.length - 1; i++) {
      p = p.resolve(parts[i]);
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)
          && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        throw new KeysException(
            p
                + " is a symbolic link or not a directory: keys will not restore "
                + target
                + " through it; nothing was written",
            ExitCode.CONFLICT,
            dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.RESTORE_ELSEWHERE),
            null);
      }
    }
  }
}
