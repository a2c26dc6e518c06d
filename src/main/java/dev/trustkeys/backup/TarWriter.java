package dev.trustkeys.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX (ustar + pax) tar stream that GNU tar, bsdtar and {@link TarReader} read: files
 * and directories only, owner 0, names longer than 99 bytes in a pax {@code path} record. It
 * streams: content is copied through a small buffer, never held whole.
 */
final class TarWriter {
  private static final int RECORD = 20 * TarReader.BLOCK;

  private final OutputStream out;
  private long written;

  TarWriter(OutputStream out) {
    this.out = out;
  }

  void directory(String name, int mode, long mtimeSeconds) throws IOException {
    String n = name.endsWith("/") ? name : name + "/";
    header(n, TarEntry.DIRECTORY, mode, 0, mtimeSeconds);
  }

  void file(String name, int mode, long mtimeSeconds, byte[] data) throws IOException {
    header(name, TarEntry.FILE, mode, data.length, mtimeSeconds);
    write(data, 0, data.length);
    pad(data.length);
  }

  /** Copies exactly {@code size} bytes from {@code data}; fails if it holds fewer or more. */
  void file(String name, int mode, long mtimeSeconds, long size, InputStream data)
      throws IOException {
    header(name, TarEntry.FILE, mode, size, mtimeSeconds);
    byte[] buf = new byte[8192];
    long left = size;
    while (left > 0) {
      int n = data.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException(name + " became shorter while it was being archived");
      }
      write(buf, 0, n);
      left -= n;
    }
    if (data.read() >= 0) {
      throw new IOException(name + " became longer while it was being archived");
    }
    pad(size);
  }

  /**
   * Writes the end-of-archive marker (two zero blocks) and pads to a whole 10240-byte record, as
   * tar does.
   */
  void finish() throws IOException {
    byte[] zeros = new byte[TarReader.BLOCK];
    write(zeros, 0, zeros.length);
    write(zeros, 0, zeros.length);
    while (written % RECORD != 0) {
      write(zeros, 0, zeros.length);
    }
    out.flush();
  }

  private void header(String name, char type, int mode, long size, long mtime) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 99) {
      byte[] rec = paxRecord("path", name);
      String paxName = "PaxHeaders/" + shortName(name);
      writeHeader(paxName.getBytes(StandardCharsets.UTF_8), 'x', 0644, rec.length, mtime);
      write(rec, 0, rec.length);
      pad(rec.length);
      nameBytes = shortName(name).getBytes(StandardCharsets.UTF_8);
    }
    writeHeader(nameBytes, type, mode, size, mtime);
  }

  private static String shortName(String name) {
    String base = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    base = base.substring(base.lastIndexOf('/') + 1);
    byte[] b = base.getBytes(StandardCharsets.UTF_8);
    return b.length <= 80
        ? base
        : new String(b, 0, 80, StandardCharsets.US_ASCII).replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static byte[] paxRecord(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int len = body.getBytes(StandardCharsets.UTF_8).length;
    int total = len + Integer.toString(len).length();
    if (Integer.toString(total).length() != Integer.toString(len).length()) {
      total++;
    }
    return (total + body).getBytes(StandardCharsets.UTF_8);
  }

  private void writeHeader(byte[] name, char type, int mode, long size, long mtime)
      throws IOException {
    byte[] h = new byte[TarReader.BLOCK];
    System.arraycopy(name, 0, h, 0, Math.min(name.length, 100));
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, Math.max(0, mtime));
    h[156] = (byte) type;
    byte[] magic = {'u', 's', 't', 'a', 'r', 0, '0', '0'};
    System.arraycopy(magic, 0, h, 257, magic.length);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    write(h, 0, h.length);
  }

  /** {@code len - 1} octal digits, zero-padded, then NUL. */
  private static void octal(byte[] h, int off, int len, long v) throws IOException {
    String s = Long.toOctalString(v);
    if (s.length() > len - 1) {
      throw new IOException("value " + v + " does not fit a tar header field");
    }
    s = "0".repeat(len - 1 - s.length()) + s;
    for (int i = 0; i < s.length(); i++) {
      h[off + i] = (byte) s.charAt(i);
    }
    h[off + len - 1] = 0;
  }

  private void pad(long size) throws IOException {
    int p = (int) ((TarReader.BLOCK - size % TarReader.BLOCK) % TarReader.BLOCK);
    if (p > 0) {
      write(new byte[p], 0, p);
    }
  }

  private void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    written += len;
  }
}
