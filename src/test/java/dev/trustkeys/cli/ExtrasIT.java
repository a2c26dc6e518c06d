package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What the build generates (completion script, man pages) and what bin/install-extras installs,
 * used for real.
 */
class ExtrasIT {
  private static final Path TARGET = KeysRunner.jar().getParent();
  @TempDir Path tmp;

  /** Runs bash's completion for the words typed so far (the last one is being completed). */
  private static String complete(Path script, String... words) {
    String array = Stream.of(words).map(w -> "'" + w + "'").collect(Collectors.joining(" "));
    String line = String.join(" ", words);
    String prev = words.length > 1 ? words[words.length - 2] : "";
    String bash =
        "source '"
            + script
            + "'; COMP_WORDS=("
            + array
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE='"
            + line
            + "'; COMP_POINT="
            + line.length()
            + "; "
            + "f=$(complete -p keys | sed -E 's/.* -F ([^ ]+).*/\\1/'); $f keys '"
            + words[words.length - 1]
            + "' '"
            + prev
            + "' 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
    return new KeysRunner().command("bash", "-c", bash).ok().out();
  }

  @Test
  void bashCompletion_completesCommandsSubcommandsAndOptions() {
    Path script = TARGET.resolve("completion/keys");
    assertEquals("generate\n", complete(script, "keys", "ge"));
    assertEquals("doctor\n", complete(script, "keys", "doc"));
    assertEquals("plan\npublish\n", complete(script, "keys", "ceremony", "p"));
    assertEquals("--algorithm\n", complete(script, "keys", "generate", "--alg"));
    assertEquals(
        "--allow-last-pin-try\n--algorithm\n", complete(script, "keys", "generate", "--al"));
  }

  @Test
  void zsh_loadsTheSameScript_throughBashcompinit() throws Exception {
    String s = Files.readString(TARGET.resolve("completion/keys"));
    assertTrue(
        s.contains("ZSH_VERSION") && s.contains("bashcompinit"), "the script sets zsh up itself");
    String fromCommand = new KeysRunner().keys("completion", "zsh").ok().out();
    assertEquals(s, fromCommand, "keys completion prints what the build wrote");
  }

  @Test
  void everyCommand_hasAManPage_thatManRendersWithoutWarnings() throws Exception {
    List<String> expected = new ArrayList<>();
    for (CommandLine c : Extras.all(Extras.commandLine())) {
      expected.add(Extras.pageName(c.getCommandSpec()) + ".1");
    }
    assertTrue(
        expected.contains("keys-doctor.1") && expected.contains("keys-ceremony-plan.1"),
        expected.toString());
    TreeSet<String> actual;
    try (Stream<Path> s = Files.list(TARGET.resolve("man"))) {
      actual =
          s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(new TreeSet<>(expected), actual);
    for (String page : expected) {
      KeysRunner.Result r =
          new KeysRunner()
              .env("MANWIDTH", "100")
              .command(
                  "sh",
                  "-c",
                  "groff -man -Tutf8 -ww -z '"
                      + TARGET.resolve("man/" + page)
                      + "' 2>&1; man -l '"
                      + TARGET.resolve("man/" + page)
                      + "' 2>/dev/null | col -b")
              .ok();
      String name = page.replaceFirst("\\.1$", "");
      assertTrue(
          java.util.regex.Pattern.compile("NAME\n\\s+" + name + "\\s+-\\s").matcher(r.out()).find(),
          page + ":\n" + r.out());
      assertTrue(r.out().contains("SYNOPSIS"), r.out());
      assertTrue(!r.out().contains("warning"), page + ": " + r.out());
    }
  }

  @Test
  void installExtras_installsUnderTheUsersDataDirectory() throws Exception {
    Path bin = TARGET.getParent().resolve("bin/install-extras");
    KeysRunner.Result r = new KeysRunner().env("HOME", tmp.toString()).command(bin.toString()).ok();
    Path share = tmp.resolve(".local/share");
    assertTrue(Files.isRegularFile(share.resolve("bash-completion/completions/keys")), r.out());
    assertTrue(
        Files.isRegularFile(share.resolve("zsh/site-functions/keys-completion.zsh")), r.out());
    assertTrue(Files.isRegularFile(share.resolve("man/man1/keys-doctor.1")), r.out());
    assertEquals(
        "generate\n", complete(share.resolve("bash-completion/completions/keys"), "keys", "ge"));
    // ~/.local/bin is not on this PATH, so man-db does not look in ~/.local/share/man: the advice
    // printed works
    Matcher advice =
        Pattern.compile("\\(or run now: (MANPATH=\"([^\"]*)\") man keys-doctor\\)")
            .matcher(r.out());
    assertTrue(advice.find(), r.out());
    assertEquals(share.resolve("man") + ":", advice.group(2));
    assertNotEquals(
        0,
        new KeysRunner().env("HOME", tmp.toString()).command("man", "-w", "keys-doctor").exitCode(),
        "precondition: man does not find it without MANPATH");
    KeysRunner.Result found =
        new KeysRunner()
            .env("HOME", tmp.toString())
            .env("MANPATH", advice.group(2))
            .command("man", "-w", "keys-doctor")
            .ok();
    assertEquals(share.resolve("man/man1/keys-doctor.1").toString(), found.out().trim());
    // with ~/.local/bin on PATH man finds the pages itself, and install-extras says so
    Files.createDirectories(tmp.resolve(".local/bin"));
    KeysRunner.Result onPath =
        new KeysRunner()
            .env("HOME", tmp.toString())
            .env("PATH", tmp.resolve(".local/bin") + ":" + System.getenv("PATH"))
            .command(bin.toString())
            .ok();
    assertTrue(onPath.out().contains("man pages: try 'man keys-doctor'"), onPath.out());
  }

  @Test
  void bashCompletion_offersRolesAlgorithmsModules_andTheTrustDirectorysKeyIds() throws Exception {
    Path script = TARGET.resolve("completion/keys");
    assertEquals(
        "targets\ntargets/\ntimestamp\n",
        sorted(complete(script, "keys", "generate", "--role", "t")));
    assertEquals("root\n", complete(script, "keys", "list", "--role", "r"));
    assertEquals("rsa2048\nrsa4096\n", sorted(complete(script, "keys", "generate", "-a", "rsa")));
    assertEquals("softhsm2\n", complete(script, "keys", "--module", "so"));
    Path trust = tmp.resolve("trust");
    Files.createDirectories(trust.resolve("private"));
    String a = "1a2b3c" + "0".repeat(58);
    String b = "1a2bff" + "0".repeat(58);
    Files.writeString(trust.resolve("private/" + a + ".key"), "");
    Files.writeString(trust.resolve("private/" + b + ".key"), "");
    Files.writeString(trust.resolve("private/notes.txt"), "");
    assertEquals(
        a + "\n" + b + "\n",
        sorted(complete(script, "keys", "-d", trust.toString(), "remove", "1a2")));
    assertEquals(
        a + "\n",
        complete(script, "keys", "--trust-dir=" + trust, "export", "-o", "x.pem", b, "1a2b3"));
    assertEquals(
        b + "\n", complete(script, "keys", "-d", trust.toString(), "sign", "--key", "1a2bf"));
    assertEquals(
        a + "\n" + b + "\n",
        sorted(complete(script, "keys", "-d", trust.toString(), "ceremony", "sign", "-k", "")));
    assertEquals(
        "--yes\n",
        complete(script, "keys", "-d", trust.toString(), "remove", "--ye"),
        "options still complete");
  }

  private static String sorted(String lines) {
    return Stream.of(lines.split("\n")).sorted().collect(Collectors.joining("\n", "", "\n"));
  }

  @Test
  void manPages_haveEnvironmentAndExamples_andLeaveTheGlobalOptionsToKeys1() throws Exception {
    String page =
        new KeysRunner()
            .env("MANWIDTH", "200")
            .command(
                "sh",
                "-c",
                "man -l '" + TARGET.resolve("man/keys-sign.1") + "' 2>/dev/null | col -b")
            .ok()
            .out();
    assertTrue(page.contains("ENVIRONMENT") && page.contains("NOTARY_ROOT_PASSPHRASE"), page);
    assertTrue(
        page.contains("EXAMPLES") && page.contains("keys sign --key 1a2b3c4 payload.json"), page);
    assertTrue(page.contains("Global options (described in keys(1)): -d/--trust-dir DIR"), page);
    assertTrue(
        !page.contains("Trust directory (default"), "no global option described here:\n" + page);
  }
}
