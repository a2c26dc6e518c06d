package dev.trustkeys.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * Standard output as a Writer that encodes each write with {@link String#getBytes(Charset)} and
 * hands the bytes straight to the file descriptor. For ASCII text that is an array copy, where
 * System.out's encoder loop runs in the interpreter at start-up (it was a tenth of a cold `keys
 * list` over 1,000 keys). Unbuffered: every write is one write(2), as System.out with auto-flush
 * does per line. Closing flushes and leaves the descriptor open.
 */
final class StdoutWriter extends Writer {
  private final OutputStream out;
  private final Charset charset;

  StdoutWriter(OutputStream out, Charset charset) {
    this.out = out;
    this.charset = charset;
  }

  /** The process's standard output, in the charset System.out uses on JDK 17. */
  static StdoutWriter stdout() {
    String enc = System.getProperty("sun.stdout.encoding");
    Charset cs = Charset.defaultCharset();
    if (enc != null) {
      try {
        cs = Charset.forName(enc);
      } catch (IllegalArgumentException e) {
        // an unknown name: keep the default, as System.out does
      }
    }
    return new StdoutWriter(new FileOutputStream(FileDescriptor.out), cs);
  }

  @Override
  public void write(String s, int off, int len) throws IOException {
    out.write((off == 0 && len == s.length() ? s : s.substring(off, off + len)).getBytes(charset));
  }

  @Override
  public void write(char[] chars, int off, int len) throws IOException {
    out.write(new String(chars, off, len).getBytes(charset));
  }

  @Override
  public void write(int c) throws IOException {
    write(String.valueOf((char) c));
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
