package dev.trustkeys.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustkeys.testing.Fifos;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one way to open a file: regular files only, without blocking on a FIFO, and bounded. A test
 * that would hang on a FIFO fails by its timeout (generous: the machine may be loaded); the FIFOs
 * are released afterwards.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InputFilesTest {
  @TempDir Path tmp;
  private final Fifos fifos = new Fifos();

  @AfterEach
  void releaseFifos() {
    fifos.close();
  }

  @Test
  void open_aFifo_isRefusedAtOnce_sayingWhatItIs() throws Exception {
    Path fifo = fifos.make(tmp.resolve("abc.key"));
    NotRegularFileException e =
        assertThrows(NotRegularFileException.class, () -> InputFiles.open(fifo));
    assertEquals("a FIFO (named pipe)", e.kind());
    assertEquals(fifo.toString(), e.getFile());
    assertEquals("is a FIFO (named pipe), not a regular file", IoErrors.reason(e));
    assertThrows(NotRegularFileException.class, () -> InputFiles.read(fifo, 100));
    assertThrows(
        NotRegularFileException.class, () -> InputFiles.read(fifo.toString(), new byte[101], 100));
  }

  @Test
  void open_aSymlinkToAFifo_isRefused() throws Exception {
    Path fifo = fifos.make(tmp.resolve("fifo"));
    Path link = Files.createSymbolicLink(tmp.resolve("link.json"), fifo);
    NotRegularFileException e =
        assertThrows(NotRegularFileException.class, () -> InputFiles.read(link, 100));
    assertEquals("a FIFO (named pipe)", e.kind());
  }

  @Test
  void open_aDeviceOrADirectory_isRefused() {
    NotRegularFileException dev =
        assertThrows(
            NotRegularFileException.class, () -> InputFiles.read(Path.of("/dev/zero"), 1 << 20));
    assertEquals("a character device", dev.kind());
    NotRegularFileException dir =
        assertThrows(NotRegularFileException.class, () -> InputFiles.open(tmp));
    assertEquals("a directory", dir.kind());
    assertEquals(
        "cannot read " + tmp + ": is a directory, not a regular file",
        IoErrors.cannot("read", tmp, dir));
  }

  @Test
  void open_aMissingFile_isNoSuchFile() {
    Path missing = tmp.resolve("nosuch.pem");
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> InputFiles.read(missing, 10));
    assertEquals("cannot read " + missing + ": no such file", IoErrors.cannot("read", missing, e));
  }

  @Test
  void read_aRegularFileOrALinkToOne_withinTheLimit() throws Exception {
    Path f = Files.write(tmp.resolve("f"), new byte[] {1, 2, 3});
    Path link = Files.createSymbolicLink(tmp.resolve("l"), f);
    assertArrayEquals(new byte[] {1, 2, 3}, InputFiles.read(f, 3));
    assertArrayEquals(new byte[] {1, 2, 3}, InputFiles.read(link, 3));
    byte[] buffer = new byte[4];
    assertEquals(3, InputFiles.read(f.toString(), buffer, 3));
  }

  @Test
  void read_overTheLimit_isTooLarge_andSaysTheLimit() throws Exception {
    Path f = Files.write(tmp.resolve("big"), new byte[64 * 1024 + 1]);
    FileTooLargeException e =
        assertThrows(FileTooLargeException.class, () -> InputFiles.read(f, 64 * 1024));
    assertEquals(64 * 1024, e.limit());
    assertEquals(
        "cannot read " + f + ": is larger than 64 KiB, the most keys reads of such a file",
        IoErrors.cannot("read", f, e));
    assertThrows(
        FileTooLargeException.class,
        () -> InputFiles.read(f.toString(), new byte[64 * 1024 + 1], 64 * 1024));
  }
}
