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
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kills {@code keys} at random moments and at its fault points, and checks the trust directory
 * after every run.
 *
 * <p>Each run picks an operation (generate, import, passwd, remove, init, rotate against a local
 * notary-server, backup, restore) and a fault: halt at a fault point ({@code -Dkeys.fault=POINT},
 * exit 137 as if SIGKILLed there), an injected I/O error ({@code fail:POINT}: a failed fsync or
 * rename), SIGKILL after a random delay, or none. Or it runs one of the sequences that used to lose
 * data: two processes racing on one key ({@code passwd} against {@code remove}, {@code passwd}
 * against {@code passwd} from the same old passphrase), or a restore halted half way followed by
 * {@code passwd}, {@code remove} and {@code backup}. Then it checks, in-process with the real
 * store: every key that existed before (and was not being removed) or that {@code keys} reported on
 * stdout is present and decrypts to the key its name says; a key {@code keys} reported removed
 * stays removed, and a key whose passphrase {@code keys} reported changed opens with that
 * passphrase (until a restore replaces it); every file under a final name is readable and decrypts;
 * metadata under a final name parses; a failed write changed no byte of {@code private/}; a run
 * that succeeds leaves no leftovers of the runs killed before it; every archive reported written
 * verifies. One trust directory lives through all runs, so each run also starts from the debris of
 * the previous ones.
 *
 * <p>Run it alone: {@code bench/crash-harness RUNS [SEED]} (see docs/reliability.md); CI runs a
 * sample through {@link CrashHarnessIT}.
 */
public final class CrashHarness {
  enum Op {
    GENERATE,
    IMPORT,
    PASSWD,
    REMOVE,
    INIT,
    ROTATE,
    BACKUP,
    RESTORE,
    RACE_PASSWD_REMOVE,
    RACE_PASSWD_PASSWD,
    RESTORE_THEN_WRITE
  }

  enum Fault {
    NONE,
    HALT,
    FAIL,
    KILL
  }

  static final List<String> WRITE_POINTS =
      List.of(
          "write-before-data", "write-before-fsync", "write-before-rename", "write-after-rename");
  static final List<String> FAIL_POINTS =
      List.of("write-before-fsync", "write-before-rename", "write-after-rename");
  static final List<String> DELETE_POINTS =
      List.of("delete-before-unlink", "delete-before-dirsync");
  static final List<String> BACKUP_POINTS = List.of("backup-mid-write", "backup-before-rename");
  static final List<String> RESTORE_POINTS =
      List.of("restore-staged", "restore-journal", "restore-mid-commit", "restore-applied");

  private static final Pattern ID = Pattern.compile("\\b[0-9a-f]{64}\\b");

  /**
   * What each command prints for a key it created (rotate also prints the old IDs: those are not
   * created).
   */
  private static final Pattern CREATED =
      Pattern.compile(
          "(?:keyID: |Imported: .* key |key created: |key found, using: |-> )([0-9a-f]{64})");

  private static final Map<String, String> PASSPHRASES =
      Map.of(
          "NOTARY_ROOT_PASSPHRASE", "root-passphrase",
          "NOTARY_TARGETS_PASSPHRASE", "targets-passphrase",
          "NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-passphrase",
          "NOTARY_DELEGATION_PASSPHRASE", "delegation-passphrase");
  private static final List<String> NEW_PASSPHRASES =
      List.of("new-passphrase-a", "new-passphrase-b", "new-passphrase-c");

  private final Path work;
  private final Path jar;
  private final Random random;
  private final Path trust;
  private final TrustDirCheck check;
  private final Set<KeyId> required = new LinkedHashSet<>();

  /**
   * Keys a command reported removed: they must stay away until a restore reports bringing them
   * back.
   */
  private final Set<KeyId> removed = new LinkedHashSet<>();

  /**
   * The passphrase a key must open with, after a passwd reported it changed (until a restore
   * replaces the key).
   */
  private final Map<KeyId, String> passphrase = new java.util.HashMap<>();

  private final List<Path> goodArchives = new ArrayList<>();
  private final Report report = new Report();
  private String serverUrl;
  private int leftoverDebt;
  private String newPassphrase;

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
      sb.append("runs that left leftovers: ")
          .append(leftoversSeen)
          .append("; leftovers removed by a later successful run: ")
          .append(leftoversCleaned)
          .append('\n');
      sb.append("archives verified: ").append(archivesVerified).append('\n');
      sb.append(
              "metadata-cache temporary files left at the end (ignored by readers, removed once stale): ")
          .append(metadataLeftovers)
          .append('\n');
      sb.append("| operation | fault | outcome | runs |\n|---|---|---|---|\n");
      outcomes.forEach(
          (k, v) -> {
            String[] p = k.split(" ", 3);
            sb.append("| ")
                .append(p[0])
                .append(" | ")
                .append(p[1])
                .append(" | ")
                .append(p[2])
                .append(" | ")
                .append(v)
                .append(" |\n");
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
    try (NotaryServerProcess server =
        NotaryServerProcess.start(Files.createDirectories(work.resolve("server")))) {
      serverUrl = server.url();
      Child setup = keys(Fault.NONE, null, "init", "example.com/base");
      Child remote = keys(Fault.NONE, null, "init", "example.com/remote", "--server", serverUrl);
      Path first = work.resolve("setup.tar.gz");
      Child backup = keys(Fault.NONE, null, "backup", "-o", first.toString());
      if (setup.exit != 0 || remote.exit != 0 || backup.exit != 0) {
        throw new IllegalStateException("setup failed: " + setup.err + remote.err + backup.err);
      }
      goodArchives.add(first); // restores (and restore-then-write) from the first run on
      required.addAll(check.keys());
      for (int i = 0; i < runs; i++) {
        runOnce(i);
        if ((i + 1) % 50 == 0) {
          System.err.println(
              "crash harness: " + (i + 1) + " runs, " + report.violations.size() + " violations");
        }
      }
      finish();
    }
    report.millis = (System.nanoTime() - start) / 1_000_000;
    return report;
  }

  private void runOnce(int n) throws Exception {
    Op op = Op.values()[random.nextInt(Op.values().length)];
    if ((op == Op.RESTORE || op == Op.RESTORE_THEN_WRITE) && goodArchives.isEmpty()) {
      op = Op.BACKUP;
    }
    // remove and passwd pick delegation keys: the repository keys stay usable for rotate; not a key
    // that a half-applied restore created or replaced (the writer undoes it first: the key goes, or
    // changes passphrase)
    List<KeyId> present = new ArrayList<>(check.delegationKeys());
    present.removeAll(unsettledKeys());
    boolean oneKey =
        op == Op.REMOVE
            || op == Op.PASSWD
            || op == Op.RACE_PASSWD_REMOVE
            || op == Op.RACE_PASSWD_PASSWD;
    if (oneKey && present.isEmpty() || op == Op.RESTORE_THEN_WRITE && present.size() < 2) {
      op = Op.GENERATE;
    }
    if (op == Op.RACE_PASSWD_REMOVE || op == Op.RACE_PASSWD_PASSWD) {
      race(n, op, present.get(random.nextInt(present.size())));
      return;
    }
    if (op == Op.RESTORE_THEN_WRITE) {
      restoreThenWrite(n, present);
      return;
    }
    Fault fault = pickFault(op);
    String point = pointFor(op, fault);
    KeyId target = present.isEmpty() ? null : present.get(random.nextInt(present.size()));
    List<String> args = argsFor(op, n, target);
    Map<String, String> before = check.fingerprint();
    int leftoversBefore = check.leftovers().size();
    boolean restorePending =
        restorePending(); // then a writer first undoes it (changing private/), and says so
    Child c = keys(fault, point, args.toArray(new String[0]));
    String ctx =
        "run "
            + n
            + " "
            + op
            + " "
            + fault
            + (point == null ? "" : " " + point)
            + " (exit "
            + c.exit
            + ", stderr: "
            + c.err.strip()
            + ")";
    report.runs++;
    report.count(op + " " + fault + " " + outcome(c));

    boolean refused =
        op == Op.RESTORE && c.exit == 8; // conflicts: refused before anything is written
    if (fault == Fault.HALT && c.exit != 137 && c.exit != 0 && !refused) {
      report.violations.add(ctx + ": a halt point should end the process with 137");
    }
    if ((fault == Fault.NONE || fault == Fault.KILL && !c.killed) && c.exit != 0 && !refused) {
      report.violations.add(ctx + ": failed without a fault");
    }
    if (fault == Fault.FAIL && c.exit != 0 && !refused) {
      String error = withoutNotices(c.err);
      if (c.exit != 1 || error.strip().lines().count() != 1 || !error.startsWith("keys: ")) {
        report.violations.add(ctx + ": an I/O error must be one 'keys:' line and exit 1");
      }
      if (!point.equals("write-after-rename")
          && !restorePending
          && !before.equals(check.fingerprint())) {
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
    if (c.exit == 0 && op == Op.REMOVE) {
      reportedRemoved(target);
    } else if (c.exit == 0 && op == Op.PASSWD) {
      passphrase.put(target, newPassphrase);
    } else if (op == Op.PASSWD) {
      passphrase.remove(target); // killed or halted: it may or may not have written
    }
    if (op == Op.RESTORE) {
      restored(c, args.get(1));
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
      check
          .decrypts(id)
          .ifPresent(why -> report.violations.add(ctx + ": key " + id.shortId() + ": " + why));
    }
    check.unreadable().forEach(u -> report.violations.add(ctx + ": unreadable " + u));
    check.brokenMetadata().forEach(b -> report.violations.add(ctx + ": broken metadata " + b));
    if (restorePending()) {
      return; // a halted restore waits for the next writer to undo it: not settled yet
    }
    for (KeyId id : removed) {
      if (present.contains(id)) {
        report.violations.add(ctx + ": key " + id.shortId() + " was reported removed and is back");
      }
    }
    for (Map.Entry<KeyId, String> e : passphrase.entrySet()) {
      if (present.contains(e.getKey())
          && !check.passphraseOf(e.getKey()).equals(Optional.of(e.getValue()))) {
        report.violations.add(
            ctx
                + ": key "
                + e.getKey().shortId()
                + " no longer opens with the passphrase passwd"
                + " reported setting ("
                + check.passphraseOf(e.getKey()).orElse("none known")
                + " does)");
      }
    }
  }

  /**
   * The keys a pending restore's journal names: the next writer may remove them or change them
   * back.
   */
  private Set<KeyId> unsettledKeys() throws IOException, KeysException {
    Set<KeyId> ids = new java.util.HashSet<>();
    for (Path p : check.leftovers()) {
      Path journal = p.resolve("journal");
      if (p.getFileName().toString().startsWith(".keys-restore-") && Files.isRegularFile(journal)) {
        Matcher m =
            Pattern.compile("private/([0-9a-f]{64})\\.key$", Pattern.MULTILINE)
                .matcher(Files.readString(journal));
        while (m.find()) {
          ids.add(KeyId.of(m.group(1)));
        }
      }
    }
    return ids;
  }

  /** Whether a halted or killed restore waits to be undone by the next writer. */
  private boolean restorePending() throws IOException {
    return check.leftovers().stream()
        .anyMatch(p -> p.getFileName().toString().startsWith(".keys-restore-"));
  }

  /**
   * Standard error without the lines a writer prints when it finishes what a killed restore left.
   */
  private static String withoutNotices(String err) {
    StringBuilder sb = new StringBuilder();
    for (String line : err.split("\n", -1)) {
      if (!(line.startsWith("keys: undid an interrupted restore")
          || line.startsWith("keys: removed the staging")
          || line.startsWith("keys: kept ")
          || line.startsWith("keys: left "))) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString().strip().isEmpty() ? "" : sb.toString();
  }

  private void reportedRemoved(KeyId id) {
    removed.add(id);
    passphrase.remove(id);
    required.remove(id);
  }

  /**
   * After a restore: what it reported replacing opens with the archive's passphrase now, what it
   * reported restoring is back legitimately. A restore halted at one of its points stopped before
   * its commit counted, so the next writer undoes it: nothing changes. One SIGKILLed at a random
   * moment may or may not have completed: every key of its archive is then uncertain.
   */
  private void restored(Child c, String archive) throws KeysException {
    if (c.exit == 0) {
      Matcher m =
          Pattern.compile("(?m)^(restore|replace) private/([0-9a-f]{64})\\.key").matcher(c.out);
      while (m.find()) {
        KeyId id = KeyId.of(m.group(2));
        passphrase.remove(id);
        removed.remove(id);
      }
    } else if (c.killed) {
      try {
        for (var f :
            new BackupVerifier(ArchiveLimits.defaults())
                .verify(Path.of(archive), null)
                .contents()
                .files()) {
          if (f.isKey()) {
            passphrase.remove(f.key().id());
            removed.remove(f.key().id());
          }
        }
      } catch (KeysException e) {
        report.violations.add("archive " + archive + " no longer verifies: " + e.getMessage());
      }
    }
  }

  /**
   * Two processes on one key at once: passwd against remove, or passwd against passwd (both from
   * the current passphrase to different new ones). The first waits a random while between reading
   * the key and writing it (a stand-in for the real KDF), the second starts a random moment later.
   * Whatever the order, a success must stay true: a removed key never comes back, at most one
   * passwd of the same version wins, the key opens with the winner's passphrase, and the loser
   * fails with exit 8 and one line (or, when it came after the winner's write, with exit 3 or 4).
   */
  private void race(int n, Op op, KeyId target) throws Exception {
    String current = check.passphraseOf(target).orElse("unknown");
    Path cur = Files.writeString(work.resolve("race-current"), current + "\n");
    // two new passphrases, both different from the current one (else the loser could open the
    // winner's version)
    List<String> fresh = new ArrayList<>(NEW_PASSPHRASES);
    fresh.remove(current);
    java.util.Collections.shuffle(fresh, random);
    Path a = Files.writeString(work.resolve("race-a"), fresh.get(0) + "\n");
    Path b = Files.writeString(work.resolve("race-b"), fresh.get(1) + "\n");
    String wait = "sleep:" + random.nextInt(1500) + ":update-before-lock";
    Running first =
        spawn(
            wait,
            "first",
            "--passphrase-file",
            cur.toString(),
            "passwd",
            target.hex(),
            "--new-passphrase-file",
            a.toString());
    Thread.sleep(random.nextInt(1000));
    Running second =
        op == Op.RACE_PASSWD_REMOVE
            ? spawn(null, "second", "remove", "--yes", target.hex())
            : spawn(
                null,
                "second",
                "--passphrase-file",
                cur.toString(),
                "passwd",
                target.hex(),
                "--new-passphrase-file",
                b.toString());
    Child c1 = finish(first, false);
    Child c2 = finish(second, false);
    String ctx =
        "run "
            + n
            + " "
            + op
            + " "
            + target.shortId()
            + " (exits "
            + c1.exit
            + "/"
            + c2.exit
            + ", stderr: "
            + (c1.err + c2.err).strip()
            + ")";
    report.runs++;
    report.count(op + " race " + outcome(c1) + "/" + outcome(c2));
    raceLoser(ctx, c1, op == Op.RACE_PASSWD_REMOVE ? List.of(0, 4, 8) : List.of(0, 3, 8));
    raceLoser(ctx, c2, op == Op.RACE_PASSWD_REMOVE ? List.of(0) : List.of(0, 3, 8));
    if (op == Op.RACE_PASSWD_REMOVE) {
      reportedRemoved(target);
    } else if (c1.exit == 0 && c2.exit == 0) {
      report.violations.add(ctx + ": both passwd from the same passphrase reported success");
    } else if (c1.exit == 0 || c2.exit == 0) {
      passphrase.put(target, fresh.get(c1.exit == 0 ? 0 : 1));
    }
    verifyKeys(ctx);
    checkLeftovers(
        op,
        c1.exit == 0 && c2.exit == 0 ? c1 : c1.exit != 0 ? c1 : c2,
        ctx,
        check.leftovers().size());
  }

  private void raceLoser(String ctx, Child c, List<Integer> allowed) {
    String error = withoutNotices(c.err);
    if (!allowed.contains(c.exit)) {
      report.violations.add(ctx + ": exit " + c.exit + " in a race (allowed: " + allowed + ")");
    } else if (c.exit != 0 && (error.strip().lines().count() != 1 || !error.startsWith("keys: "))) {
      report.violations.add(ctx + ": the loser of a race must say why in one 'keys:' line");
    }
  }

  /**
   * A restore halted half way (before its commit counts), then passwd of one key and remove of
   * another, then a backup: the first writer undoes the restore and says so; the passwd and the
   * remove stay true, and the backup (which used to roll the old restore back over them) changes
   * nothing.
   */
  private void restoreThenWrite(int n, List<KeyId> present) throws Exception {
    Path archive = goodArchives.get(random.nextInt(goodArchives.size()));
    KeyId changed = present.get(random.nextInt(present.size()));
    KeyId gone = present.get(random.nextInt(present.size()));
    while (gone.equals(changed)) {
      gone = present.get(random.nextInt(present.size()));
    }
    String current = check.passphraseOf(changed).orElse("unknown");
    String point =
        List.of("restore-journal", "restore-mid-commit", "restore-applied").get(random.nextInt(3));
    Child restore = keys(Fault.HALT, point, "restore", "--overwrite", archive.toString());
    Path cur = Files.writeString(work.resolve("rtw-current"), current + "\n");
    String next = NEW_PASSPHRASES.get(random.nextInt(NEW_PASSPHRASES.size()));
    Path np = Files.writeString(work.resolve("rtw-new"), next + "\n");
    Child passwd =
        keys(
            Fault.NONE,
            null,
            "--passphrase-file",
            cur.toString(),
            "passwd",
            changed.hex(),
            "--new-passphrase-file",
            np.toString());
    Child remove = keys(Fault.NONE, null, "remove", "--yes", gone.hex());
    Child backup =
        keys(Fault.NONE, null, "backup", "-o", work.resolve("rtw" + n + ".tar.gz").toString());
    String ctx =
        "run "
            + n
            + " RESTORE_THEN_WRITE "
            + point
            + " (exits "
            + restore.exit
            + "/"
            + passwd.exit
            + "/"
            + remove.exit
            + "/"
            + backup.exit
            + ", stderr: "
            + (passwd.err + remove.err + backup.err).strip()
            + ")";
    report.runs++;
    report.count(
        "RESTORE_THEN_WRITE "
            + point
            + " "
            + outcome(restore)
            + "/"
            + outcome(passwd)
            + "/"
            + outcome(remove)
            + "/"
            + outcome(backup));
    if (restore.exit != 137 && restore.exit != 0 && restore.exit != 8) {
      report.violations.add(
          ctx + ": the restore should halt at " + point + ", have nothing to do, or refuse");
    }
    restored(restore, archive.toString());
    if (passwd.exit != 0 || remove.exit != 0 || backup.exit != 0) {
      report.violations.add(
          ctx + ": passwd, remove and backup after an interrupted restore must succeed");
    }
    if (restore.exit == 137 && !passwd.err.startsWith("keys: undid an interrupted restore")) {
      report.violations.add(
          ctx + ": the first writer after the interrupted restore must undo it and say so");
    }
    if (backup.err.contains("undid")) {
      report.violations.add(
          ctx + ": the backup undid a restore that an earlier writer should have undone");
    }
    if (passwd.exit == 0) {
      passphrase.put(changed, next);
    }
    if (remove.exit == 0) {
      reportedRemoved(gone);
    }
    verifyKeys(ctx);
    checkLeftovers(Op.BACKUP, backup, ctx, check.leftovers().size());
    if (backup.exit == 0) {
      Path out = work.resolve("rtw" + n + ".tar.gz");
      try {
        new BackupVerifier(ArchiveLimits.defaults()).verify(out, null);
        report.archivesVerified++;
        goodArchives.add(out);
      } catch (KeysException e) {
        report.violations.add(ctx + ": the backup does not verify: " + e.getMessage());
      }
    }
  }

  private void checkLeftovers(Op op, Child c, String ctx, int leftoversBefore) throws IOException {
    List<Path> left = check.leftovers();
    boolean writer = op != Op.BACKUP;
    if (c.exit == 0) {
      long tmp = left.stream().filter(p -> p.startsWith(trust.resolve("private"))).count();
      long staging =
          left.stream()
              .filter(p -> p.getFileName().toString().startsWith(".keys-restore-"))
              .count();
      if (writer && op != Op.RESTORE && tmp > 0) {
        report.violations.add(
            ctx + ": a successful write left temporary files in private/: " + left);
      }
      if ((op == Op.BACKUP || op == Op.RESTORE) && staging > 0) {
        report.violations.add(
            ctx + ": a successful backup/restore left a staging directory: " + left);
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
        report.violations.add(
            ctx + ": the archive under its final name does not verify: " + e.getMessage());
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
    report.metadataLeftovers =
        (int) check.leftovers().stream().filter(p -> p.startsWith(tuf)).count();
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
    List<String> points =
        switch (op) {
          case BACKUP -> BACKUP_POINTS;
          case RESTORE -> RESTORE_POINTS;
          case REMOVE -> DELETE_POINTS;
          default -> WRITE_POINTS;
        };
    return points.get(random.nextInt(points.size()));
  }

  private List<String> argsFor(Op op, int n, KeyId target) throws Exception {
    return switch (op) {
      case GENERATE ->
          List.of(
              "generate",
              "--role",
              random.nextBoolean() ? "root" : "targets/r" + n,
              "--algorithm",
              random.nextBoolean() ? "ecdsa" : "ed25519");
      case IMPORT -> List.of("import", unencryptedKey(n).toString());
      case PASSWD -> {
        Path f = work.resolve("newpass");
        newPassphrase = NEW_PASSPHRASES.get(random.nextInt(NEW_PASSPHRASES.size()));
        Files.writeString(f, newPassphrase + "\n");
        Path current = work.resolve("currentpass");
        Files.writeString(current, check.passphraseOf(target).orElse("unknown") + "\n");
        yield List.of(
            "--passphrase-file",
            current.toString(),
            "passwd",
            target.hex(),
            "--new-passphrase-file",
            f.toString());
      }
      case REMOVE -> List.of("remove", "--yes", target.hex());
      case INIT -> List.of("init", "example.com/r" + n);
      case ROTATE -> List.of("rotate", "example.com/remote", "targets", "--server", serverUrl);
      case BACKUP -> {
        List<String> a =
            new ArrayList<>(List.of("backup", "-o", work.resolve("b" + n + ".tar.gz").toString()));
        yield a;
      }
      case RESTORE -> {
        List<String> a =
            new ArrayList<>(
                List.of(
                    "restore", goodArchives.get(random.nextInt(goodArchives.size())).toString()));
        if (random.nextBoolean()) {
          a.add("--overwrite");
        }
        yield a;
      }
      default -> throw new IllegalArgumentException(op + " is a sequence, not one command");
    };
  }

  /** A fresh unencrypted P-256 key as PKCS#8 PEM, the kind a user imports. */
  private Path unencryptedKey(int n) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    byte[] der = g.generateKeyPair().getPrivate().getEncoded();
    Path f = work.resolve("import-" + n + ".pem");
    Files.writeString(
        f,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END PRIVATE KEY-----\n");
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
    String spec = fault == Fault.HALT ? point : fault == Fault.FAIL ? "fail:" + point : null;
    return finish(spawn(spec, "child", args), fault == Fault.KILL);
  }

  /** A keys process started by the harness, with where its output goes. */
  private record Running(Process process, Path out, Path err, List<String> cmd) {}

  /**
   * Starts keys (the test entry point: a fast KDF, and {@code -Dkeys.fault=SPEC} when given) on the
   * trust dir.
   */
  private Running spawn(String faultSpec, String name, String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dkeys.kdf.iterations=2048"));
    if (faultSpec != null) {
      cmd.add("-Dkeys.fault=" + faultSpec);
    }
    // the test entry point: keys itself takes neither knob
    // (-Dkeys.crash.main=dev.trustkeys.cli.Main runs a build
    // from before the entry point existed, which read both from its own system properties)
    cmd.addAll(
        List.of(
            "-cp",
            jar + java.io.File.pathSeparator + jar.resolveSibling("test-classes"),
            System.getProperty("keys.crash.main", "dev.trustkeys.cli.TestMain"),
            "-d",
            trust.toString()));
    cmd.addAll(List.of(args));
    Path out = work.resolve("stdout-" + name);
    Path err = work.resolve("stderr-" + name);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .directory(work.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("HOME", work.toString());
    pb.environment().put("LANG", "C.UTF-8");
    pb.environment().putAll(PASSPHRASES);
    return new Running(pb.start(), out, err, cmd);
  }

  /**
   * Waits for a process (SIGKILLing it after a random delay when {@code kill}) and collects what it
   * printed.
   */
  private Child finish(Running r, boolean kill) throws Exception {
    Process p = r.process();
    boolean killed = false;
    if (kill) {
      long delay = 50 + random.nextInt(2500);
      if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly(); // SIGKILL on Linux
        killed = true;
      }
    }
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor();
      report.violations.add("hang: " + r.cmd());
    }
    return new Child(
        p.exitValue(),
        killed,
        Files.readString(r.out(), StandardCharsets.UTF_8),
        Files.readString(r.err(), StandardCharsets.UTF_8));
  }
}
