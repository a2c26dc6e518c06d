package dev.trustkeys.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.io.Jna;
import dev.trustkeys.testing.KeysRunner;
import dev.trustkeys.testing.KeysRunner.Result;
import dev.trustkeys.testing.Strace;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user (or an attacker with the user's environment) cannot weaken, and what an attacker next
 * to the process cannot get: the shipped jar takes no KDF or fault knob and bin/keys refuses them;
 * a command that handles secrets cannot dump core; every file keys creates is private from the
 * system call that creates it (checked on the system calls themselves, with strace, under umask
 * 000).
 */
class ProcessHardeningIT {
  private static final Pattern ID = Pattern.compile("\\b[0-9a-f]{64}\\b");
  private static final String PASS = "delegation-passphrase";

  /**
   * A file or directory of JNA's extraction: keys's private directory ({@link Jna}), or JNA's file.
   */
  private static final Pattern JNA_EXTRACTION = Pattern.compile("keys-jna-|jna[0-9]+\\.tmp");

  @TempDir Path tmp;

  private static int iterationsOf(Path keyFile) throws Exception {
    String pem = Files.readString(keyFile);
    String b64 = pem.substring(pem.indexOf("\n\n") + 2, pem.indexOf("-----END")).replace("\n", "");
    ASN1Sequence epki =
        ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(Base64.getDecoder().decode(b64)));
    ASN1Sequence pbes2 =
        ASN1Sequence.getInstance(ASN1Sequence.getInstance(epki.getObjectAt(0)).getObjectAt(1));
    ASN1Sequence kdf = ASN1Sequence.getInstance(pbes2.getObjectAt(0));
    return ASN1Integer.getInstance(ASN1Sequence.getInstance(kdf.getObjectAt(1)).getObjectAt(1))
        .intValueExact();
  }

  private static Path onlyKey(Path trust) throws Exception {
    try (var s = Files.list(trust.resolve("private"))) {
      return s.filter(p -> p.toString().endsWith(".key")).findFirst().orElseThrow();
    }
  }

  @Test
  void theShippedJar_takesNoKnob_newKeysHaveSixHundredThousandIterations() throws Exception {
    Path trust = tmp.resolve("trust");
    Result r =
        new KeysRunner()
            .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase")
            .jvm("-Dkeys.kdf.iterations=2048")
            .jvm("-Dkeys.fault=write-before-rename")
            .keys("-d", trust.toString(), "generate", "--role", "root");
    assertEquals(0, r.exitCode(), "the fault point is not reachable in the jar: " + r);
    assertEquals(600_000, iterationsOf(onlyKey(trust)));
  }

  @Test
  void binKeys_refusesKnobsThatWeakenIt() throws Exception {
    Path binKeys = KeysRunner.jar().getParent().getParent().resolve("bin/keys");
    Files.createDirectories(
        tmp.resolve("trust")); // an empty trust directory: `list` succeeds without the knobs
    for (String knob :
        List.of("-Dkeys.kdf.iterations=1", "-Xmx256m -Dkeys.fault=write-before-rename")) {
      Result r =
          new KeysRunner()
              .env("KEYS_JAVA_OPTS", knob)
              .command(binKeys.toString(), "-d", tmp.resolve("trust").toString(), "list");
      assertEquals(2, r.exitCode(), knob + ": " + r);
      assertEquals(
          "keys: KEYS_JAVA_OPTS sets -Dkeys.kdf.* or -Dkeys.fault, which keys does not accept (new keys"
              + " always take 600,000 PBKDF2 iterations; fault points are for tests only): remove them from"
              + " KEYS_JAVA_OPTS\n",
          r.err());
    }
    Result ok =
        new KeysRunner()
            .env("KEYS_JAVA_OPTS", "-Xmx256m")
            .command(binKeys.toString(), "-d", tmp.resolve("trust").toString(), "list");
    assertEquals(0, ok.exitCode(), ok.toString());
  }

  private String generateDelegationKey(Path trust) {
    return KeysRunner.generateDelegationKey(trust, PASS);
  }

  @Test
  void aCommandHoldingADecryptedKey_cannotDumpCore() throws Exception {
    Path trust = tmp.resolve("trust");
    String id = generateDelegationKey(trust);
    Path newPass = Files.writeString(tmp.resolve("new"), "a-new-passphrase\n");
    // from inside: not dumpable, at the moment the key is decrypted and re-encrypted
    Result probe =
        new KeysRunner()
            .fastKdf()
            .fault("probe:update-before-lock")
            .env("NOTARY_DELEGATION_PASSPHRASE", PASS)
            .keys("-d", trust.toString(), "passwd", id, "--new-passphrase-file", newPass.toString())
            .ok();
    assertTrue(probe.err().contains("keys: at update-before-lock: dumpable=false"), probe.err());
    // from outside: the core file size limit of the running process
    List<String> cmd =
        new KeysRunner()
            .fastKdf()
            .fault("pause:update-before-lock")
            .keysCommand(
                "-d",
                trust.toString(),
                "--passphrase-file",
                newPass.toString(),
                "passwd",
                id,
                "--new-passphrase-file",
                newPass.toString());
    Process p = new KeysRunner().start(cmd);
    try {
      BufferedReader err =
          new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
      String line = err.readLine();
      assertEquals("keys: paused at update-before-lock", line);
      String limits = Files.readString(Path.of("/proc/" + p.pid() + "/limits"));
      assertTrue(
          limits.lines().anyMatch(l -> l.matches("Max core file size\\s+0\\s+0\\s+bytes\\s*")),
          limits);
    } finally {
      p.destroyForcibly();
      p.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /**
   * bin/keys points JNA at the copy of its native part the build made (target/native): a command
   * loads that file, extracts nothing, and still turns core dumps off. Checked on the system calls,
   * with strace.
   */
  @Test
  void binKeys_loadsJnasNativePartFromTheBuild_extractsNothing_andTurnsCoreDumpsOff()
      throws Exception {
    Path trust = tmp.resolve("trust");
    String id = generateDelegationKey(trust);
    Path message = Files.writeString(tmp.resolve("message"), "signed through bin/keys\n");
    Path checkout = KeysRunner.jar().getParent().getParent();
    assertTrue(
        Files.isRegularFile(checkout.resolve("target/native/libjnidispatch.so")),
        "the build copied no JNA native library into target/native");
    Path traces = Files.createDirectories(tmp.resolve("traces"));
    Result r =
        new KeysRunner()
            .env("NOTARY_DELEGATION_PASSPHRASE", PASS)
            .command(
                Strace.straced(
                    traces,
                    "open,openat,creat,mkdir,mkdirat,prctl,setrlimit,prlimit64",
                    List.of(
                        checkout.resolve("bin/keys").toString(),
                        "-d",
                        trust.toString(),
                        "sign",
                        "--key",
                        id,
                        message.toString())));
    assertEquals(0, r.exitCode(), r.toString());
    String calls = Strace.systemCalls(traces);
    assertTrue(
        Pattern.compile("openat\\(AT_FDCWD, \"[^\"]*/target/native/libjnidispatch\\.so\", O_RDONLY")
            .matcher(calls)
            .find(),
        "JNA did not load the build's copy of its native part:\n" + calls);
    assertFalse(
        JNA_EXTRACTION.matcher(calls).find(),
        "JNA extracted its native part although bin/keys pointed it at the build's copy:\n"
            + calls);
    assertTrue(
        calls.contains("RLIMIT_CORE, {rlim_cur=0, rlim_max=0}, NULL) = 0"),
        "the core file size limit was not set to 0:\n" + calls);
    assertTrue(
        calls.contains("prctl(PR_SET_DUMPABLE, SUID_DUMP_DISABLE) = 0"),
        "the process was not made undumpable:\n" + calls);
  }

  /**
   * A JNA library in the boot path that does not load (one made for another machine) is not
   * replaced by one extracted into JNA's default directory, which another user could write to under
   * umask 000: the command runs on, as wherever JNA cannot load.
   */
  @Test
  void aBootLibraryThatDoesNotLoad_makesJnaExtractNothing_andTheCommandRunsOn() throws Exception {
    Path trust = tmp.resolve("trust");
    String id = generateDelegationKey(trust);
    Path message = Files.writeString(tmp.resolve("message"), "signed all the same\n");
    Path boot = unloadableBootPath();
    Path traces = Files.createDirectories(tmp.resolve("traces"));
    Result r =
        new KeysRunner()
            .env("NOTARY_DELEGATION_PASSPHRASE", PASS)
            .command(
                Strace.straced(
                    traces,
                    "open,openat,creat,mkdir,mkdirat",
                    new KeysRunner()
                        .jvm("-Djna.boot.library.path=" + boot)
                        .keysCommand(
                            "-d", trust.toString(), "sign", "--key", id, message.toString())));
    assertEquals(0, r.exitCode(), r.toString());
    String calls = Strace.systemCalls(traces);
    assertTrue(
        calls.contains(boot + "/libjnidispatch.so\""), "JNA did not try the boot path:\n" + calls);
    assertFalse(
        JNA_EXTRACTION.matcher(calls).find(),
        "JNA extracted its native part when the boot path's did not load:\n" + calls);
  }

  /**
   * {@code keys list} with a recorded PKCS#11 token loads JNA without turning core dumps off (a
   * listing decrypts nothing): its native part is still extracted only into a private directory,
   * never into JNA's default one (created 0666 less the umask, here 000), and JNA runs no {@code
   * ldconfig}. Run as {@code java -cp keys.jar}, without bin/keys's copy of the library, under
   * umask 000; the token is one of simulator/softhsm's.
   */
  @Test
  void listingARecordedToken_extractsJnaOnlyPrivately_andRunsNoLdconfig() throws Exception {
    Path hsm = tmp.resolve("hsm");
    Map<String, String> env = softHsmUp(hsm);
    try {
      Path trust = tmp.resolve("trust");
      tokenKey(trust, env);
      Path traces = Files.createDirectories(tmp.resolve("traces"));
      KeysRunner listing = new KeysRunner().umask("000");
      env.forEach(listing::env);
      Result list =
          listing.command(
              Strace.straced(
                  traces,
                  "open,openat,creat,mkdir,mkdirat,execve",
                  new KeysRunner().keysCommand("-d", trust.toString(), "list")));
      assertEquals(0, list.exitCode(), list.toString());
      assertTrue(list.out().contains("example.com/token"), list.out());
      String calls = Strace.systemCalls(traces);
      Matcher extracted =
          Pattern.compile("\"([^\"]*)/jna[0-9]+\\.tmp\", O_[A-Z|]*O_CREAT").matcher(calls);
      boolean loaded = false;
      while (extracted.find()) {
        loaded = true;
        String parent = extracted.group(1);
        assertTrue(
            parent.matches(".*/keys-jna-[0-9]+")
                && Pattern.compile(
                        "mkdir(?:at)?\\((?:AT_FDCWD, )?\"" + Pattern.quote(parent) + "\", 0700")
                    .matcher(calls)
                    .find(),
            "JNA extracted its native part outside a private directory: " + extracted.group());
      }
      // without bin/keys's copy, JNA extracts its native part to load the module: the check above
      // ran
      assertTrue(
          loaded, "the listing loaded no JNA: the test no longer sees the token used\n" + calls);
      assertFalse(calls.contains("ldconfig"), "JNA ran ldconfig:\n" + calls);
    } finally {
      softHsmDown(hsm);
    }
  }

  /**
   * Where JNA cannot load at all (here a boot-path library that is not one), a command that needs a
   * token fails in one line, with the token back end's exit code, not with a Java stack trace.
   */
  @Test
  void aTokenCommand_whereJnaCannotLoad_failsInOneLine() throws Exception {
    Path hsm = tmp.resolve("hsm");
    Map<String, String> env = softHsmUp(hsm);
    try {
      Path trust = tmp.resolve("trust");
      String id = tokenKey(trust, env);
      Path message = Files.writeString(tmp.resolve("message"), "never signed\n");
      Path boot = unloadableBootPath();
      for (List<String> c :
          List.of(
              List.of("-d", trust.toString(), "sign", "--key", id, message.toString()),
              List.of("-d", trust.toString(), "tokens"),
              List.of("-d", trust.toString(), "list"))) {
        KeysRunner keys = new KeysRunner().jvm("-Djna.boot.library.path=" + boot);
        env.forEach(keys::env);
        Result r = keys.keys(c.toArray(new String[0]));
        assertTrue(r.exitCode() != 0 && r.exitCode() != 1, c + ": " + r);
        List<String> lines =
            r.err()
                .lines()
                .filter(l -> !l.contains("VM warning") && !l.contains("execstack"))
                .toList();
        assertEquals(1, lines.size(), c + ": " + r);
        assertTrue(lines.get(0).startsWith("keys: ") && lines.get(0).contains("JNA"), c + ": " + r);
      }
    } finally {
      softHsmDown(hsm);
    }
  }

  /** A SoftHSM token of simulator/softhsm in {@code dir}; returns the environment it prints. */
  private static Map<String, String> softHsmUp(Path dir) {
    Path checkout = KeysRunner.jar().getParent().getParent();
    Result up =
        new KeysRunner()
            .command(checkout.resolve("simulator/softhsm").toString(), "up", dir.toString());
    assertEquals(0, up.exitCode(), up.toString());
    Map<String, String> env = new HashMap<>();
    Matcher export = Pattern.compile("(?m)^export ([A-Z0-9_]+)='([^']*)'$").matcher(up.out());
    while (export.find()) {
      env.put(export.group(1), export.group(2));
    }
    assertTrue(env.containsKey("SOFTHSM2_CONF"), up.out());
    return env;
  }

  private static void softHsmDown(Path dir) {
    Path checkout = KeysRunner.jar().getParent().getParent();
    new KeysRunner()
        .command(checkout.resolve("simulator/softhsm").toString(), "down", dir.toString());
  }

  /** Makes a key on the token of {@code env}, recorded in {@code trust}; returns its ID. */
  private static String tokenKey(Path trust, Map<String, String> env) throws Exception {
    KeysRunner withToken = new KeysRunner();
    env.forEach(withToken::env);
    Result made =
        withToken.keys(
            "-d",
            trust.toString(),
            "generate",
            "--role",
            "targets",
            "--gun",
            "example.com/token",
            "--pkcs11",
            "pkcs11:token=keys-sim");
    assertEquals(0, made.exitCode(), made.toString());
    assertTrue(Files.exists(trust.resolve("pkcs11-tokens.json")), "the token was not recorded");
    Matcher id = ID.matcher(made.out());
    assertTrue(id.find(), made.out());
    return id.group();
  }

  /**
   * A directory for {@code jna.boot.library.path} whose JNA library is not one (as a copy made for
   * another machine would fail to load).
   */
  private Path unloadableBootPath() throws Exception {
    Path boot = Files.createDirectories(tmp.resolve("boot"));
    Files.writeString(boot.resolve(Jna.nativeLibraryName()), "not a shared library\n");
    return boot;
  }

  @Test
  void everyFileAndDirectoryKeysCreates_isPrivateFromItsFirstSystemCall_underUmask000()
      throws Exception {
    Path trust = tmp.resolve("trust");
    Path out = tmp.resolve("out");
    Path log = tmp.resolve("strace");
    Files.createDirectories(log);
    String id = generateDelegationKey(tmp.resolve("seed"));
    Path pem = out.resolve("export/k.pem");
    Path newPass = Files.writeString(tmp.resolve("new"), "a-new-passphrase\n");
    List<List<String>> commands =
        List.of(
            List.of("-d", tmp.resolve("seed").toString(), "export", id, "-o", pem.toString()),
            List.of("-d", trust.toString(), "import", pem.toString()),
            List.of("-d", trust.toString(), "generate", "--role", "targets/other"),
            List.of(
                "-d", trust.toString(), "passwd", id, "--new-passphrase-file", newPass.toString()),
            List.of("-d", trust.toString(), "backup", "-o", out.resolve("b.tar.gz").toString()),
            List.of(
                "-d",
                tmp.resolve("restored").toString(),
                "restore",
                out.resolve("b.tar.gz").toString()),
            List.of("-d", trust.toString(), "remove", "--yes", id));
    List<String> created = new ArrayList<>();
    int n = 0;
    for (List<String> c : commands) {
      Path trace = log.resolve("trace" + n++);
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  "strace",
                  "-f",
                  "-qq",
                  "-e",
                  "trace=open,openat,creat,mkdir,mkdirat",
                  "-o",
                  trace.toString()));
      cmd.addAll(new KeysRunner().fastKdf().jvm("-XX:-UsePerfData").keysCommand(c));
      Result r =
          new KeysRunner()
              .umask("000")
              .env("NOTARY_DELEGATION_PASSPHRASE", PASS)
              .command(cmd.toArray(new String[0]));
      assertEquals(0, r.exitCode(), c + ": " + r);
      List<String> lines = Files.readAllLines(trace);
      for (String line : lines) {
        boolean file = line.contains("O_CREAT");
        boolean dir = line.contains("mkdir");
        if ((file || dir)
            && (line.contains(tmp + "/trust")
                || line.contains(tmp + "/out")
                || line.contains(tmp + "/restored"))) {
          created.add(c.get(2) + ": " + line.substring(line.indexOf(' ') + 1));
        }
        // JNA's native part (loaded to turn core dumps off) is extracted into a directory only this
        // user may enter
        Matcher jna = Pattern.compile("\"(.*/)jna[0-9]+\\.tmp\", O_[A-Z|]*O_CREAT").matcher(line);
        if (jna.find()) {
          String parent = jna.group(1).substring(0, jna.group(1).length() - 1);
          assertTrue(
              parent.matches(".*/keys-jna-[0-9]+")
                  && lines.stream()
                      .anyMatch(
                          l ->
                              l.contains("mkdir(\"" + parent + "\", 0700")
                                  || l.contains(
                                      "mkdirat(AT_FDCWD, \""
                                          + parent
                                          + "\", 0700")), // "<unfinished ...>" under -f
              c.get(2) + ": JNA extracted its library outside a private directory: " + line);
        }
      }
    }
    assertTrue(created.size() >= 10, "the trace saw the files being created: " + created);
    List<String> wide = new ArrayList<>();
    Pattern modeOf =
        Pattern.compile("(?:O_CREAT[^,]*|mkdir(?:at)?\\((?:AT_FDCWD, )?\"[^\"]*\"), (0[0-7]+)");
    for (String c : created) {
      Matcher m = modeOf.matcher(c);
      assertTrue(m.find(), "a creation with its mode: " + c);
      int mode = Integer.parseInt(m.group(1), 8);
      if ((mode & 077) != 0) {
        wide.add(c);
      }
    }
    assertEquals(List.of(), wide, "created readable by others, if only until a chmod");
    assertFalse(created.isEmpty());
  }
}
