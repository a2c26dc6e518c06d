package dev.trustkeys.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code keys backup} wrote.
 *
 * @param archive the archive file
 * @param manifest its manifest
 * @param warnings what the user must know: keys on hardware, files left out and why
 */
public record BackupResult(Path archive, BackupManifest manifest, List<String> warnings) {
  public BackupResult {
    warnings = List.copyOf(warnings);
  }

  public long keyCount() {
    return manifest.files().values().stream().filter(f -> f.key() != null).count();
  }
}
