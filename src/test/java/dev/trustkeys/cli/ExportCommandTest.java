package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys export -o FILE}: never replaces a file without {@code --force}, as {@code keys backup
 * -o} does.
 */
class ExportCommandTest {
  @TempDir Path tmp;

  private String keyId(KeysCli keys) {
    KeysCli.Result g = keys.run("generate", "--role", "targets/releases");
    assertEquals(0, g.exit(), g.toString());
    Matcher m = Pattern.compile("[0-9a-f]{64}").matcher(g.out());
    assertTrue(m.find(), g.out());
    return m.group();
  }

  @Test
  void export_toAnExistingFile_isRefusedWithoutForce_andTheFileIsKept() throws Exception {
    KeysCli keys =
        new KeysCli(tmp.resolve("trust"), Map.of("NOTARY_DELEGATION_PASSPHRASE", "delegation-pass"))
            .kdfIterations(2048);
    String id = keyId(keys);
    Path out = Files.writeString(tmp.resolve("notes.txt"), "something else\n");
    KeysCli.Result refused = keys.run("export", id, "-o", out.toString());
    assertEquals(8, refused.exit(), refused.toString());
    assertEquals(
        "keys: " + out + " exists: choose another name, or add --force to replace it\n",
        refused.err());
    assertEquals("something else\n", Files.readString(out));

    KeysCli.Result forced = keys.run("export", id, "-o", out.toString(), "--force");
    assertEquals(0, forced.exit(), forced.toString());
    assertTrue(
        Files.readString(out).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"),
        Files.readString(out));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));

    Path fresh = tmp.resolve("new/dir/k.pem");
    KeysCli.Result made = keys.run("export", id, "-o", fresh.toString());
    assertEquals(0, made.exit(), made.toString());
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.getParent())));
  }
}
