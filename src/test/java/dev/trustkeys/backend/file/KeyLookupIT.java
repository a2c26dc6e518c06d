package dev.trustkeys.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.KeysRunner.Result;
import dev.trustkeys.testing.Strace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signing with one key of many reads that key's own file, not the whole trust directory: checked on
 * the system calls (strace) of {@code keys sign} among 300 keys. Before, a signature read every key
 * file twice (once to find the key, once to unlock it).
 */
class KeyLookupIT {
  private static final String PASS = "a-long-delegation-passphrase";
  private static final Pattern OPENED_KEY =
      Pattern.compile("openat\\(AT_FDCWD, \"[^\"]*/private/([0-9a-f]{64})\\.key\"");

  @TempDir Path tmp;

  @Test
  void signingWithOneKeyOfMany_opensThatKeysFileOnly() throws Exception {
    Path trust = tmp.resolve("trust");
    String id = KeysRunner.generateDelegationKey(trust, PASS);
    Path priv = trust.resolve("private");
    byte[] key = Files.readAllBytes(priv.resolve(id + ".key"));
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 300; i++) {
      byte[] other = new byte[32];
      random.nextBytes(other);
      Files.write(priv.resolve(HexFormat.of().formatHex(other) + ".key"), key);
    }
    Path message = Files.writeString(tmp.resolve("message"), "one of many\n");
    Path traces = Files.createDirectories(tmp.resolve("traces"));
    KeysRunner runner = new KeysRunner().fastKdf().env("NOTARY_DELEGATION_PASSPHRASE", PASS);
    Result r =
        runner.command(
            Strace.straced(
                traces,
                "open,openat",
                runner.keysCommand(
                    "-d", trust.toString(), "sign", "--key", id, message.toString())));
    assertEquals(0, r.exitCode(), r.toString());
    Set<String> opened = new TreeSet<>();
    Matcher o = OPENED_KEY.matcher(Strace.systemCalls(traces));
    while (o.find()) {
      opened.add(o.group(1));
    }
    assertEquals(Set.of(id), opened, "key files opened to sign with one");
  }
}
