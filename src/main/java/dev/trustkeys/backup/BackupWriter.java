package dev.trustkeys.backup;

import dev.trustkeys.backend.file.AtomicFiles;
import dev.trustkeys.backend.file.KeyFileFormat;
import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.io.AtomicWrite.Checkpoint;
import dev.trustkeys.core.io.InputFiles;
import dev.trustkeys.core.io.IoErrors;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a backup archive: a gzip-compressed tar of {@code private/} (and with metadata, {@code
 * tuf/}), the manifest first. The trust directory is read twice under the writers' lock (once to
 * hash, once to archive, and the second read must hash the same). The archive is streamed to a
 * temporary file in the destination directory, created with mode 0600, fsynced and renamed to its
 * name: no partial archive ever has the final name.
 */
public final class BackupWriter {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final TrustDirectory dir;
  private final Clock clock;
  private final String tool;
  private final ArchiveLimits limits;
  private final Checkpoint checkpoint;

  public BackupWriter(TrustDirectory dir, Clock clock, String tool) {
    this(dir, clock, tool, Checkpoint.NONE);
  }

  /**
   * {@code checkpoint}: where a test may halt the write ({@code backup-mid-write}, {@code
   * backup-before-rename}).
   */
  public BackupWriter(TrustDirectory dir, Clock clock, String tool, Checkpoint checkpoint) {
    this.dir = dir;
    this.clock = clock;
    this.tool = tool;
    this.limits = ArchiveLimits.defaults();
    this.checkpoint = checkpoint;
  }

  /** A file to archive: where it is, and its manifest entry. */
  private record Item(Path source, BackupManifest.FileEntry entry, long mtime) {}

  /**
   * Writes the archive.
   *
   * @param hardwareKeys keys that live on tokens: recorded in the manifest and warned about, never
   *     archived
   * @param replace whether an existing file at {@code output} may be replaced
   */
  @SuppressWarnings("try") // the lock is held for the whole block and never read
  public BackupResult write(
      Path output, boolean withMetadata, boolean replace, List<KeyInfo> hardwareKeys)
      throws KeysException {
    Path out = output.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.privateDir())) {
      throw new KeysException(
          dir.privateDir() + " does not exist: there are no keys to back up", ExitCode.NOT_FOUND);
    }
    if (out.startsWith(dir.privateDir()) || out.startsWith(dir.tufDir())) {
      throw new UsageException(
          "write the backup outside " + dir.privateDir() + " and " + dir.tufDir());
    }
    if (Files.isDirectory(out)) {
      throw new UsageException(
          out + " is a directory",
          dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.NAME_ARCHIVE_FILE));
    }
    if (!replace && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new KeysException(
          out + " exists",
          ExitCode.CONFLICT,
          dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.REPLACE_OR_RENAME),
          null);
    }
    if (!Files.isDirectory(out.getParent())) {
      throw new KeysException(
          "the directory " + out.getParent() + " does not exist", ExitCode.NOT_FOUND);
    }
    // The writers' lock keeps the directory still while it is read twice (and finishes an
    // interrupted restore first); a read-only trust directory is backed up under a shared lock.
    try (TrustDirectory.WriteLock lock = dir.lockForReading()) {
      List<String> warnings = new ArrayList<>();
      List<Item> items = new ArrayList<>();
      collect(dir.privateDir(), "private", true, items, warnings);
      if (withMetadata && Files.isDirectory(dir.tufDir(), LinkOption.NOFOLLOW_LINKS)) {
        collect(dir.tufDir(), "tuf", false, items, warnings);
      }
      if (items.stream().noneMatch(i -> i.entry().key() != null)) {
        throw new KeysException(
            "no key files in " + dir.privateDir() + ": there is nothing to back up",
            ExitCode.NOT_FOUND);
      }
      List<BackupManifest.HardwareKey> hw = new ArrayList<>();
      for (KeyInfo k : hardwareKeys) {
        String copy =
            items.stream()
                .filter(i -> i.entry().key() != null && i.entry().key().id().equals(k.id()))
                .map(i -> i.entry().path())
                .findFirst()
                .orElse(null);
        hw.add(BackupManifest.HardwareKey.of(k, copy));
        warnings.add(
            k.label()
                + " lives on "
                + k.location().display()
                + " and cannot be in a backup: "
                + (copy != null
                    ? "its encrypted file copy " + copy + " is included"
                    : "it has no file copy; keep its device safe"));
      }
      Instant now = clock.instant();
      BackupManifest manifest =
          new BackupManifest(tool, now, withMetadata, items.stream().map(Item::entry).toList(), hw);
      writeArchive(out, manifest, items, now.getEpochSecond());
      return new BackupResult(out, manifest, warnings);
    }
  }

  private void collect(Path top, String name, boolean keys, List<Item> items, List<String> warnings)
      throws KeysException {
    List<Path> paths;
    try (Stream<Path> s = Files.walk(top)) {
      paths = s.sorted().toList();
    } catch (IOException e) {
      throw new KeysException(IoErrors.cannot("read", top, e), e);
    }
    for (Path p : paths) {
      if (p.equals(top)
          || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
          || AtomicFiles.isTemporary(p)) {
        continue;
      }
      String rel = top.relativize(p).toString();
      String archivePath = name + "/" + rel;
      if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        warnings.add("left out " + archivePath + ": not a regular file (links are never archived)");
        continue;
      }
      if (!EntryNames.allSafe(List.of(rel.split("/")), 0)) {
        warnings.add("left out " + archivePath + ": a name keys does not restore");
        continue;
      }
      try {
        long mtime = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.SECONDS);
        if (keys) {
          byte[] data;
          try (InputStream in = InputFiles.openNoFollow(p)) {
            data = in.readNBytes(limits.maxKeyBytes() + 1);
          }
          KeyFileFormat.Parsed k;
          try {
            k = KeyFileFormat.parse(rel, data);
          } catch (KeyFileFormat.NotAKeyException e) {
            warnings.add("left out " + archivePath + ": not a key (" + e.getMessage() + ")");
            continue;
          }
          BackupManifest.KeyRef ref = new BackupManifest.KeyRef(k.id(), k.role(), k.gun());
          items.add(
              new Item(
                  p,
                  new BackupManifest.FileEntry(
                      archivePath, data.length, ArchiveContents.sha256Hex(data), ref),
                  mtime));
        } else {
          long size = Files.size(p);
          if (size > limits.maxFileBytes()) {
            warnings.add(
                "left out " + archivePath + ": larger than " + limits.maxFileBytes() + " bytes");
            continue;
          }
          items.add(
              new Item(
                  p,
                  new BackupManifest.FileEntry(archivePath, size, FsOps.sha256(p), null),
                  mtime));
        }
      } catch (IOException e) {
        throw new KeysException(IoErrors.cannot("read", p, e), e);
      }
    }
  }

  private void writeArchive(Path out, BackupManifest manifest, List<Item> items, long now)
      throws KeysException {
    byte[] rnd = new byte[6];
    RANDOM.nextBytes(rnd);
    Path tmp =
        out.getParent()
            .resolve(
                "." + out.getFileName() + AtomicFiles.TMP_MARK + HexFormat.of().formatHex(rnd));
    try {
      try (FileChannel ch = FsOps.createFile(tmp)) {
        OutputStream raw = new BufferedOutputStream(Channels.newOutputStream(ch), 65536);
        GZIPOutputStream gz = new GZIPOutputStream(raw, 65536);
        TarWriter tar = new TarWriter(gz);
        tar.file(BackupManifest.NAME, 0600, now, manifest.toJson());
        Set<String> dirs = new HashSet<>();
        int n = 0;
        for (Item i : items) {
          String path = i.entry().path();
          for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String d = path.substring(0, slash + 1);
            if (dirs.add(d)) {
              tar.directory(d, 0700, now);
            }
          }
          MessageDigest md = ArchiveContents.sha256();
          try (InputStream in = new DigestInputStream(InputFiles.openNoFollow(i.source()), md)) {
            tar.file(path, 0600, i.mtime(), i.entry().size(), in);
          }
          if (!HexFormat.of().formatHex(md.digest()).equals(i.entry().sha256())) {
            throw new IOException(
                i.source() + " changed while it was being archived: run the backup again");
          }
          if (++n == items.size() / 2) {
            checkpoint.reached("backup-mid-write");
          }
        }
        tar.finish();
        gz.finish();
        raw.flush();
        ch.force(true);
      }
      checkpoint.reached("backup-before-rename");
      try {
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new KeysException(
            "the file system of "
                + out.getParent()
                + " cannot rename atomically: write the backup elsewhere",
            e);
      }
      FsOps.fsyncDirectory(out.getParent());
    } catch (IOException e) {
      throw new KeysException(
          IoErrors.cannot("write", out, e) + " (no archive was written)" + IoErrors.advice(e), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // A leftover with a .keys-tmp- name; never the final name.
      }
    }
  }
}
