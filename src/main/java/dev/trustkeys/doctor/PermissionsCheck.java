package dev.trustkeys.doctor;

import dev.trustkeys.core.Remedy;
import dev.trustkeys.core.io.IoErrors;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The trust directory's modes: directories 0700 and files 0600, as {@code keys} creates them. A key
 * file under {@code private/} that others can read or write is an error; anything else too open is
 * a warning. A file the current user cannot read is an error.
 */
final class PermissionsCheck {
  static final String NAME = "permissions";
  private static final int MAX_LINES = 20;
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PermissionsCheck() {}

  static List<Finding> run(Path root) {
    List<Finding> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      out.add(
          Finding.info(
              NAME,
              "no trust directory at " + root + " yet",
              Remedy.of(Remedy.Kind.CREATE_TRUST_DIRECTORY)));
      return out;
    }
    Path privateDir = root.resolve("private");
    int[] counts = {0, 0, 0};
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
                throws IOException {
              counts[0]++;
              Set<PosixFilePermission> p = Files.getPosixFilePermissions(d);
              if (!p.equals(DIR)) {
                add(
                    out,
                    counts,
                    Finding.warn(
                        NAME,
                        "directory " + d + " is " + mode(p) + ", should be 0700",
                        "chmod 700 " + d));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
              if (a.isOther()) {
                // a FIFO, a device or a socket: keys never makes one and never opens one (a FIFO
                // would block it)
                add(
                    out,
                    counts,
                    Finding.warn(
                        NAME,
                        f
                            + " is not a regular file (a FIFO, device or socket); keys leaves it"
                            + " alone",
                        "rm " + f));
                return FileVisitResult.CONTINUE;
              }
              if (!a.isRegularFile() || f.getFileName().toString().equals(".lock")) {
                return FileVisitResult.CONTINUE;
              }
              counts[1]++;
              Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
              boolean key = f.startsWith(privateDir);
              if (!Files.isReadable(f)) {
                add(
                    out,
                    counts,
                    Finding.error(
                        NAME,
                        "cannot read " + f + " (mode " + mode(p) + ")",
                        "chown $(id -un) " + f + " && chmod 600 " + f));
              } else if (!p.equals(FILE)) {
                boolean open =
                    p.stream()
                        .anyMatch(
                            x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"));
                String msg =
                    (key ? "key file " : "file ") + f + " is " + mode(p) + ", should be 0600";
                add(
                    out,
                    counts,
                    key && open
                        ? Finding.error(NAME, msg + " (other users can read it)", "chmod 600 " + f)
                        : Finding.warn(NAME, msg, "chmod 600 " + f));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) {
              add(
                  out,
                  counts,
                  Finding.error(NAME, IoErrors.cannot("read", f, e), "check its owner and mode"));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      out.add(
          Finding.warn(
              NAME, "cannot check the modes under " + root + ": " + IoErrors.reason(e), ""));
      return out;
    } catch (UnsupportedOperationException e) {
      out.add(
          Finding.warn(
              NAME,
              "cannot check the modes under " + root + ": the file system has no POSIX modes",
              ""));
      return out;
    }
    if (counts[2] > MAX_LINES) {
      out.add(
          Finding.warn(
              NAME,
              (counts[2] - MAX_LINES) + " more files or directories with the wrong mode",
              "chmod -R go-rwx " + root));
    }
    if (out.isEmpty()) {
      out.add(
          Finding.ok(
              NAME,
              plural(counts[0], "directory", "directories")
                  + " (0700) and "
                  + plural(counts[1], "file", "files")
                  + " (0600) under "
                  + root));
    }
    return out;
  }

  private static void add(List<Finding> out, int[] counts, Finding f) {
    if (++counts[2] <= MAX_LINES) {
      out.add(f);
    }
  }

  private static String plural(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  static String mode(Set<PosixFilePermission> p) {
    int m = 0;
    for (PosixFilePermission x : p) {
      m |= 1 << (8 - x.ordinal());
    }
    return String.format("%04o", m);
  }
}
