package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `keys list` loads, from the JVM's own class-loading log: the start-up work docs/performance.md describes
 * stays off the listing path. A class that creeps back (picocli, a crypto provider, a regex, a stream, a lambda
 * spun at run time, another command's class) costs milliseconds of every listing; this test names it.
 */
class StartupClassesIT {
  @TempDir Path tmp;

  private static final List<String> FORBIDDEN =
      List.of(
          "picocli.", // the fast path never builds picocli's model
          "org.bouncycastle.", // listing decrypts nothing
          "javax.crypto.",
          "java.security.Signature",
          "sun.security.ec.",
          "java.util.regex.", // names, roles and escapes are checked by hand
          "java.util.stream.",
          "$$Lambda", // lambdas and method references are spun at run time
          "LambdaForm$MH/",
          "com.sun.jna."); // no YubiKey library unless pcscd runs

  @Test
  void list_loadsNoneOfTheClassesItDoesNotNeed() throws Exception {
    KeysRunner keys = new KeysRunner().fastKdf().env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
        .env("NOTARY_TARGETS_PASSPHRASE", "targets-passphrase")
        .env("PCSCLITE_CSOCK_NAME", tmp.resolve("no-pcscd.comm").toString());
    Path trust = tmp.resolve("trust");
    assertEquals(0, keys.keys("-d", trust.toString(), "generate", "--role", "root").exitCode());
    assertEquals(0, keys.keys("-d", trust.toString(), "generate", "--role", "targets", "--gun", "example.com/a").exitCode());
    Path log = tmp.resolve("classes.log");
    // the listing itself by the jar as shipped (the keys above were made through the test entry point)
    KeysRunner.Result r = new KeysRunner().env("PCSCLITE_CSOCK_NAME", tmp.resolve("no-pcscd.comm").toString())
        .jvm("-Xlog:class+load:file=" + log).keys("-d", trust.toString(), "list");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("example.com/a"), r.out());

    List<String> loaded = new ArrayList<>();
    Matcher m = Pattern.compile("\\[class,load\\] (\\S+)").matcher(Files.readString(log));
    while (m.find()) {
      loaded.add(m.group(1));
    }
    assertTrue(loaded.contains("dev.trustkeys.cli.ListCommand"), "the log holds the listing's classes");
    List<String> unwanted = new ArrayList<>();
    for (String c : loaded) {
      boolean command = c.startsWith("dev.trustkeys.cli.") && c.endsWith("Command")
          && !c.equals("dev.trustkeys.cli.KeysCommand") && !c.equals("dev.trustkeys.cli.ListCommand");
      if (command || FORBIDDEN.stream().anyMatch(c::contains)) {
        unwanted.add(c);
      }
    }
    assertEquals(List.of(), unwanted, "keys list loaded classes it does not need");
  }
}
