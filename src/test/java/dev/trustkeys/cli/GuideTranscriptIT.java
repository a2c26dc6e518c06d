package dev.trustkeys.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.NotaryServerProcess;
import dev.trustkeys.testing.TestCa;
import dev.trustkeys.testing.TokenIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every guide in docs/guides, followed as a new user would: the commands of its {@code ```console}
 * blocks run in order, each in bash, in a fresh HOME, with {@code ~/keys} a link to this source
 * tree and {@code ~/keys/bin} on the PATH. {@code keys} itself is a script first on the PATH that
 * runs the packaged jar through the test entry point, with new keys at 2,048 PBKDF2 iterations and
 * the C1 compiler only, for speed (bin/keys refuses such knobs). Variables exported and directories
 * changed carry over from one command to the next.
 *
 * <p>Transcript syntax: {@code $ command} (a trailing backslash continues it), then the expected
 * output (standard output and error together): each line must match in order; {@code ...} inside a
 * line matches any text, a line that is only {@code ...} matches any number of lines; no lines
 * means no output. {@code [exit N]} expects that exit status (default 0). A {@code <!-- console ...
 * -->} comment holds steps that run but are not shown (preparing the state a guide starts from,
 * e.g. keys Docker made earlier). {@code https://notary.example.com} is replaced by a notary-server
 * started on 127.0.0.1 for the guide. {@code notary.corp.example.com} is replaced by the {@code
 * 127.0.0.1:PORT} of a private Notary server: HTTPS with a certificate from a test CA (its
 * certificate in {@code $GUIDE_NOTARY_CA}) and token authentication, user {@code alice} with
 * password {@code correct-horse-battery}.
 */
class GuideTranscriptIT {
  private static final Path GUIDES = Path.of("docs/guides").toAbsolutePath();
  private static final String SERVER = "https://notary.example.com";
  private static final String PRIVATE = "notary.corp.example.com";
  private static NotaryServerProcess server;
  private static NotaryServerProcess privateServer;
  private static TokenIssuer issuer;
  @TempDir static Path tmp;

  record Step(String guide, int line, String command, List<String> expected, int exit) {}

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
    if (privateServer != null) {
      privateServer.close();
    }
    if (issuer != null) {
      issuer.close();
    }
  }

  /** The private server (TLS from a test CA, token authentication), started once. */
  private static NotaryServerProcess privateServer() throws Exception {
    if (privateServer == null) {
      TestCa ca = TestCa.create("Example Corp CA");
      issuer =
          TokenIssuer.start(tmp, ca).user("alice", "correct-horse-battery", "pull", "push", "*");
      privateServer =
          NotaryServerProcess.builder(tmp.resolve("private-server"))
              .tls(ca)
              .tokenAuth(issuer)
              .start();
    }
    return privateServer;
  }

  @TestFactory
  Stream<DynamicTest> everyGuide_worksAsWritten() throws IOException {
    List<Path> guides;
    try (Stream<Path> s = Files.list(GUIDES)) {
      guides = s.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
    }
    assertTrue(guides.size() >= Integer.getInteger("guides.min", 6), "guides: " + guides);
    String only = System.getProperty("guide");
    if (only != null) {
      guides.removeIf(g -> !g.getFileName().toString().startsWith(only));
    }
    return guides.stream()
        .map(g -> DynamicTest.dynamicTest(g.getFileName().toString(), () -> follow(g)));
  }

  static List<Step> parse(Path guide) throws IOException {
    List<String> lines = Files.readAllLines(guide);
    List<Step> steps = new ArrayList<>();
    boolean in = false;
    String cmd = null;
    int cmdLine = 0;
    List<String> expected = new ArrayList<>();
    int exit = 0;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!in) {
        in = l.equals("```console") || l.equals("<!-- console");
        continue;
      }
      boolean end = l.equals("```") || l.equals("-->");
      if (end || l.startsWith("$ ")) {
        if (cmd != null) {
          steps.add(new Step(guide.getFileName().toString(), cmdLine, cmd, expected, exit));
        }
        cmd = null;
        expected = new ArrayList<>();
        exit = 0;
        if (end) {
          in = false;
          continue;
        }
        cmdLine = i + 1;
        StringBuilder c = new StringBuilder(l.substring(2));
        while (c.toString().endsWith("\\") && i + 1 < lines.size()) {
          c.append('\n').append(lines.get(++i));
        }
        cmd = c.toString();
      } else if (cmd != null) {
        Matcher m = Pattern.compile("\\[exit (\\d+)\\]").matcher(l);
        if (m.matches()) {
          exit = Integer.parseInt(m.group(1));
        } else {
          expected.add(l);
        }
      }
    }
    assertFalse(in, guide + ": a console block is not closed");
    return steps;
  }

  private static void follow(Path guide) throws Exception {
    List<Step> steps = parse(guide);
    assertFalse(steps.isEmpty(), guide + " has no console blocks");
    String name = guide.getFileName().toString().replace(".md", "");
    Path home = tmp.resolve(name + "/home");
    Path state = tmp.resolve(name + "/state");
    Files.createDirectories(home);
    Files.createDirectories(state);
    Files.createSymbolicLink(home.resolve("keys"), KeysRunner.jar().getParent().getParent());
    Path fast = Files.createDirectories(tmp.resolve(name + "/fast-keys"));
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.writeString(
        fast.resolve("keys"),
        "#!/bin/bash\nexec '"
            + javaBin
            + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " -Dkeys.kdf.iterations=2048 '"
            + String.join("' '", KeysRunner.testEntry())
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(
        fast.resolve("keys"), java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Files.writeString(state.resolve("env"), "");
    Files.writeString(state.resolve("cwd"), home.toString());
    String url = SERVER;
    if (Files.readString(guide).contains(SERVER)) {
      if (server == null) {
        server = NotaryServerProcess.start(tmp);
      }
      url = server.url();
    }
    String privateHost = PRIVATE;
    String guideCa = "";
    if (Files.readString(guide).contains(PRIVATE)) {
      privateHost = privateServer().hostPort();
      guideCa = privateServer().caFile().toString();
    }
    try {
      run(steps, home, state, fast, url, privateHost, guideCa);
    } finally {
      stopSimulators(home);
    }
  }

  /**
   * Stops the virtual YubiKeys a guide started and did not stop (it failed before its {@code
   * yubikey down} step): {@code simulator/yubikey down} stops exactly the processes {@code up}
   * started, by PID.
   */
  private static void stopSimulators(Path home) throws Exception {
    List<Path> dirs;
    try (Stream<Path> s = Files.walk(home, 3)) {
      dirs =
          s.filter(p -> p.getFileName().toString().equals("server.pid"))
              .map(Path::getParent)
              .collect(Collectors.toList());
    }
    for (Path d : dirs) {
      new KeysRunner()
          .env("PATH", System.getenv("PATH"))
          .command(
              home.resolve("keys/simulator/yubikey").toString(), "down", "--dir", d.toString());
    }
  }

  private static void run(
      List<Step> steps,
      Path home,
      Path state,
      Path fast,
      String url,
      String privateHost,
      String guideCa)
      throws Exception {
    final String serverUrl = url;
    final String privateHostPort = privateHost;
    StringBuilder transcript = new StringBuilder();
    for (Step s : steps) {
      String command = s.command().replace(SERVER, url).replace(PRIVATE, privateHost);
      String script =
          "cd \"$(cat '"
              + state.resolve("cwd")
              + "')\" && . '"
              + state.resolve("env")
              + "'\n"
              + "{\n"
              + command
              + "\n} 2>&1\nrc=$?\nexport -p | grep -v -e ' PWD=' -e ' OLDPWD=' -e ' SHLVL=' > '"
              + state.resolve("env")
              + "'\npwd > '"
              + state.resolve("cwd")
              + "'\nexit $rc\n";
      KeysRunner.Result r =
          new KeysRunner()
              .env("HOME", home.toString())
              .env("PATH", fast + ":" + home.resolve("keys/bin") + ":" + System.getenv("PATH"))
              .env("GUIDE_NOTARY_CA", guideCa)
              .command("bash", "-c", script);
      List<String> expected =
          s.expected().stream()
              .map(e -> e.replace(SERVER, serverUrl).replace(PRIVATE, privateHostPort))
              .collect(Collectors.toList());
      transcript.append("$ ").append(command).append('\n').append(r.out());
      String where = s.guide() + ":" + s.line() + " `" + s.command() + "`";
      if (r.exitCode() != s.exit()) {
        throw new AssertionError(
            where
                + ": exit "
                + r.exitCode()
                + ", expected "
                + s.exit()
                + "\n--- output:\n"
                + r.out()
                + r.err()
                + "\n--- transcript so far:\n"
                + transcript);
      }
      List<String> actual = r.out().lines().map(String::stripTrailing).collect(Collectors.toList());
      if (!matches(expected, 0, actual, 0)) {
        throw new AssertionError(
            where
                + ": output does not match\n--- expected:\n"
                + String.join("\n", expected)
                + "\n--- actual:\n"
                + r.out()
                + "\n--- transcript so far:\n"
                + transcript);
      }
    }
  }

  /**
   * Whether expected[i..] matches actual[j..]: "..." lines match any number of lines, "..." in a
   * line any text.
   */
  static boolean matches(List<String> expected, int i, List<String> actual, int j) {
    if (i == expected.size()) {
      return j == actual.size();
    }
    String e = expected.get(i).stripTrailing();
    if (e.equals("...")) {
      for (int k = j; k <= actual.size(); k++) {
        if (matches(expected, i + 1, actual, k)) {
          return true;
        }
      }
      return false;
    }
    return j < actual.size()
        && line(e).matcher(actual.get(j)).matches()
        && matches(expected, i + 1, actual, j + 1);
  }

  static Pattern line(String e) {
    String[] parts = e.split("\\.\\.\\.", -1);
    return Pattern.compile(Stream.of(parts).map(Pattern::quote).collect(Collectors.joining(".*")));
  }
}
