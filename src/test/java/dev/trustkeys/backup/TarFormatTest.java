package dev.trustkeys.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tar reader and writer against GNU tar, both ways, in its three formats (long names included).
 */
class TarFormatTest {
  @TempDir Path tmp;
  private static final String LONG =
      "tuf/" + "very-long-gun-component/".repeat(8) + "metadata/targets/releases.json";

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "posix", "ustar"})
  void reader_readsWhatGnuTarWrites_longNamesIncluded(String format) throws Exception {
    Path src = tmp.resolve("src");
    Files.createDirectories(src.resolve(LONG).getParent());
    Files.writeString(src.resolve(LONG), "{\"signed\":{}}");
    Process p =
        new ProcessBuilder(
                "tar",
                "--format=" + format,
                "-cf",
                tmp.resolve("a.tar").toString(),
                "-C",
                src.toString(),
                "tuf")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), out);
    List<String> files = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tmp.resolve("a.tar"))) {
      TarReader r = new TarReader(in, ArchiveLimits.defaults());
      for (TarEntry e = r.next(); e != null; e = r.next()) {
        if (e.isFile()) {
          files.add(e.name());
          assertEquals(
              "{\"signed\":{}}", new String(r.content().readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    assertEquals(List.of(LONG), files);
  }

  @Test
  void gnuTar_readsWhatTheWriterWrites_longNamesAndModesIncluded() throws Exception {
    Path a = tmp.resolve("b.tar");
    try (var o = Files.newOutputStream(a)) {
      TarWriter w = new TarWriter(o);
      w.directory("private", 0700, 1700000000L);
      w.file("private/k.key", 0600, 1700000000L, "key".getBytes(StandardCharsets.UTF_8));
      byte[] data = "meta".getBytes(StandardCharsets.UTF_8);
      w.file(LONG, 0600, 1700000000L, data.length, new ByteArrayInputStream(data));
      w.finish();
    }
    assertEquals(0, Files.size(a) % 10240);
    Process p = new ProcessBuilder("tar", "-tvf", a.toString()).redirectErrorStream(true).start();
    String listing = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), listing);
    assertTrue(listing.contains("drwx------ 0/0") && listing.contains("-rw------- 0/0"), listing);
    assertTrue(listing.contains(LONG), listing);
    Path x = tmp.resolve("x");
    Files.createDirectories(x);
    Process q =
        new ProcessBuilder("tar", "-xf", a.toString(), "-C", x.toString())
            .redirectErrorStream(true)
            .start();
    assertEquals(0, q.waitFor(), new String(q.getInputStream().readAllBytes()));
    assertEquals("meta", Files.readString(x.resolve(LONG)));
  }

  @Test
  void writer_refusesContentShorterThanDeclared() throws Exception {
    TarWriter w = new TarWriter(new ByteArrayOutputStream());
    java.io.IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            java.io.IOException.class,
            () -> w.file("tuf/x", 0600, 0, 10, new ByteArrayInputStream(new byte[3])));
    assertTrue(e.getMessage().contains("shorter"));
  }

  @Test
  void reader_endsAtTheZeroBlocks() throws Exception {
    byte[] tar = new RawTar().file("private/a", "1").bytes();
    TarReader r = new TarReader(new ByteArrayInputStream(tar), ArchiveLimits.defaults());
    assertEquals("private/a", r.next().name());
    assertArrayEquals("1".getBytes(StandardCharsets.UTF_8), r.content().readAllBytes());
    assertNull(r.next());
    assertNull(r.next());
  }
}
