package dev.trustkeys.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/**
 * I/O failures in people's words: no exception class names, no path repeated, the C library's text
 * kept.
 */
class IoErrorsTest {
  @Test
  void javaExceptions_becomeWords() {
    assertEquals("no such file", IoErrors.reason(new NoSuchFileException("/x/nosuch.pem")));
    assertEquals("permission denied", IoErrors.reason(new AccessDeniedException("/x/key")));
    assertEquals(
        "no space left on the device",
        IoErrors.reason(new FileSystemException("/x/key", null, "No space left on device")));
    assertEquals("is a directory", IoErrors.reason(new IOException("Is a directory")));
    assertEquals(
        "no such file",
        IoErrors.reason(new FileNotFoundException("/x/y (No such file or directory)")));
    assertEquals(
        "permission denied",
        IoErrors.reason(new FileNotFoundException("/x/y (Permission denied)")));
    assertEquals(
        "the file system is read-only",
        IoErrors.reason(new FileSystemException("/x", null, "Read-only file system")));
    assertEquals(
        "too large to read into memory", IoErrors.reason(new IOException("Java heap space")));
  }

  @Test
  void classNamesAndEmptyMessages_areDropped() {
    assertEquals("input/output error", IoErrors.reason(new IOException()));
    assertEquals("input/output error", IoErrors.reason(new FileSystemException("/x")));
    assertEquals(
        "stream closed", IoErrors.reason(new IOException("java.io.IOException: Stream closed")));
    assertEquals(
        "input/output error",
        IoErrors.reason(new IOException(new UncheckedIOException(new IOException()).toString())));
  }

  @Test
  void cannot_namesTheFileOnce() {
    assertEquals(
        "cannot read nosuch.pem: no such file",
        IoErrors.cannot("read", "nosuch.pem", new NoSuchFileException("nosuch.pem")));
  }

  @Test
  void sizes() {
    assertEquals("64 KiB", IoErrors.size(64 * 1024));
    assertEquals("16 MiB", IoErrors.size(16 << 20));
    assertEquals("100 bytes", IoErrors.size(100));
  }
}
