package dev.trustkeys.backup;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.KeysException;
import dev.trustkeys.core.WrongSecretException;
import dev.trustkeys.core.secret.SecretProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks a backup archive without writing anything: the structure (as a restore checks it), the
 * manifest, the size and SHA-256 of every file, and optionally that every key decrypts with the
 * passphrases available. Keys are decrypted in memory from the archive, never extracted, and
 * destroyed at once.
 */
public final class BackupVerifier {
  private final ArchiveLimits limits;

  public BackupVerifier(ArchiveLimits limits) {
    this.limits = limits;
  }

  /** What was checked. {@code keysDecrypted} is -1 when passphrases were not checked. */
  public record Result(ArchiveContents contents, int keysDecrypted) {}

  /**
   * @param secrets where passphrases come from, or null not to check them
   * @throws HostileArchiveException when the archive or a hash is wrong (exit code 7)
   * @throws KeysException with {@link ExitCode#WRONG_SECRET} when some keys do not decrypt
   */
  public Result verify(Path archive, SecretProvider secrets) throws KeysException {
    List<String> failed = new ArrayList<>();
    int[] ok = {0};
    ArchiveContents.KeyCheck check = null;
    if (secrets != null) {
      check =
          (file, key) -> {
            try {
              key.checkDecrypts(secrets);
              ok[0]++;
            } catch (WrongSecretException e) {
              failed.add(key.role() + " key " + key.id().shortId());
            }
          };
    }
    ArchiveContents contents;
    try (ArchiveSource src = ArchiveSource.open(archive, limits)) {
      contents = ArchiveContents.read(src, check);
    }
    if (contents.manifest() == null) {
      throw new KeysException(
          archive + " has no " + BackupManifest.NAME,
          ExitCode.VERIFICATION_FAILED,
          dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.DRY_RUN_RESTORE),
          null);
    }
    if (!failed.isEmpty()) {
      throw new KeysException(
          failed.size()
              + " of "
              + (failed.size() + ok[0])
              + " keys do not decrypt with the passphrases given: "
              + failed.stream().limit(5).collect(Collectors.joining(", "))
              + (failed.size() > 5 ? ", ..." : ""),
          ExitCode.WRONG_SECRET);
    }
    return new Result(contents, secrets == null ? -1 : ok[0]);
  }
}
