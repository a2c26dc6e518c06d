package dev.trustkeys.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** File operations with explicit modes and fsyncs, for the backup and restore transactions. */
final class FsOps {
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

  private FsOps() {}

  /** Creates {@code dir} (its parent must exist) with mode 0700 whatever the umask. */
  static void mkdir(Path dir) throws IOException {
    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
    Files.setPosixFilePermissions(dir, DIR_MODE);
  }

  /** Creates {@code dir} and missing parents, each 0700. */
  static void mkdirs(Path dir) throws IOException {
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      mkdirs(parent);
    }
    mkdir(dir);
  }

  /** Opens a new file for writing with mode 0600 whatever the umask. */
  static FileChannel createFile(Path file) throws IOException {
    FileChannel ch =
        FileChannel.open(
            file,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(FILE_MODE));
    Files.setPosixFilePermissions(file, FILE_MODE);
    return ch;
  }

  static void writeFile(Path file, byte[] data) throws IOException {
    try (FileChannel ch = createFile(file)) {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Deletes a tree without following links. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
    }
    for (Path p : all) {
      try {
        Files.delete(p);
      } catch (NoSuchFileException e) {
        // Gone already.
      }
    }
  }

  /** SHA-256 of a file's content (hex), read in chunks. */
  static String sha256(Path file) throws IOException {
    MessageDigest md = ArchiveContents.sha256();
    try (InputStream in = dev.trustkeys.core.io.InputFiles.openNoFollow(file)) {
      byte[] buf = new byte[8192];
      for (int r = in.read(buf); r > 0; r = in.read(buf)) {
        md.update(buf, 0, r);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
