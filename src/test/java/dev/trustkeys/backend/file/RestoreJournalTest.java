package dev.trustkeys.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The undoing of a restore a killed process left half applied, as every writer runs it when it
 * takes the writers' lock: only files whose content is exactly what the restore left are touched,
 * the rest are named and kept; what cannot be decided safely is refused with the command that
 * clears it. The commit is laid out by hand here as {@code RestoreTransaction} lays it out (the
 * end-to-end runs are in {@code backup.RestoreRecoveryIT}).
 */
class RestoreJournalTest {
  @TempDir Path tmp;
  private Path root;
  private Path staging;
  private final StringWriter notices = new StringWriter();
  private final List<RestoreJournal.Step> steps = new ArrayList<>();

  @BeforeEach
  void trustDirectoryWithAHalfAppliedRestore() throws Exception {
    root = tmp.resolve("trust");
    Files.createDirectories(root.resolve("private"));
    staging = root.resolve(RestoreJournal.STAGING_MARK + "0011223344556677");
    Files.createDirectories(staging.resolve("new/private"));
    Files.createDirectories(staging.resolve("old/private"));
    // a.key replaced (applied), b.key created (applied), c.key replaced (not yet), d.key created
    // (not yet)
    file("private/a.key", "a restored");
    Files.createLink(staging.resolve("old/private/a.key"), file("old-a", "a before"));
    Files.delete(tmp.resolve("old-a"));
    step(RestoreJournal.Op.REPLACE, "private/a.key", "a before", "a restored");
    file("private/b.key", "b restored");
    step(RestoreJournal.Op.CREATE, "private/b.key", null, "b restored");
    file("private/c.key", "c before");
    Files.createLink(staging.resolve("old/private/c.key"), root.resolve("private/c.key"));
    Files.writeString(staging.resolve("new/private/c.key"), "c restored");
    step(RestoreJournal.Op.REPLACE, "private/c.key", "c before", "c restored");
    Files.writeString(staging.resolve("new/private/d.key"), "d restored");
    step(RestoreJournal.Op.CREATE, "private/d.key", null, "d restored");
  }

  private Path file(String rel, String content) throws Exception {
    Path p = rel.startsWith("old-") ? tmp.resolve(rel) : root.resolve(rel);
    return Files.writeString(p, content);
  }

  private void step(RestoreJournal.Op op, String target, String before, String after) {
    steps.add(new RestoreJournal.Step(op, target, before == null ? null : sha(before), sha(after)));
  }

  private static String sha(String content) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("try") // the lock is held for the whole block and never read
  private void takeTheWritersLock() throws KeysException {
    try (TrustDirectory.WriteLock lock =
        new TrustDirectory(root, new PrintWriter(notices)).lockForWrite()) {
      // a writer would write here
    }
  }

  private String content(String rel) throws Exception {
    Path p = root.resolve(rel);
    return Files.exists(p) ? Files.readString(p) : null;
  }

  @Test
  void theNextWriter_undoesTheRestore_andSaysWhatItDid() throws Exception {
    RestoreJournal.write(staging, steps);
    takeTheWritersLock();
    assertEquals("a before", content("private/a.key"));
    assertEquals(null, content("private/b.key"));
    assertEquals("c before", content("private/c.key"));
    assertEquals(null, content("private/d.key"));
    assertFalse(Files.exists(staging), "the staging directory is gone");
    assertEquals(
        "keys: undid an interrupted restore ("
            + staging.getFileName()
            + "): put back 1 replaced file(s),"
            + " removed 1 restored file(s); the trust directory is as it was before it\n",
        notices.toString());
  }

  @Test
  void filesChangedAfterTheRestore_areKept_andNamed() throws Exception {
    RestoreJournal.write(staging, steps);
    Files.writeString(
        root.resolve("private/a.key"), "a changed later"); // by a tool that takes no lock
    Files.delete(root.resolve("private/b.key")); // removed later
    takeTheWritersLock();
    assertEquals("a changed later", content("private/a.key"));
    assertEquals(null, content("private/b.key"));
    assertEquals("c before", content("private/c.key"));
    String said = notices.toString();
    assertTrue(
        said.contains(
            "keys: kept "
                + root.resolve("private/a.key")
                + " as it is: it changed after the interrupted restore\n"),
        said);
    assertTrue(said.contains("put back 0 replaced file(s), removed 0 restored file(s)"), said);
  }

  @Test
  void aJournalItCannotRead_isRefused_withTheCommandThatClearsIt_andNothingIsTouched()
      throws Exception {
    Files.writeString(
        staging.resolve("journal"), "keys-restore-journal 1\nREPLACE private/a.key\n");
    KeysException e = assertThrows(KeysException.class, this::takeTheWritersLock);
    assertEquals(ExitCode.FAILURE, e.exitCode());
    assertEquals(
        "cannot undo the interrupted restore in "
            + staging
            + " safely (its journal is not one this version"
            + " of keys writes): the files it replaced are in "
            + staging.resolve("old")
            + "; copy back what you need,"
            + " then remove it with 'rm -r "
            + staging
            + "' and run the command again",
        e.getMessage());
    assertEquals("a restored", content("private/a.key"));
    assertEquals("b restored", content("private/b.key"));
    assertTrue(Files.exists(staging));
    // the lock was released: after the user's rm -r, writers go on
    try (var walk = Files.walk(staging)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    takeTheWritersLock();
  }

  @Test
  void aReplacedFileWhoseSavedCopyIsGone_isRefused() throws Exception {
    RestoreJournal.write(staging, steps);
    Files.delete(staging.resolve("old/private/a.key"));
    KeysException e = assertThrows(KeysException.class, this::takeTheWritersLock);
    assertTrue(
        e.getMessage()
            .contains(
                "(the saved copy of private/a.key from before the restore is missing or"
                    + " changed)"),
        e.getMessage());
  }

  @Test
  void aCompletedRestore_andOneStoppedBeforeItsJournal_areOnlyCleanedUp() throws Exception {
    takeTheWritersLock(); // no journal: stopped before it changed anything
    assertEquals("b restored", content("private/b.key"));
    assertFalse(Files.exists(staging));
    assertTrue(
        notices.toString().contains("stopped before it changed anything"), notices.toString());
  }

  @Test
  void aJournalNamingAPathOutsideTheTrustDirectory_isRefused() throws Exception {
    Files.writeString(
        staging.resolve("journal"),
        "keys-restore-journal 2\nCREATE - " + sha("x") + " private/../../outside\n");
    KeysException e = assertThrows(KeysException.class, this::takeTheWritersLock);
    assertTrue(e.getMessage().contains("(its journal has a malformed line)"), e.getMessage());
  }
}
