package dev.trustkeys.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.pkcs11.SoftHsmToken;
import dev.trustkeys.cli.Main;
import dev.trustkeys.core.secret.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * keys backup with a key on a (SoftHSM) token: the manifest records it, stderr names it, the
 * archive cannot hold it.
 */
class BackupPkcs11IT {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run keys(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--trust-dir";
    all[1] = dir.resolve("trust").toString();
    System.arraycopy(args, 0, all, 2, args.length);
    Terminal none = dev.trustkeys.core.secret.Terminal.none();
    int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), env, none);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void backup_namesTheTokenKeyOnStderr_andRecordsItInTheManifest() throws Exception {
    SoftHsmToken.create(dir, "backup-token");
    Map<String, String> env = new HashMap<>();
    env.put("KEYS_PKCS11_MODULE", SoftHsmToken.module().toString());
    env.put("KEYS_PKCS11_PIN", SoftHsmToken.USER_PIN);
    env.put("NOTARY_TARGETS_PASSPHRASE", TestKeys.PASSPHRASE);
    Run onToken = keys(env, "generate", "--role", "root", "--pkcs11", "pkcs11:token=backup-token");
    assertEquals(0, onToken.code(), onToken.err());
    Matcher m = Pattern.compile("([0-9a-f]{64})").matcher(onToken.out());
    assertTrue(m.find(), onToken.out());
    String tokenKey = m.group(1);
    Run inFile = keys(env, "generate", "--role", "targets", "--gun", "example.com/hw");
    assertEquals(0, inFile.code(), inFile.err());

    Path archive = dir.resolve("b.tar.gz");
    Run b = keys(env, "backup", "-o", archive.toString());
    assertEquals(0, b.code(), b.err());
    assertTrue(
        b.err()
            .startsWith(
                "keys: warning: root key " + tokenKey.substring(0, 7) + " lives on pkcs11:"),
        b.err());
    assertTrue(b.err().contains("backup-token"), b.err());
    assertTrue(b.out().contains("Backed up 1 key files"), b.out());

    BackupManifest manifest =
        new BackupVerifier(ArchiveLimits.defaults()).verify(archive, null).contents().manifest();
    assertEquals(1, manifest.hardwareKeys().size());
    BackupManifest.HardwareKey h = manifest.hardwareKeys().get(0);
    assertEquals(tokenKey, h.id().hex());
    assertEquals("pkcs11", h.kind());
    assertTrue(
        h.location().startsWith("pkcs11:") && h.location().contains("backup-token"), h.location());
    assertNull(h.fileCopy());
    assertTrue(manifest.files().keySet().stream().noneMatch(p -> p.contains(tokenKey)));
  }
}
