package dev.trustkeys.reliability;

import dev.trustkeys.backup.ArchiveLimits;
import dev.trustkeys.backup.BackupVerifier;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.testing.NotaryServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kills {@code keys} at random moments and at its fault points, and checks the trust directory after every run.
 *
 * <p>Each run picks an operation (generate, import, passwd, remove, init, rotate against a local notary-server,
 * backup, restore) and a fault: halt at a fault point ({@code -Dkeys.fault=POINT}, exit 137 as if SIGKILLed
 * there), an injected I/O error ({@code fail:POINT}: a failed fsync or rename), SIGKILL after a random delay, or
 * none. Then it checks, in-process with the real store: every key that existed before (and was not being removed)
 * or that {@code keys} reported on stdout is present and decrypts to the key its name says; every file under a
 * final name is readable and decrypts; metadata under a final name parses; a failed write changed no byte of
 * {@code private/}; a run that succeeds leaves no leftovers of the runs killed before it; every archive
 * reported written verifies. One trust directory lives through all runs, so each run also starts from the debris
 * of the previous ones.
 *
 * <p>Run it alone: {@code bench/crash-harness RUNS [SEED]} (see docs/reliability.md); CI runs a sample through
 * {@link CrashHarnessIT}.
 */
public final class CrashHarness {
  enum Op { GENERATE, IMPORT, PASSWD, REMOVE, INIT, ROTATE, BACKUP, RESTORE }

  enum Fault { NONE, HALT, FAIL, KILL }

  static final List<String> WRITE_POINTS =
      List.of("write-before-data", "write-before-fsync", "write-before-rename", "write-after-rename");
  static final List<String> FAIL_POINTS =
      List.of("write-before-fsync", "write-before-rename", "write-after-rename");
  static final List<String> DELETE_POINTS = List.of("delete-before-unlink", "delete-before-dirsync");
  static final List<String> BACKUP_POINTS = List.of("backup-mid-write", "backup-before-rename");
  static final List<String> RESTORE_POINTS =
      List.of("restore-staged", "restore-journal", "restore-mid-commit", "restore-applied");

  private static final Pattern ID = Pattern.compile("\\b[0-9a-f]{64}\\b");
  /** What each command prints for a key it created (rotate also prints the old IDs: those are not created). */
  private static final Pattern CREATED =
      Pattern.compile("(?:keyID: |Imported: .* key |key created: |key found, using: |-> )([0-9a-f]{64})");
  private static final Map<String, String> PASSPHRASES = Map.of(
      "NOTARY_ROOT_PASSPHRASE", "root-passphrase",
      "NOTARY_TARGETS_PASSPHRASE", "targets-passphrase",
      "NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-passphrase",
      "NOTARY_DELEGATION_PASSPHRASE", "delegation-passphrase");
  private static final List<String> NEW_PASSPHRASES = List.of("new-passphrase-a", "new-passphrase-b");

  private final Path work;
  private final Path jar;
  private final Random random;
  private final Path trust;
  private final TrustDirCheck check;
  private final Set<KeyId> required = new LinkedHashSet<>();
  private final List<Path> goodArchives = new ArrayList<>();
  private final Report report = new Report();
  private String serverUrl;
  private int leftoverDebt;

  CrashHarness(Path work, Path jar, long seed) {
    this.work = work;
    this.jar = jar;
    this.random = new Random(seed);
    this.trust = work.resolve("trust");
    List<String> all = new ArrayList<>(PASSPHRASES.values());
    all.addAll(NEW_PASSPHRASES);
    this.check = new TrustDirCheck(trust, all);
  }

  /** Outcomes per operation and fault, and every broken guarantee (empty when all held). */
  static final class Report {
    final Map<String, Integer> outcomes = new TreeMap<>();
    final List<String> violations = new ArrayList<>();
    int runs;
    int leftoversSeen;
    int leftoversCleaned;
    int archivesVerified;
    int metadataLeftovers;
    long millis;

    void count(String key) {
      outcomes.merge(key, 1, Integer::sum);
    }

    String summary() {
      StringBuilder sb = new StringBuilder();
      sb.append("runs: ").append(runs).append(" in ").append(millis / 1000).append(" s\n");
      sb.append("violations: ").append(violations.size()).append('\n');
      sb.append("runs that left leftovers: ").append(leftoversSeen)
          .append("; leftovers removed by a later successful run: ").append(leftoversCleaned).append('\n');
      sb.append("archives verified: ").append(archivesVerified).append('\n');
      sb.append("metadata-cache temporary files left at the end (ignored by readers, removed once stale): ")
          .append(metadataLeftovers).append('\n');
      sb.append("| operation | fault | outcome | runs |\n|---|---|---|---|\n");
      outcomes.forEach((k, v) -> {
        String[] p = k.split(" ", 3);
        sb.append("| ").append(p[0]).append(" | ").append(p[1]).append(" | ").append(p[2]).append(" | ")
            .append(v).append(" |\n");
      });
      violations.forEach(v -> sb.append("VIOLATION ").append(v).append('\n'));
      return sb.toString();
    }
  }

  /** {@code CrashHarness RUNS SEED WORKDIR [JAR]} */
  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
    Path workDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("keys-crash");
    Path jarPath = Path.of(args.length > 3 ? args[3] : "target/keys.jar").toAbsolutePath();
    System.out.println("seed " + seed + ", work dir " + workDir);
    Report r = new CrashHarness(workDir, jarPath, seed).run(runs);
    System.out.print(r.summary());
    System.exit(r.violations.isEmpty() ? 0 : 1);
  }

  Report run(int runs) throws Exception {
    long start = System.nanoTime();
    try (NotaryServerProcess server = NotaryServerProcess.start(Files.createDirectories(work.resolve("server")))) {
      serverUrl = server.url();
      Child setup = keys(Fault.NONE, null, "init", "example.com/base");
      Child remote = keys(Fault.NONE, null, "init", "example.com/remote", "--server", serverUrl);
      if (setup.exit != 0 || remote.exit != 0) {
        throw new IllegalStateException("setup failed: " + setup.err + remote.err);
      }
      required.addAll(check.keys());
      for (int i = 0; i < runs; i++) {
        runOnce(i);
        if ((i + 1) % 50 == 0) {
          System.err.println("crash harness: " + (i + 1) + " runs, " + report.violations.size() + " violations");
        }
      }
      finish();
    }
    report.millis = (System.nanoTime() - start) / 1_000_000;
    return report;
  }

  private void runOnce(int n) throws Exception {
    Op op = Op.values()[random.nextInt(Op.values().length)];
    if (op == Op.RESTORE && goodArchives.isEmpty()) {
      op = Op.BACKUP;
    }
    // remove and passwd pick delegation keys: the repository keys stay usable for rotate
    List<KeyId> present = check.delegationKeys();
    if ((op == Op.REMOVE || op == Op.PASSWD) && present.isEmpty()) {
      op = Op.GENERATE;
    }
    Fault fault = pickFault(op);
    String point = pointFor(op, fault);
    KeyId target = present.isEmpty() ? null : present.get(random.nextInt(present.size()));
    List<String> args = argsFor(op, n, target);
    Map<String, String> before = check.fingerprint();
    int leftoversBefore = check.leftovers().size();
    Child c = keys(fault, point, args.toArray(new String[0]));
    String ctx = "run " + n + " " + op + " " + fault + (point == null ? "" : " " + point) + " (exit " + c.exit
        + ", stderr: " + c.err.strip() + ")";
    report.runs++;
    report.count(op + " " + fault + " " + outcome(c));

    boolean refused = op == Op.RESTORE && c.exit == 8; // conflicts: refused before anything is written
    if (fault == Fault.HALT && c.exit != 137 && c.exit != 0 && !refused) {
      report.violations.add(ctx + ": a halt point should end the process with 137");
    }
    if ((fault == Fault.NONE || fault == Fault.KILL && !c.killed) && c.exit != 0
        && !refused) {
      report.violations.add(ctx + ": failed without a fault");
    }
    if (fault == Fault.FAIL && c.exit != 0 && !refused) {
      if (c.exit != 1 || c.err.strip().lines().count() != 1 || !c.err.startsWith("keys: ")) {
        report.violations.add(ctx + ": an I/O error must be one 'keys:' line and exit 1");
      }
      if (!point.equals("write-after-rename") && !before.equals(check.fingerprint())) {
        report.violations.add(ctx + ": a failed write changed private/");
      }
    }
    if (op == Op.REMOVE && c.exit == 0 && check.keys().contains(target)) {
      report.violations.add(ctx + ": remove succeeded but the key is still there");
    }
    if (op == Op.REMOVE && !check.keys().contains(target)) {
      required.remove(target);
    }
    Matcher m = CREATED.matcher(c.out);
    while (m.find()) {
      required.add(KeyId.of(m.group(1)));
    }
    verifyKeys(ctx);
    checkLeftovers(op, c, ctx, leftoversBefore);
    checkArchive(op, c, args, ctx);
  }

  private void verifyKeys(String ctx) throws IOException {
    List<KeyId> present = check.keys();
    for (KeyId id : required) {
      if (!present.contains(id)) {
        report.violations.add(ctx + ": key " + id.shortId() + " is lost");
      }
    }
    for (KeyId id : present) {
      check.decrypts(id).ifPresent(why -> report.violations.add(ctx + ": key " + id.shortId() + ": " + why));
    }
    check.unreadable().forEach(u -> report.violations.add(ctx + ": unreadable " + u));
    check.brokenMetadata().forEach(b -> report.violations.add(ctx + ": broken metadata " + b));
  }

  private void checkLeftovers(Op op, Child c, String ctx, int leftoversBefore) throws IOException {
    List<Path> left = check.leftovers();
    boolean writer = op != Op.BACKUP;
    if (c.exit == 0) {
      long tmp = left.stream().filter(p -> p.startsWith(trust.resolve("private"))).count();
      long staging = left.stream().filter(p -> p.getFileName().toString().startsWith(".keys-restore-")).count();
      if (writer && op != Op.RESTORE && tmp > 0) {
        report.violations.add(ctx + ": a successful write left temporary files in private/: " + left);
      }
      if ((op == Op.BACKUP || op == Op.RESTORE) && staging > 0) {
        report.violations.add(ctx + ": a successful backup/restore left a staging directory: " + left);
      }
      if (leftoverDebt > 0 && left.stream().noneMatch(p -> !p.startsWith(trust.resolve("tuf")))) {
        report.leftoversCleaned += leftoverDebt;
        leftoverDebt = 0;
      }
      if (op == Op.BACKUP || op == Op.RESTORE) {
        // Recovery of interrupted restores has run: whatever is present now stays.
        required.addAll(check.keys());
      }
    } else if (left.size() > leftoversBefore) {
      report.leftoversSeen++;
      leftoverDebt++;
    }
  }

  private void checkArchive(Op op, Child c, List<String> args, String ctx) {
    if (op != Op.BACKUP) {
      return;
    }
    Path archive = Path.of(args.get(args.indexOf("-o") + 1));
    if (Files.exists(archive)) {
      try {
        new BackupVerifier(ArchiveLimits.defaults()).verify(archive, null);
        report.archivesVerified++;
        goodArchives.add(archive);
      } catch (KeysException e) {
        report.violations.add(ctx + ": the archive under its final name does not verify: " + e.getMessage());
      }
    } else if (c.exit == 0) {
      report.violations.add(ctx + ": backup succeeded but wrote no archive");
    }
  }

  /** A last clean writer run and backup: no leftovers at all, every required key there. */
  private void finish() throws Exception {
    int before = check.leftovers().size();
    Child g = keys(Fault.NONE, null, "generate", "--role", "targets/final");
    Child b = keys(Fault.NONE, null, "backup", "-o", work.resolve("final.tar.gz").toString());
    String ctx = "final clean runs (exit " + g.exit + "/" + b.exit + ")";
    if (g.exit != 0 || b.exit != 0) {
      report.violations.add(ctx + ": " + g.err + b.err);
    }
    Matcher m = ID.matcher(g.out);
    if (m.find()) {
      required.add(KeyId.of(m.group()));
    }
    verifyKeys(ctx);
    Path tuf = trust.resolve("tuf");
    report.metadataLeftovers = (int) check.leftovers().stream().filter(p -> p.startsWith(tuf)).count();
    List<Path> left = check.leftovers().stream().filter(p -> !p.startsWith(tuf)).toList();
    if (!left.isEmpty()) {
      report.violations.add(ctx + ": leftovers after clean runs: " + left);
    } else {
      report.leftoversCleaned += leftoverDebt;
      leftoverDebt = 0;
    }
    if (before > 0 && !left.isEmpty()) {
      report.violations.add(ctx + ": leftovers were not cleaned");
    }
  }

  private Fault pickFault(Op op) {
    int r = random.nextInt(100);
    if (r < 10) {
      return Fault.NONE;
    }
    if (r < 50) {
      return Fault.KILL;
    }
    if (r < 65 && op != Op.BACKUP && op != Op.RESTORE && op != Op.REMOVE) {
      return Fault.FAIL;
    }
    return Fault.HALT;
  }

  private String pointFor(Op op, Fault fault) {
    if (fault == Fault.FAIL) {
      return FAIL_POINTS.get(random.nextInt(FAIL_POINTS.size()));
    }
    if (fault != Fault.HALT) {
      return null;
    }
    List<String> points = switch (op) {
      case BACKUP -> BACKUP_POINTS;
      case RESTORE -> RESTORE_POINTS;
      case REMOVE -> DELETE_POINTS;
      default -> WRITE_POINTS;
    };
    return points.get(random.nextInt(points.size()));
  }

  private List<String> argsFor(Op op, int n, KeyId target) throws Exception {
    return switch (op) {
      case GENERATE -> List.of("generate", "--role", random.nextBoolean() ? "root" : "targets/r" + n,
          "--algorithm", random.nextBoolean() ? "ecdsa" : "ed25519");
      case IMPORT -> List.of("import", unencryptedKey(n).toString());
      case PASSWD -> {
        Path f = work.resolve("newpass");
        Files.writeString(f, NEW_PASSPHRASES.get(random.nextInt(2)) + "\n");
        Path current = work.resolve("currentpass");
        Files.writeString(current, check.passphraseOf(target).orElse("unknown") + "\n");
        yield List.of("--passphrase-file", current.toString(), "passwd", target.hex(), "--new-passphrase-file",
            f.toString());
      }
      case REMOVE -> List.of("remove", "--yes", target.hex());
      case INIT -> List.of("init", "example.com/r" + n);
      case ROTATE -> List.of("rotate", "example.com/remote", "targets", "--server", serverUrl);
      case BACKUP -> {
        List<String> a = new ArrayList<>(List.of("backup", "-o", work.resolve("b" + n + ".tar.gz").toString()));
        yield a;
      }
      case RESTORE -> {
        List<String> a = new ArrayList<>(List.of("restore",
            goodArchives.get(random.nextInt(goodArchives.size())).toString()));
        if (random.nextBoolean()) {
          a.add("--overwrite");
        }
        yield a;
      }
    };
  }

  /** A fresh unencrypted P-256 key as PKCS#8 PEM, the kind a user imports. */
  private Path unencryptedKey(int n) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] der = g.generateKeyPair().getPrivate().getEncoded();
    Path f = work.resolve("import-" + n + ".pem");
    Files.writeString(f, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(der) + "\n-----END PRIVATE KEY-----\n");
    return f;
  }

  private static String outcome(Child c) {
    if (c.killed) {
      return "SIGKILL";
    }
    return switch (c.exit) {
      case 0 -> "completed";
      case 137 -> "halted-at-point";
      case 1 -> "failed-cleanly";
      default -> "exit-" + c.exit;
    };
  }

  private record Child(int exit, boolean killed, String out, String err) {}

  private Child keys(Fault fault, String point, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dkeys.kdf.iterations=2048"));
    if (fault == Fault.HALT) {
      cmd.add("-Dkeys.fault=" + point);
    } else if (fault == Fault.FAIL) {
      cmd.add("-Dkeys.fault=fail:" + point);
    }
    cmd.addAll(List.of("-jar", jar.toString(), "-d", trust.toString()));
    cmd.addAll(List.of(args));
    Path out = work.resolve("stdout");
    Path err = work.resolve("stderr");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).directory(work.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("HOME", work.toString());
    pb.environment().put("LANG", "C.UTF-8");
    pb.environment().putAll(PASSPHRASES);
    Process p = pb.start();
    boolean killed = false;
    if (fault == Fault.KILL) {
      long delay = 50 + random.nextInt(2500);
      if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly(); // SIGKILL on Linux
        killed = true;
      }
    }
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor();
      report.violations.add("hang: " + cmd);
    }
    return new Child(p.exitValue(), killed, Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
