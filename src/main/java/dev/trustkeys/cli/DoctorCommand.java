package dev.trustkeys.cli;

import dev.trustkeys.backup.ArchiveLimits;
import dev.trustkeys.backup.BackupManifest;
import dev.trustkeys.backup.BackupVerifier;
import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.doctor.Doctor;
import dev.trustkeys.doctor.Finding;
import dev.trustkeys.doctor.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys doctor}: checks the environment and says what to fix. Exit 1 when any finding is an
 * error.
 */
@Command(
    name = "doctor",
    description = {
      "Check the trust directory, the keys and the hardware set-up, and say what to fix: one line per finding,"
          + " ok, info, warn or error.",
      "Exits 1 when there is an error-level finding, else 0."
    })
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(
      names = "--backup",
      paramLabel = "ARCHIVE",
      description =
          "A backup archive made by 'keys backup' that counts as a copy of the root keys it holds (repeatable).")
  List<Path> backups = new ArrayList<>();

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    List<KeyInfo> keys = new ArrayList<>();
    List<KeyListing.Unreadable> unreadable = new ArrayList<>();
    List<Finding> early = new ArrayList<>();
    try {
      KeyListing l = ctx.keyring().list();
      keys.addAll(l.keys());
      unreadable.addAll(l.unreadable());
    } catch (KeysException e) {
      early.add(
          Finding.error(
              "key-files", "cannot list keys: " + Advice.message(e), "see the pkcs11 line below"));
    }
    Map<KeyId, String> archived = new LinkedHashMap<>();
    for (Path a : backups) {
      try {
        BackupManifest m =
            new BackupVerifier(ArchiveLimits.defaults()).verify(a, null).contents().manifest();
        for (BackupManifest.FileEntry f : m.files().values()) {
          if (f.key() != null && f.key().role().isRoot()) {
            archived.put(f.key().id(), a.toString());
          }
        }
      } catch (KeysException e) {
        early.add(
            Finding.error(
                "root-backup",
                "backup " + a + " does not verify: " + Advice.message(e),
                "keys backup --verify " + a));
      }
    }
    List<Finding> findings = new ArrayList<>(early);
    findings.addAll(
        new Doctor(ctx.trustDirectory(), ctx.env(), ctx.clock(), root.module)
            .run(new KeyListing(keys, unreadable), archived));
    Map<Severity, Integer> counts = Doctor.count(findings);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled) {
      out.print(Json.write(toJson(findings, counts)));
    } else {
      print(out, findings, counts, Style.of(ctx.env(), ctx.terminal()));
    }
    out.flush();
    return counts.get(Severity.ERROR) > 0 ? 1 : 0;
  }

  private static void print(
      PrintWriter out, List<Finding> findings, Map<Severity, Integer> counts, Style style) {
    int w = 0;
    for (Finding f : findings) {
      w = Math.max(w, f.check().length());
    }
    for (Finding f : findings) {
      String sev = f.severity().value();
      out.println(
          style.severity(sev)
              + " ".repeat(6 - sev.length())
              + f.check()
              + " ".repeat(w - f.check().length() + 2)
              + message(f)
              + (fix(f).isEmpty() ? "" : style.dim(" (fix: " + fix(f) + ")")));
    }
    List<String> summary = new ArrayList<>();
    for (Severity s : Severity.values()) {
      summary.add(counts.get(s) + " " + s.value());
    }
    out.println(String.join(", ", summary) + ".");
  }

  /**
   * What was found: the library's words, with the note of a finding that needs no fixing (the
   * command that would change it).
   */
  static String message(Finding f) {
    boolean note = f.severity() == Severity.OK || f.severity() == Severity.INFO;
    return note && f.remedy().isPresent()
        ? Advice.join(f.message(), f.remedy().get())
        : f.message();
  }

  /** What to do about a warning or an error: the library's words, or its remedy in ours. */
  static String fix(Finding f) {
    boolean note = f.severity() == Severity.OK || f.severity() == Severity.INFO;
    return !note && f.remedy().isPresent() ? Advice.of(f.remedy().get()) : f.fix();
  }

  private static Map<String, Object> toJson(List<Finding> findings, Map<Severity, Integer> counts) {
    List<Object> fs = new ArrayList<>();
    for (Finding f : findings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("severity", f.severity().value());
      m.put("check", f.check());
      m.put("message", message(f));
      m.put("fix", fix(f));
      fs.add(m);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      summary.put(s.value(), counts.get(s));
    }
    Map<String, Object> rootJson = new LinkedHashMap<>();
    rootJson.put("findings", fs);
    rootJson.put("summary", summary);
    return rootJson;
  }
}
