package dev.trustkeys.cli;

import dev.trustkeys.backup.ArchiveLimits;
import dev.trustkeys.backup.BackupManifest;
import dev.trustkeys.backup.BackupResult;
import dev.trustkeys.backup.BackupVerifier;
import dev.trustkeys.backup.BackupWriter;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.UsageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code keys backup}: a gzip tar of the key files with a manifest; {@code --verify} checks one.
 */
@Command(
    name = "backup",
    description = {
      "Back up the key files (private/, and with --with-metadata tuf/) to a gzip tar archive with a manifest of"
          + " SHA-256 hashes, mode 0600, written atomically.",
      "With --verify FILE, check an archive instead (and with --check-passphrases, that every key decrypts)."
    })
final class BackupCommand implements Callable<Integer> {
  static final String DEFAULT_NAME = "private_keys_backup.tar.gz";

  @ParentCommand KeysCommand root;
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "The archive to write (default: ./" + DEFAULT_NAME + ").")
  Path output;

  @Option(names = "--with-metadata", description = "Also archive the TUF metadata (tuf/).")
  boolean withMetadata;

  @Option(
      names = {"-f", "--force"},
      description = "Replace FILE if it exists.")
  boolean force;

  @Option(
      names = "--verify",
      paramLabel = "FILE",
      description = "Check FILE: its manifest and every hash; write nothing.")
  Path verify;

  @Option(
      names = "--check-passphrases",
      description =
          "With --verify: also decrypt every key in memory with the passphrases available.")
  boolean checkPassphrases;

  @Override
  public Integer call() throws KeysException {
    Context ctx = new Context(root);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (verify != null) {
      if (output != null || withMetadata || force) {
        throw new UsageException(
            "--verify takes no -o, --with-metadata or --force: it writes nothing");
      }
      BackupVerifier.Result r;
      Progress progress = ctx.progress(err, "Verifying " + verify);
      try {
        r =
            new BackupVerifier(ArchiveLimits.defaults())
                .verify(verify, checkPassphrases ? ctx.secrets() : null);
      } finally {
        progress.close();
      }
      BackupManifest m = r.contents().manifest();
      long keys = m.files().values().stream().filter(f -> f.key() != null).count();
      out.println(
          "OK: "
              + verify
              + ": "
              + m.files().size()
              + " files ("
              + keys
              + " keys) match the manifest"
              + " written by "
              + m.tool()
              + " at "
              + m.created());
      if (r.keysDecrypted() >= 0) {
        out.println("OK: all " + r.keysDecrypted() + " keys decrypt with the passphrases given");
      }
      for (BackupManifest.HardwareKey h : m.hardwareKeys()) {
        out.println(
            "not in the archive: "
                + h.role()
                + " key "
                + h.id().hex()
                + " on "
                + h.location()
                + (h.fileCopy() == null ? "" : " (file copy " + h.fileCopy() + " included)"));
      }
      out.flush();
      return 0;
    }
    if (checkPassphrases) {
      throw new UsageException("--check-passphrases goes with --verify FILE");
    }
    List<KeyInfo> hardware = new ArrayList<>();
    for (KeyInfo k : ctx.keyring().list().keys()) {
      if (k.location().isHardware()) {
        hardware.add(k);
      }
    }
    Path file = output != null ? output : Path.of(DEFAULT_NAME);
    BackupResult r;
    Progress progress = ctx.progress(err, "Backing up " + ctx.trustDirectory() + " to " + file);
    try {
      r =
          new BackupWriter(
                  ctx.trustDirectory(), ctx.clock(), toolVersion(), ctx.wiring().checkpoint())
              .write(file, withMetadata, force, hardware);
    } finally {
      progress.close();
    }
    for (String w : r.warnings()) {
      err.println("keys: warning: " + w);
    }
    err.flush();
    long metadata = r.manifest().files().size() - r.keyCount();
    out.println(
        "Backed up "
            + r.keyCount()
            + " key files"
            + (withMetadata ? " and " + metadata + " metadata files" : "")
            + " to "
            + r.archive());
    out.flush();
    return 0;
  }

  static String toolVersion() {
    String v = KeysCommand.class.getPackage().getImplementationVersion();
    return "keys " + (v == null ? "(development build)" : v);
  }
}
