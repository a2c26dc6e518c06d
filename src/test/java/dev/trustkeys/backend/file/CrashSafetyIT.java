package dev.trustkeys.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.KeysRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writers that die or fail half-way, and writers that run at the same time, lose no key. */
class CrashSafetyIT {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");
  @TempDir Path tmp;

  private static KeysRunner keys() {
    return new KeysRunner()
        .fastKdf()
        .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
        .env("NOTARY_TARGETS_PASSPHRASE", "targets-passphrase")
        .env("NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-passphrase")
        .env("NOTARY_DELEGATION_PASSPHRASE", "delegation-passphrase");
  }

  private static Set<String> keyFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("private"))) {
      return s.map(p -> p.getFileName().toString())
          .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"write-before-data", "write-before-fsync", "write-before-rename"})
  void killedWhileWriting_leavesOnlyCompleteKeys_andTheNextRunCleansUp(String point)
      throws Exception {
    Path dir = tmp.resolve("t");
    keys().keys("-d", dir.toString(), "init", "example.com/app").ok();
    Set<String> before = keyFiles(dir);
    Result crashed = keys().fault(point).keys("-d", dir.toString(), "generate", "--role", "root");
    assertEquals(137, crashed.exitCode(), crashed.err());
    Set<String> after = keyFiles(dir);
    Set<String> finals =
        after.stream()
            .filter(n -> n.endsWith(".key") && !n.startsWith("."))
            .collect(Collectors.toSet());
    assertEquals(before, finals, "no half-written file carries a final name");
    assertTrue(
        after.stream().anyMatch(n -> n.contains(AtomicFiles.TMP_MARK)),
        "the leftover is there: " + after);
    Result listed = keys().keys("-d", dir.toString(), "list").ok();
    assertFalse(listed.out().contains("unreadable"), listed.out());
    keys().keys("-d", dir.toString(), "generate", "--role", "targets/next").ok();
    assertTrue(
        keyFiles(dir).stream().noneMatch(n -> n.contains(AtomicFiles.TMP_MARK)),
        "cleaned by the next writer");
    for (String f : keyFiles(dir)) {
      keys().keys("-d", dir.toString(), "export", "--public", f.substring(0, 64)).ok();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"fail:write-before-fsync", "fail:write-before-rename"})
  void aFailedFsyncOrRename_isOneErrorAndChangesNothing(String point) throws Exception {
    Path dir = tmp.resolve("t");
    keys().keys("-d", dir.toString(), "init", "example.com/app").ok();
    Set<String> before = keyFiles(dir);
    Result r = keys().fault(point).keys("-d", dir.toString(), "generate", "--role", "root");
    assertEquals(1, r.exitCode(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("nothing was changed"), r.err());
    assertEquals(before, keyFiles(dir));
  }

  @Test
  void sixteenConcurrentWriters_endWithExactlyTheExpectedKeys() throws Exception {
    Path dir = tmp.resolve("t");
    keys().keys("-d", dir.toString(), "init", "example.com/app").ok();
    Set<String> initial = new HashSet<>(keyFiles(dir));
    String victim = initial.iterator().next().substring(0, 64);
    List<Process> procs = new ArrayList<>();
    List<Path> outs = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      List<String> args =
          i == 0
              ? keys().keysCommand("-d", dir.toString(), "remove", "--yes", victim)
              : keys()
                  .keysCommand(
                      "-d",
                      dir.toString(),
                      "generate",
                      "--role",
                      "targets/w" + i,
                      "--algorithm",
                      "ecdsa");
      Path out = tmp.resolve("out-" + i);
      ProcessBuilder pb =
          new ProcessBuilder(args).redirectOutput(out.toFile()).redirectErrorStream(true);
      pb.environment().put("NOTARY_DELEGATION_PASSPHRASE", "delegation-passphrase");
      pb.environment().put("NOTARY_ROOT_PASSPHRASE", "root-passphrase");
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      procs.add(pb.start());
      outs.add(out);
    }
    Set<String> expected = new HashSet<>(initial);
    expected.remove(victim + ".key");
    for (int i = 0; i < procs.size(); i++) {
      assertTrue(procs.get(i).waitFor(120, TimeUnit.SECONDS));
      String out = Files.readString(outs.get(i));
      assertEquals(0, procs.get(i).exitValue(), out);
      if (i > 0) {
        Matcher m = ID.matcher(out);
        assertTrue(m.find(), out);
        expected.add(m.group() + ".key");
      }
    }
    assertEquals(
        expected,
        keyFiles(dir).stream().filter(n -> !n.startsWith(".")).collect(Collectors.toSet()));
    assertEquals(3 - 1 + 15, expected.size());
    for (String f : expected) {
      keys().keys("-d", dir.toString(), "export", "--public", f.substring(0, 64)).ok();
    }
  }
}
