package dev.trustkeys.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * FIFOs (named pipes) for hostile-input tests, made with mkfifo(1). {@link #close} releases any
 * reader still blocked opening one (a reader that hangs is what those tests look for): opening a
 * FIFO for reading and writing never blocks on Linux, and lets every waiting reader through to an
 * immediate end of file.
 */
public final class Fifos implements AutoCloseable {
  private final List<Path> made = new ArrayList<>();

  /** Makes a FIFO at {@code path}. */
  public Path make(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0 || !Files.exists(path)) {
      throw new IOException("mkfifo " + path + " failed: " + out);
    }
    made.add(path);
    return path;
  }

  @Override
  public void close() {
    for (Path f : made) {
      try {
        // opened and closed: a blocked reader's open returns, its read ends
        FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
      } catch (IOException e) {
        // gone already (the test's directory was removed)
      }
    }
  }
}
