package dev.trustkeys.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads ustar, GNU ({@code ././@LongLink}) and pax tar archives, strictly: checksums are checked,
 * numbers must be well formed, names must be UTF-8, and every length a header claims is checked
 * against {@link ArchiveLimits} before anything is allocated. Global pax headers and GNU sparse
 * files are refused. It interprets nothing: the caller decides which names and types are
 * acceptable.
 */
final class TarReader {
  static final int BLOCK = 512;
  private static final int PAX_MAX = 64 * 1024;

  private final InputStream in;
  private final ArchiveLimits limits;
  private final byte[] header = new byte[BLOCK];
  private long remaining;
  private long padding;
  private int entries;
  private boolean ended;

  TarReader(InputStream in, ArchiveLimits limits) {
    this.in = in;
    this.limits = limits;
  }

  /**
   * The next entry, or null at the end of the archive. Skips what is left of the previous entry's
   * content.
   */
  TarEntry next() throws IOException {
    if (ended) {
      return null;
    }
    skipRest();
    String longName = null;
    String longLink = null;
    Pax pax = null;
    while (true) {
      if (entries == 0) {
        firstHeader();
      } else if (!readBlock(header, true)) {
        ended = true;
        if (longName != null || longLink != null || pax != null) {
          throw new ArchiveFormatException("the archive ends after an extended header");
        }
        return null;
      }
      if (isZero(header)) {
        ended = true;
        if (longName != null || longLink != null || pax != null) {
          throw new ArchiveFormatException("the archive ends after an extended header");
        }
        return null;
      }
      checkChecksum();
      if (++entries > limits.maxEntries()) {
        throw new ArchiveFormatException("more than " + limits.maxEntries() + " entries");
      }
      char type = (char) (header[156] & 0xff);
      long size = number(124, 12, "size");
      switch (type) {
        case 'L':
          longName = readText(size, "GNU long name");
          continue;
        case 'K':
          longLink = readText(size, "GNU long link name");
          continue;
        case 'x':
          if (size > PAX_MAX) {
            throw new ArchiveFormatException(
                "pax header of " + size + " bytes (at most " + PAX_MAX + ")");
          }
          pax = Pax.parse(readContent(size), limits.maxNameBytes());
          continue;
        case 'g':
          throw new ArchiveFormatException("global pax headers are not accepted");
        default:
          break;
      }
      String name = longName != null ? longName : ustarName();
      String link = longLink != null ? longLink : string(157, 100, "link name");
      if (pax != null) {
        if (pax.sparse) {
          throw new ArchiveFormatException("sparse files are not accepted");
        }
        name = pax.path != null ? pax.path : name;
        link = pax.linkPath != null ? pax.linkPath : link;
        size = pax.size >= 0 ? pax.size : size;
      }
      if (name.length() > limits.maxNameBytes()) {
        throw new ArchiveFormatException(
            "an entry name longer than " + limits.maxNameBytes() + " bytes");
      }
      int mode = (int) (numberOrZero(100, 8) & 07777);
      boolean hasContent =
          type != '1' && type != '2' && type != '3' && type != '4' && type != '5' && type != '6';
      remaining = hasContent ? size : 0;
      padding = hasContent ? (BLOCK - size % BLOCK) % BLOCK : 0;
      return new TarEntry(name, type, mode, size, link);
    }
  }

  /** Reads the current entry's content, at most its size. */
  InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new EOFException("the archive is truncated");
        }
        remaining -= n;
        return n;
      }
    };
  }

  private void skipRest() throws IOException {
    long n = remaining + padding;
    remaining = 0;
    padding = 0;
    byte[] scratch = new byte[8192];
    while (n > 0) {
      int r = in.read(scratch, 0, (int) Math.min(scratch.length, n));
      if (r < 0) {
        throw new EOFException("the archive is truncated");
      }
      n -= r;
    }
  }

  private byte[] readContent(long size) throws IOException {
    byte[] data = new byte[(int) size];
    readFully(data);
    long pad = (BLOCK - size % BLOCK) % BLOCK;
    byte[] scratch = new byte[(int) pad];
    readFully(scratch);
    return data;
  }

  private String readText(long size, String what) throws IOException {
    if (size > limits.maxNameBytes()) {
      throw new ArchiveFormatException(
          what + " of " + size + " bytes (at most " + limits.maxNameBytes() + ")");
    }
    byte[] data = readContent(size);
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return utf8(Arrays.copyOf(data, end), what);
  }

  /**
   * Reads the first header: a file shorter than one header, or whose first header has neither a
   * valid checksum nor the ustar magic, is not a truncated or corrupt archive but something else
   * altogether (a text file, a key, another format). An empty file reads as the end of an empty
   * archive.
   */
  private void firstHeader() throws IOException {
    int n = fill(header);
    if (n == 0) {
      Arrays.fill(header, (byte) 0);
    } else if (n < BLOCK || (!isZero(header) && !checksumMatches() && !hasUstarMagic())) {
      throw new ArchiveFormatException(NOT_A_BACKUP);
    }
  }

  private boolean hasUstarMagic() {
    return header[257] == 'u'
        && header[258] == 's'
        && header[259] == 't'
        && header[260] == 'a'
        && header[261] == 'r';
  }

  /** The message for bytes that are no tar archive at all, compressed or not. */
  static final String NOT_A_BACKUP =
      "not a keys backup (neither a tar archive nor a gzip-compressed one)";

  private boolean readBlock(byte[] b, boolean eofAllowed) throws IOException {
    int off = fill(b);
    if (off == b.length) {
      return true;
    }
    if (off == 0 && eofAllowed) {
      return false;
    }
    throw new EOFException("the archive is truncated");
  }

  /** Reads until {@code b} is full or the stream ends; the number of bytes read. */
  private int fill(byte[] b) throws IOException {
    int off = 0;
    while (off < b.length) {
      int n = in.read(b, off, b.length - off);
      if (n < 0) {
        break;
      }
      off += n;
    }
    return off;
  }

  private void readFully(byte[] b) throws IOException {
    readBlock(b, false);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private void checkChecksum() throws ArchiveFormatException {
    if (!checksumMatches()) {
      throw new ArchiveFormatException(
          "a header has a wrong checksum (not a tar archive, or corrupt)");
    }
  }

  private boolean checksumMatches() {
    long stored;
    try {
      stored = number(148, 8, "checksum");
    } catch (ArchiveFormatException e) {
      return false;
    }
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : header[i];
      unsigned += b & 0xff;
      signed += (i >= 148 && i < 156) ? ' ' : header[i];
    }
    return stored == unsigned || stored == signed;
  }

  private String ustarName() throws ArchiveFormatException {
    String name = string(0, 100, "name");
    boolean posix =
        header[257] == 'u'
            && header[258] == 's'
            && header[259] == 't'
            && header[260] == 'a'
            && header[261] == 'r'
            && header[262] == 0;
    if (posix && header[345] != 0) {
      return string(345, 155, "name prefix") + "/" + name;
    }
    return name;
  }

  private String string(int off, int len, String what) throws ArchiveFormatException {
    int end = off;
    while (end < off + len && header[end] != 0) {
      end++;
    }
    return utf8(Arrays.copyOfRange(header, off, end), what);
  }

  private static String utf8(byte[] bytes, String what) throws ArchiveFormatException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ArchiveFormatException("a " + what + " that is not UTF-8");
    }
  }

  private long numberOrZero(int off, int len) {
    try {
      return number(off, len, "mode");
    } catch (ArchiveFormatException e) {
      return 0;
    }
  }

  /** An octal field (NUL or space terminated, leading spaces allowed), or GNU's base-256 form. */
  private long number(int off, int len, String what) throws ArchiveFormatException {
    if ((header[off] & 0x80) != 0) {
      if ((header[off] & 0x40) != 0) {
        throw new ArchiveFormatException("a negative " + what);
      }
      long v = header[off] & 0x3f;
      for (int i = off + 1; i < off + len; i++) {
        if ((v >>> 55) != 0) {
          throw new ArchiveFormatException("a " + what + " too large");
        }
        v = (v << 8) | (header[i] & 0xff);
      }
      return v;
    }
    int i = off;
    int end = off + len;
    while (i < end && header[i] == ' ') {
      i++;
    }
    long v = 0;
    int digits = 0;
    for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
      v = (v << 3) | (header[i] - '0');
      digits++;
    }
    for (; i < end; i++) {
      if (header[i] != 0 && header[i] != ' ') {
        throw new ArchiveFormatException(
            "a header field (" + what + ") that is not a number (not a tar archive?)");
      }
    }
    if (digits == 0 && !what.equals("mode")) {
      throw new ArchiveFormatException(
          "a header field (" + what + ") that is empty (not a tar archive?)");
    }
    return v;
  }

  /** The fields of a pax extended header that matter here. */
  private static final class Pax {
    String path;
    String linkPath;
    long size = -1;
    boolean sparse;

    static Pax parse(byte[] data, int maxName) throws ArchiveFormatException {
      Pax p = new Pax();
      int pos = 0;
      while (pos < data.length) {
        int sp = pos;
        long len = 0;
        while (sp < data.length && data[sp] >= '0' && data[sp] <= '9' && sp - pos < 7) {
          len = len * 10 + (data[sp] - '0');
          sp++;
        }
        if (sp == pos
            || sp >= data.length
            || data[sp] != ' '
            || len <= sp - pos + 1
            || pos + len > data.length
            || data[(int) (pos + len - 1)] != '\n') {
          throw new ArchiveFormatException("a malformed pax header record");
        }
        String record =
            utf8(Arrays.copyOfRange(data, sp + 1, (int) (pos + len - 1)), "pax header record");
        int eq = record.indexOf('=');
        if (eq <= 0) {
          throw new ArchiveFormatException("a malformed pax header record");
        }
        String key = record.substring(0, eq);
        String value = record.substring(eq + 1);
        if (value.indexOf('\0') >= 0) {
          throw new ArchiveFormatException("a pax header value with a NUL character");
        }
        switch (key) {
          case "path":
            p.path = value;
            break;
          case "linkpath":
            p.linkPath = value;
            break;
          case "size":
            if (!value.matches("[0-9]{1,18}")) {
              throw new ArchiveFormatException("a pax size that is not a number");
            }
            p.size = Long.parseLong(value);
            break;
          default:
            if (key.startsWith("GNU.sparse.")) {
              p.sparse = true;
            }
        }
        if ((p.path != null && p.path.length() > maxName)
            || (p.linkPath != null && p.linkPath.length() > maxName)) {
          throw new ArchiveFormatException("a pax path longer than " + maxName + " bytes");
        }
        pos += (int) len;
      }
      return p;
    }
  }
}
