package dev.trustkeys.backup;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trustkeys.core.KeysException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Fuzzes the archive reader ({@code keys restore} and {@code keys backup --verify}): tar headers,
 * PAX records, names, sizes, the manifest, plain and gzip. Only {@link KeysException} (a refused
 * archive) is acceptable.
 */
class ArchiveFuzzTest {
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempFile("keys-archive-fuzz", ".tar");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "20s")
  void archiveReader_throwsOnlyKeysException(byte[] data) throws Exception {
    fuzzerTestOneInput(data);
  }

  /**
   * The entry point of the stand-alone fuzzer ({@code com.code_intelligence.jazzer.Jazzer
   * --target_class}).
   */
  public static void fuzzerTestOneInput(byte[] data) throws Exception {
    boolean gzip = data.length > 0 && (data[0] & 1) == 1;
    byte[] body = data.length > 0 ? java.util.Arrays.copyOfRange(data, 1, data.length) : data;
    if (gzip) {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
        gz.write(body);
      }
      body = bos.toByteArray();
    }
    Files.write(FILE, body);
    try (ArchiveSource src = ArchiveSource.open(FILE, ArchiveLimits.defaults())) {
      ArchiveContents.read(src, null);
    } catch (KeysException e) {
      // refused, as a hostile or broken archive must be
    }
  }
}
