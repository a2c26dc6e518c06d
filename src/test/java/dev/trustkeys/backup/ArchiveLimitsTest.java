package dev.trustkeys.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.TrustDirectory;
import dev.trustkeys.core.ExitCode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caps that bound what a hostile archive can make a restore read, allocate or write. */
class ArchiveLimitsTest {
  @TempDir Path tmp;

  private HostileArchiveException refused(ArchiveLimits limits, Path archive) {
    Path trust = tmp.resolve("trust");
    HostileArchiveException e =
        assertThrows(
            HostileArchiveException.class,
            () -> new Restorer(new TrustDirectory(trust), limits).restore(archive, false));
    assertEquals(ExitCode.VERIFICATION_FAILED, e.exitCode());
    assertFalse(Files.exists(trust));
    return e;
  }

  @Test
  void gzipBomb_isStoppedByTheCapOnUncompressedBytes() throws Exception {
    // 64 MiB of zeros in metadata files (each under the per-file cap) compress to a few tens of
    // KiB.
    Path bomb = tmp.resolve("bomb.tar.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(bomb))) {
      TarWriter w = new TarWriter(o);
      byte[] mib = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        w.file("tuf/g/metadata/f" + i + ".json", 0600, 0, mib);
      }
      w.finish();
    }
    assertTrue(Files.size(bomb) < 1 << 20);
    ArchiveLimits limits = new ArchiveLimits(1000, 65536, 8 << 20, 1 << 20, 16 << 20, 4096);
    HostileArchiveException e = refused(limits, bomb);
    assertTrue(e.reason().contains("more than 16777216 bytes once uncompressed"), e.getMessage());
  }

  @Test
  void tooManyEntries_areRefused() throws Exception {
    RawTar t = new RawTar();
    for (int i = 0; i < 51; i++) {
      t.entry("tuf/d" + i + "/", '5', new byte[0]);
    }
    Path a = t.writeGz(tmp.resolve("many.tar.gz"));
    HostileArchiveException e =
        refused(new ArchiveLimits(50, 65536, 1 << 20, 1 << 20, 1L << 30, 4096), a);
    assertTrue(e.reason().contains("more than 50 entries"), e.getMessage());
  }

  @Test
  void entryOverTheFileCap_isRefusedFromItsHeader() throws Exception {
    Path a =
        new RawTar()
            .entry("tuf/g/metadata/root.json", '0', new byte[0], "", 2L << 20)
            .writeGz(tmp.resolve("big.tar.gz"));
    HostileArchiveException e =
        refused(new ArchiveLimits(50, 65536, 1 << 20, 1 << 20, 1L << 30, 4096), a);
    assertTrue(e.reason().contains("too large"), e.getMessage());
  }

  @Test
  void longNameHeaderOverTheNameCap_isRefusedBeforeItIsRead() throws Exception {
    Path a =
        new RawTar()
            .entry("././@LongLink", 'L', new byte[0], "", 1L << 30)
            .writeGz(tmp.resolve("name.tar.gz"));
    HostileArchiveException e = refused(ArchiveLimits.defaults(), a);
    assertTrue(e.reason().contains("GNU long name of 1073741824 bytes"), e.getMessage());
  }

  @Test
  void oversizedManifest_isRefused() throws Exception {
    Path a =
        new RawTar()
            .file(BackupManifest.NAME, "{" + " ".repeat(5000) + "}")
            .file("private/x", "y")
            .writeGz(tmp.resolve("m.tar.gz"));
    HostileArchiveException e =
        refused(new ArchiveLimits(50, 65536, 1 << 20, 4096, 1L << 30, 4096), a);
    assertTrue(e.reason().contains("too large"), e.getMessage());
  }
}
