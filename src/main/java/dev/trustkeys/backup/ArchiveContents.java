package dev.trustkeys.backup;

import dev.trustkeys.backend.file.KeyFileFormat;
import dev.trustkeys.core.KeysException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an archive holds, established by reading it twice without writing anything. The first pass
 * checks the structure (types, names, duplicates, limits) and finds where {@code private/} is: at
 * the top for archives of {@code keys backup} (the manifest comes first), under a prefix such as
 * {@code home/me/.docker/trust/} for archives made with plain {@code tar}. The second pass checks
 * content: every file under {@code private/} must be a key, every hash must match the manifest,
 * nothing may be missing or extra.
 */
public final class ArchiveContents {
  private final BackupManifest manifest;
  private final List<String> prefix;
  private final List<ArchivedFile> files;
  private final int ignoredLegacyCopies;

  private ArchiveContents(
      BackupManifest manifest, List<String> prefix, List<ArchivedFile> files, int ignored) {
    this.manifest = manifest;
    this.prefix = List.copyOf(prefix);
    this.files = List.copyOf(files);
    this.ignoredLegacyCopies = ignored;
  }

  /**
   * What a caller wants done with each key file while it is in memory (for example, decrypting it).
   */
  @FunctionalInterface
  public interface KeyCheck {
    void check(ArchivedFile file, KeyFileFormat.Parsed key) throws KeysException;
  }

  /** The manifest, or null for an archive made with plain {@code tar}. */
  public BackupManifest manifest() {
    return manifest;
  }

  /** The components before {@code private/} (empty for archives of {@code keys backup}). */
  public List<String> prefix() {
    return prefix;
  }

  /** The files to restore, one per target, in archive order. */
  public List<ArchivedFile> files() {
    return files;
  }

  /**
   * Keys of the Notary 0.1-0.3 layout not restored because the archive has the same key in the flat
   * layout.
   */
  public int ignoredLegacyCopies() {
    return ignoredLegacyCopies;
  }

  static ArchiveContents read(ArchiveSource src, KeyCheck check) throws KeysException {
    Structure s = new Structure(src.limits());
    src.pass(s::visit);
    List<String> prefix = s.finish(src);
    Content c = new Content(src, prefix, s.hasManifest, check);
    src.pass(c::visit);
    return c.finish();
  }

  /** The relative path of a file entry below the prefix, or a refusal. */
  static List<String> relative(ArchiveSource.Entry e, List<String> prefix)
      throws ArchiveFormatException {
    List<String> comps = e.components();
    if (comps.size() <= prefix.size() || !comps.subList(0, prefix.size()).equals(prefix)) {
      throw new ArchiveFormatException(e.name(), "outside private/ and tuf/");
    }
    List<String> rel = comps.subList(prefix.size(), comps.size());
    String top = rel.get(0);
    if (!(top.equals("private") || top.equals("tuf")) || rel.size() < 2) {
      throw new ArchiveFormatException(e.name(), "outside private/ and tuf/");
    }
    if (!EntryNames.allSafe(rel, 1)) {
      throw new ArchiveFormatException(
          e.name(),
          "a name keys does not create (only letters, digits and . _ - : @ +, no leading dot)");
    }
    return rel;
  }

  static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  static byte[] readAll(InputStream in, long size, int max, String name) throws IOException {
    if (size > max) {
      throw new ArchiveFormatException(name, "too large (" + size + " bytes, at most " + max + ")");
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new java.io.EOFException("the archive is truncated");
    }
    return data;
  }

  /** Pass one: types, names, duplicates, the prefix. */
  private static final class Structure {
    private final ArchiveLimits limits;
    private final Set<String> names = new HashSet<>();
    private boolean hasManifest;
    private Set<String> candidates;
    private int files;

    Structure(ArchiveLimits limits) {
      this.limits = limits;
    }

    void visit(ArchiveSource.Entry e, InputStream content) throws ArchiveFormatException {
      TarEntry t = e.tar();
      if (!t.isFile() && !t.isDirectory()) {
        String link =
            t.linkName().isEmpty()
                ? ""
                : " (to '" + HostileArchiveException.printable(t.linkName()) + "')";
        throw new ArchiveFormatException(
            e.name(),
            "a " + t.typeName() + link + ": only regular files and directories are restored");
      }
      if (t.isDirectory()) {
        return;
      }
      if (e.index() == 0 && e.name().equals(BackupManifest.NAME)) {
        hasManifest = true;
        return;
      }
      if (t.size() > Math.max(limits.maxFileBytes(), limits.maxKeyBytes())) {
        throw new ArchiveFormatException(e.name(), "too large (" + t.size() + " bytes)");
      }
      String joined = String.join("/", e.components());
      if (!names.add(joined)) {
        throw new ArchiveFormatException(e.name(), "a second entry with the same name");
      }
      files++;
      if (hasManifest) {
        return;
      }
      Set<String> mine = new LinkedHashSet<>();
      List<String> c = e.components();
      for (int i = 0; i < c.size() - 1; i++) {
        if (c.get(i).equals("private") || c.get(i).equals("tuf")) {
          mine.add(String.join("/", c.subList(0, i)));
        }
      }
      if (candidates == null) {
        candidates = mine;
      } else {
        candidates.retainAll(mine);
      }
      if (candidates.isEmpty()) {
        throw new ArchiveFormatException(e.name(), "outside private/ and tuf/");
      }
    }

    List<String> finish(ArchiveSource src) throws KeysException {
      if (files == 0) {
        throw new HostileArchiveException(src.path().toString(), "", "it holds no files");
      }
      if (hasManifest) {
        return List.of();
      }
      String shortest = null;
      for (String c : candidates) {
        if (shortest == null || c.length() < shortest.length()) {
          shortest = c;
        }
      }
      return shortest.isEmpty() ? List.of() : List.of(shortest.split("/"));
    }
  }

  /** Pass two: directories in place, every file a key or metadata, hashes against the manifest. */
  private static final class Content {
    private final ArchiveSource src;
    private final List<String> prefix;
    private final boolean expectManifest;
    private final KeyCheck check;
    private BackupManifest manifest;
    private final Set<String> seen = new HashSet<>();
    private final Map<String, ArchivedFile> byTarget = new LinkedHashMap<>();
    private int ignored;

    Content(ArchiveSource src, List<String> prefix, boolean expectManifest, KeyCheck check) {
      this.src = src;
      this.prefix = prefix;
      this.expectManifest = expectManifest;
      this.check = check;
    }

    void visit(ArchiveSource.Entry e, InputStream content) throws IOException, KeysException {
      ArchiveLimits limits = src.limits();
      if (expectManifest && e.index() == 0) {
        manifest =
            BackupManifest.parse(
                readAll(content, e.tar().size(), limits.maxManifestBytes(), e.name()));
        return;
      }
      List<String> comps = e.components();
      if (e.tar().isDirectory()) {
        boolean ancestor =
            comps.size() <= prefix.size() && prefix.subList(0, comps.size()).equals(comps);
        if (!ancestor) {
          relativeDir(e);
        }
        return;
      }
      List<String> rel = relative(e, prefix);
      String relPath = String.join("/", rel);
      ArchivedFile f;
      if (rel.get(0).equals("private")) {
        byte[] data = readAll(content, e.tar().size(), limits.maxKeyBytes(), e.name());
        KeyFileFormat.Parsed key;
        try {
          key = KeyFileFormat.parse(EntryNames.join(rel, 1), data);
        } catch (KeyFileFormat.NotAKeyException ex) {
          throw new ArchiveFormatException(e.name(), "not a key (" + ex.getMessage() + ")");
        }
        BackupManifest.KeyRef ref = new BackupManifest.KeyRef(key.id(), key.role(), key.gun());
        f =
            new ArchivedFile(
                relPath,
                "private/" + key.flatName(),
                data.length,
                sha256Hex(data),
                sha256Hex(key.flatBytes()),
                ref,
                key.legacyLayout());
        matchManifest(e, f);
        if (check != null) {
          check.check(f, key);
        }
      } else {
        if (e.tar().size() > limits.maxFileBytes()) {
          throw new ArchiveFormatException(e.name(), "too large (" + e.tar().size() + " bytes)");
        }
        MessageDigest md = sha256();
        byte[] buf = new byte[8192];
        long n = 0;
        for (int r = content.read(buf); r > 0; r = content.read(buf)) {
          md.update(buf, 0, r);
          n += r;
        }
        String sha = HexFormat.of().formatHex(md.digest());
        f = new ArchivedFile(relPath, relPath, n, sha, sha, null, false);
        matchManifest(e, f);
      }
      add(e, f);
    }

    private void relativeDir(ArchiveSource.Entry e) throws ArchiveFormatException {
      List<String> comps = e.components();
      if (comps.size() <= prefix.size() || !comps.subList(0, prefix.size()).equals(prefix)) {
        throw new ArchiveFormatException(e.name(), "outside private/ and tuf/");
      }
      List<String> rel = comps.subList(prefix.size(), comps.size());
      if (!(rel.get(0).equals("private") || rel.get(0).equals("tuf"))) {
        throw new ArchiveFormatException(e.name(), "outside private/ and tuf/");
      }
      if (!EntryNames.allSafe(rel, 1)) {
        throw new ArchiveFormatException(
            e.name(),
            "a name keys does not create (only letters, digits and . _ - : @ +, no leading dot)");
      }
    }

    private void matchManifest(ArchiveSource.Entry e, ArchivedFile f)
        throws ArchiveFormatException {
      if (manifest == null) {
        return;
      }
      BackupManifest.FileEntry m = manifest.files().get(f.archivePath());
      if (m == null) {
        throw new ArchiveFormatException(e.name(), "not listed in the manifest");
      }
      seen.add(f.archivePath());
      if (m.size() != f.size() || !m.sha256().equals(f.sha256())) {
        throw new ArchiveFormatException(
            e.name(), "its SHA-256 differs from the manifest's (corrupt or altered)");
      }
      if (f.key() != null && !f.key().equals(m.key())) {
        throw new ArchiveFormatException(
            e.name(), "its key ID, role or GUN differs from the manifest's");
      }
    }

    private void add(ArchiveSource.Entry e, ArchivedFile f) throws ArchiveFormatException {
      ArchivedFile prior = byTarget.get(f.target());
      if (prior == null) {
        byTarget.put(f.target(), f);
        return;
      }
      if (prior.legacy() && !f.legacy()) {
        byTarget.put(f.target(), f);
        ignored++;
      } else if (!prior.legacy() && f.legacy()) {
        ignored++;
      } else if (prior.targetSha256().equals(f.targetSha256())) {
        ignored++;
      } else {
        throw new ArchiveFormatException(
            e.name(),
            "a second, different file for " + f.target() + " (also " + prior.archivePath() + ")");
      }
    }

    ArchiveContents finish() throws KeysException {
      if (manifest != null) {
        for (String p : manifest.files().keySet()) {
          if (!seen.contains(p)) {
            throw new HostileArchiveException(
                src.path().toString(), p, "listed in the manifest but missing from the archive");
          }
        }
      }
      return new ArchiveContents(manifest, prefix, new ArrayList<>(byTarget.values()), ignored);
    }
  }
}
