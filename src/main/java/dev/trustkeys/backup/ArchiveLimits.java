package dev.trustkeys.backup;

import dev.trustkeys.backend.file.KeyFileFormat;

/**
 * What an archive may hold before it is refused as hostile: these bound the memory and the disk a
 * restore or a verification can be made to use, whatever the archive claims.
 *
 * @param maxEntries entries of any kind (files, directories), counted as they are read
 * @param maxKeyBytes one file under {@code private/}
 * @param maxFileBytes one metadata file under {@code tuf/}
 * @param maxManifestBytes the manifest
 * @param maxTotalBytes uncompressed bytes read from the archive in one pass (defeats gzip bombs)
 * @param maxNameBytes one entry name, and a GNU long-name or pax header
 */
public record ArchiveLimits(
    int maxEntries,
    int maxKeyBytes,
    long maxFileBytes,
    int maxManifestBytes,
    long maxTotalBytes,
    int maxNameBytes) {
  public ArchiveLimits {
    if (maxEntries < 1
        || maxKeyBytes < 1
        || maxFileBytes < 1
        || maxManifestBytes < 1
        || maxTotalBytes < 1
        || maxNameBytes < 100) {
      throw new IllegalArgumentException(
          "archive limits must be positive (and names may have 100 bytes at least)");
    }
  }

  /**
   * 100,000 entries; 64 KiB per key file; 16 MiB per metadata file; 32 MiB of manifest; 2 GiB in
   * all.
   */
  public static ArchiveLimits defaults() {
    return new ArchiveLimits(
        100_000, KeyFileFormat.MAX_KEY_FILE, 16L << 20, 32 << 20, 2L << 30, 4096);
  }
}
