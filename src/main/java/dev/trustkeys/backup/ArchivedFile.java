package dev.trustkeys.backup;

/**
 * A file of an archive that passed every check, and where it goes in a trust directory.
 *
 * @param archivePath the entry name, normalized (no leading {@code ./})
 * @param target the path it is restored to, relative to the trust directory ({@code
 *     private/<id>.key}, {@code tuf/...})
 * @param sha256 of the bytes in the archive (hex)
 * @param targetSha256 of the bytes written to {@code target}: the same, except for keys of the
 *     Notary 0.1-0.3 layout, which gain role and GUN headers in the flat layout
 * @param key for key files, what the file says about the key; null for metadata
 * @param legacy whether it is a key of the Notary 0.1-0.3 layout
 */
public record ArchivedFile(
    String archivePath,
    String target,
    long size,
    String sha256,
    String targetSha256,
    BackupManifest.KeyRef key,
    boolean legacy) {
  public boolean isKey() {
    return key != null;
  }
}
