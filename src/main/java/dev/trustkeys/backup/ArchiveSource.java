package dev.trustkeys.backup;

import dev.trustkeys.core.KeysException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An archive file opened once and read in several passes (the same open file each time, so renaming
 * another file over its name between passes changes nothing). Gzip-compressed or plain tar, told
 * from the first bytes. Every pass is bounded by {@link ArchiveLimits}; every problem in the bytes
 * becomes a {@link HostileArchiveException}.
 */
final class ArchiveSource implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final ArchiveLimits limits;

  private ArchiveSource(Path path, FileChannel channel, ArchiveLimits limits) {
    this.path = path;
    this.channel = channel;
    this.limits = limits;
  }

  static ArchiveSource open(Path path, ArchiveLimits limits) throws KeysException {
    try {
      return new ArchiveSource(path, dev.trustkeys.core.io.InputFiles.channel(path), limits);
    } catch (NoSuchFileException e) {
      throw new KeysException("no archive at " + path, dev.trustkeys.core.ExitCode.NOT_FOUND);
    } catch (IOException e) {
      throw dev.trustkeys.core.io.IoErrors.cannotReadNamed(path, e);
    }
  }

  Path path() {
    return path;
  }

  ArchiveLimits limits() {
    return limits;
  }

  /** An entry as a pass sees it: the header, the name split into components, its position. */
  record Entry(TarEntry tar, List<String> components, int index) {
    String name() {
      return tar.name();
    }
  }

  /** What a pass does with each entry. {@code content} reads at most the entry's size. */
  @FunctionalInterface
  interface Visitor {
    void visit(Entry entry, InputStream content) throws IOException, KeysException;
  }

  /** Reads the whole archive once, from the start. */
  void pass(Visitor visitor) throws KeysException {
    try {
      channel.position(0);
      InputStream file =
          new FilterInputStream(Channels.newInputStream(channel)) {
            @Override
            public void close() {
              // The channel stays open for the next pass.
            }
          };
      InputStream raw = new BufferedInputStream(file, 65536);
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      try (InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 65536) : raw) {
        TarReader reader =
            new TarReader(new BoundedInputStream(in, limits.maxTotalBytes()), limits);
        int index = 0;
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
          visitor.visit(new Entry(e, EntryNames.components(e.name()), index++), reader.content());
        }
        if (index == 0) {
          throw new ArchiveFormatException("the archive is empty");
        }
      }
    } catch (ArchiveFormatException e) {
      throw new HostileArchiveException(path.toString(), e.entry(), e.getMessage());
    } catch (IOException e) {
      throw new HostileArchiveException(
          path.toString(),
          "",
          "not a readable gzip or tar archive (" + dev.trustkeys.core.io.IoErrors.reason(e) + ")");
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Read-only: nothing to lose.
    }
  }
}
