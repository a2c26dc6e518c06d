package dev.trustkeys.backend.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.io.AtomicWrite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of the tokens keys made keys on: versioned, private, written whole, read strictly. */
class TokenRecordsTest {
  @TempDir Path dir;
  private final List<String> locks = new ArrayList<>();

  private TokenRecords records() {
    return new TokenRecords(
        dir,
        () -> {
          locks.add("lock");
          return () -> locks.add("unlock");
        });
  }

  @Test
  void remember_writesVersion1_private_underTheLock_once() throws Exception {
    TokenRecords r = records();
    assertFalse(r.any());
    assertEquals(List.of(), r.read());
    Pkcs11Uri token = Pkcs11Uri.parse("pkcs11:manufacturer=SoftHSM%20project;serial=1a2b;token=ci");
    Path module = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    r.remember(
        module,
        Pkcs11Uri.parse(
            "pkcs11:manufacturer=SoftHSM%20project;serial=1a2b;token=ci?module-path=" + module));
    r.remember(module, token);
    assertTrue(r.any());
    assertEquals(List.of(new TokenRecords.Token(module, token)), r.read());
    assertEquals(AtomicWrite.PRIVATE, Files.getPosixFilePermissions(r.file()));
    assertEquals(List.of("lock", "unlock", "lock", "unlock"), locks);
    String text = Files.readString(r.file());
    assertTrue(text.contains("\"version\": 1"), text);
    assertTrue(text.contains("\"module\": \"/usr/lib/softhsm/libsofthsm2.so\""), text);
    assertFalse(text.contains("module-path"), "the token's attributes only: " + text);
    assertFalse(
        Files.list(dir).anyMatch(AtomicWrite::isTemporary), "no temporary file is left behind");
  }

  @Test
  void tokensOfTwoModules_areBothKept_oldestFirst() throws Exception {
    TokenRecords r = records();
    r.remember(Path.of("/a/libsofthsm2.so"), Pkcs11Uri.parse("pkcs11:token=one"));
    r.remember(Path.of("/b/opensc-pkcs11.so"), Pkcs11Uri.parse("pkcs11:token=two"));
    r.remember(Path.of("/b/opensc-pkcs11.so"), Pkcs11Uri.parse("pkcs11:token=one"));
    List<TokenRecords.Token> all = records().read();
    assertEquals(3, all.size());
    assertEquals("pkcs11:token=one", all.get(0).uri().toString());
    assertEquals(Path.of("/b/opensc-pkcs11.so"), all.get(2).module());
  }

  @Test
  void aFileOfANewerVersion_isRefused_notRewritten() throws Exception {
    Path f = dir.resolve(TokenRecords.FILE);
    Files.writeString(f, "{\"version\": 2, \"tokens\": []}");
    TokenRecords r = records();
    KeysException e = assertThrows(KeysException.class, r::read);
    assertEquals(ExitCode.FAILURE, e.exitCode());
    assertTrue(
        e.getMessage().contains("version '2' is not 1 (written by a newer keys?)"), e.getMessage());
    assertThrows(
        KeysException.class, () -> r.remember(Path.of("/m.so"), Pkcs11Uri.parse("pkcs11:token=x")));
    assertEquals("{\"version\": 2, \"tokens\": []}", Files.readString(f));
  }

  @Test
  void aDamagedFile_saysWhatToDo() throws Exception {
    for (String bad :
        List.of(
            "{\"version\": 1, \"tokens\": [{\"module\": 5}]}",
            "[]",
            "{\"version\": 1}",
            "{",
            "{\"version\": 1, \"tokens\": [7]}",
            "{\"version\": 1, \"tokens\": [{\"module\": \"rel.so\", \"token\": \"pkcs11:token=a\"}]}",
            "{\"version\": 1, \"tokens\": [{\"module\": \"/m.so\", \"token\": \"file:x\"}]}")) {
      Files.writeString(dir.resolve(TokenRecords.FILE), bad);
      KeysException e = assertThrows(KeysException.class, () -> records().read(), bad);
      assertTrue(
          e.getMessage().startsWith(dir.resolve(TokenRecords.FILE) + " cannot be read ("),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "): repair it, or move it away (keys then finds keys on the tokens it names"
                      + " only when told the module, until it makes a key on a token again)"),
          e.getMessage());
      assertEquals(ExitCode.FAILURE, e.exitCode());
      assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
  }
}
