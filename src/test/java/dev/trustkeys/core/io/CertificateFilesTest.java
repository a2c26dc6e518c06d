package dev.trustkeys.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate files the user names: read whole, refused in words, one size limit. */
class CertificateFilesTest {
  @TempDir Path tmp;

  @Test
  void aFileWithoutCertificates_isAUsageErrorThatNamesIt() throws Exception {
    Path notes = Files.writeString(tmp.resolve("notes.txt"), "not a certificate\n");
    UsageException all = assertThrows(UsageException.class, () -> CertificateFiles.readAll(notes));
    assertEquals(notes + " holds no readable PEM certificate", all.getMessage());
    UsageException one = assertThrows(UsageException.class, () -> CertificateFiles.readOne(notes));
    assertEquals(notes + " is not a readable certificate (PEM CERTIFICATE)", one.getMessage());
  }

  @Test
  void aFileTooLarge_orMissing_isRefusedBeforeParsing() throws Exception {
    Path big = Files.write(tmp.resolve("big.pem"), new byte[CertificateFiles.MAX_BYTES + 1]);
    KeysException e = assertThrows(KeysException.class, () -> CertificateFiles.readAll(big));
    assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
    KeysException missing =
        assertThrows(KeysException.class, () -> CertificateFiles.readOne(tmp.resolve("none")));
    assertEquals(ExitCode.NOT_FOUND, missing.exitCode(), missing.getMessage());
  }
}
