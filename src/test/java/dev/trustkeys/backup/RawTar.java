package dev.trustkeys.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar headers exactly as told, hostile ones included, for the corpus of refused archives.
 */
final class RawTar {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  RawTar entry(String name, char type, byte[] content) {
    return entry(name, type, content, "", content.length);
  }

  RawTar file(String name, String content) {
    return entry(name, '0', content.getBytes(StandardCharsets.UTF_8));
  }

  RawTar entry(String name, char type, byte[] content, String link, long declaredSize) {
    byte[] h = new byte[512];
    put(h, 0, name.getBytes(StandardCharsets.UTF_8), 100);
    octal(h, 100, 8, 0600);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, declaredSize);
    octal(h, 136, 12, 1700000000L);
    h[156] = (byte) type;
    put(h, 157, link.getBytes(StandardCharsets.UTF_8), 100);
    put(h, 257, new byte[] {'u', 's', 't', 'a', 'r', 0, '0', '0'}, 8);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    out.writeBytes(h);
    out.writeBytes(content);
    int pad = (512 - content.length % 512) % 512;
    out.writeBytes(new byte[pad]);
    return this;
  }

  /** A pax extended header with one record, applying to the next entry. */
  RawTar pax(char type, String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int len = body.length() + 2;
    if (Integer.toString(len).length() != 2) {
      len = body.length() + Integer.toString(body.length() + 3).length();
    }
    return entry("PaxHeaders/x", type, (len + body).getBytes(StandardCharsets.UTF_8));
  }

  byte[] bytes() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(out.toByteArray());
    b.writeBytes(new byte[1024]);
    return b.toByteArray();
  }

  Path writeGz(Path file) throws IOException {
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file))) {
      o.write(bytes());
    }
    return file;
  }

  private static void put(byte[] h, int off, byte[] v, int max) {
    System.arraycopy(v, 0, h, off, Math.min(v.length, max));
  }

  private static void octal(byte[] h, int off, int len, long v) {
    String s = Long.toOctalString(v);
    s = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
    for (int i = 0; i < len - 1; i++) {
      h[off + i] = (byte) s.charAt(i);
    }
  }
}
