package dev.trustkeys.backup;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyInfo;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@value #NAME}, the first entry of every archive {@code keys backup} writes: what the archive
 * holds (every file with its size and SHA-256; for keys, ID, role and GUN), the keys that could not
 * be included because they live on hardware, the tool version and the time.
 */
public final class BackupManifest {
  public static final String NAME = "keys-backup-manifest.json";
  static final String FORMAT = "keys-backup";
  static final int VERSION = 1;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final String tool;
  private final Instant created;
  private final boolean withMetadata;
  private final Map<String, FileEntry> files;
  private final List<HardwareKey> hardwareKeys;

  BackupManifest(
      String tool,
      Instant created,
      boolean withMetadata,
      List<FileEntry> files,
      List<HardwareKey> hardwareKeys) {
    this.tool = tool;
    this.created = created;
    this.withMetadata = withMetadata;
    this.files = new LinkedHashMap<>();
    for (FileEntry f : files) {
      this.files.put(f.path(), f);
    }
    this.hardwareKeys = List.copyOf(hardwareKeys);
  }

  /** A key the archive holds a file of. */
  public record KeyRef(KeyId id, Role role, String gun) {}

  /**
   * One file of the archive: its path in the archive, size and SHA-256 (hex); {@code key} for key
   * files.
   */
  public record FileEntry(String path, long size, String sha256, KeyRef key) {
    public FileEntry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  /**
   * A key that lives on a token and so is not in the archive.
   *
   * @param location where it lives ({@code yubikey:serial=N;slot=9c}, a {@code pkcs11:} URI)
   * @param fileCopy the archive path of its encrypted file copy, or null when it has none
   */
  public record HardwareKey(
      KeyId id, Role role, String gun, String kind, String location, String fileCopy) {
    static HardwareKey of(KeyInfo k, String fileCopy) {
      return new HardwareKey(
          k.id(), k.role(), k.gun(), k.location().scheme(), k.location().display(), fileCopy);
    }
  }

  public String tool() {
    return tool;
  }

  public Instant created() {
    return created;
  }

  public boolean withMetadata() {
    return withMetadata;
  }

  /** Files by archive path, in archive order. */
  public Map<String, FileEntry> files() {
    return java.util.Collections.unmodifiableMap(files);
  }

  public List<HardwareKey> hardwareKeys() {
    return hardwareKeys;
  }

  byte[] toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("tool", tool);
    root.put("created", created.toString());
    root.put("withMetadata", withMetadata);
    List<Object> fs = new ArrayList<>();
    for (FileEntry f : files.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", f.path());
      m.put("size", f.size());
      m.put("sha256", f.sha256());
      if (f.key() != null) {
        m.put("keyId", f.key().id().hex());
        m.put("role", f.key().role().name());
        m.put("gun", f.key().gun());
      }
      fs.add(m);
    }
    root.put("files", fs);
    List<Object> hs = new ArrayList<>();
    for (HardwareKey h : hardwareKeys) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("keyId", h.id().hex());
      m.put("role", h.role().name());
      m.put("gun", h.gun());
      m.put("kind", h.kind());
      m.put("location", h.location());
      m.put("fileCopy", h.fileCopy());
      hs.add(m);
    }
    root.put("hardwareKeys", hs);
    return dev.trustkeys.core.json.JsonWriter.pretty(root).getBytes(StandardCharsets.UTF_8);
  }

  /** The manifest is shallow: deeper nesting is refused as hostile. */
  private static final int MANIFEST_DEPTH = 16;

  /** Parses and checks a manifest read from an archive. */
  static BackupManifest parse(byte[] json) throws ArchiveFormatException {
    Object v;
    try {
      v =
          dev.trustkeys.core.json.JsonReader.parse(
              new String(json, StandardCharsets.UTF_8), MANIFEST_DEPTH);
    } catch (dev.trustkeys.core.json.JsonSyntaxException e) {
      throw new ArchiveFormatException("the manifest is not valid JSON (" + e.getMessage() + ")");
    }
    Map<String, Object> root = map(v, "the manifest");
    if (!FORMAT.equals(root.get("format"))) {
      throw bad("its format is not '" + FORMAT + "'");
    }
    if (!Long.valueOf(VERSION).equals(root.get("version"))) {
      throw bad(
          "version "
              + dev.trustkeys.core.Untrusted.quote(root.get("version"))
              + " is not supported (this keys"
              + " reads version "
              + VERSION
              + ")");
    }
    Instant created;
    try {
      created = Instant.parse(str(root, "created"));
    } catch (DateTimeParseException e) {
      throw bad("'created' is not a time");
    }
    List<FileEntry> files = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Object o : list(root.get("files"), "files")) {
      Map<String, Object> m = map(o, "a file entry");
      String sha = str(m, "sha256");
      if (!SHA256.matcher(sha).matches()) {
        throw bad("a file's sha256 is not 64 hex characters");
      }
      Object size = m.get("size");
      if (!(size instanceof Long) || (Long) size < 0) {
        throw bad("a file's size is not a number");
      }
      KeyRef key =
          m.containsKey("keyId")
              ? new KeyRef(keyId(str(m, "keyId")), role(str(m, "role")), str(m, "gun"))
              : null;
      FileEntry f = new FileEntry(str(m, "path"), (Long) size, sha, key);
      if (!seen.add(f.path())) {
        throw bad("it lists " + f.path() + " twice");
      }
      files.add(f);
    }
    List<HardwareKey> hw = new ArrayList<>();
    for (Object o : list(root.get("hardwareKeys"), "hardwareKeys")) {
      Map<String, Object> m = map(o, "a hardware key entry");
      Object copy = m.get("fileCopy");
      hw.add(
          new HardwareKey(
              keyId(str(m, "keyId")),
              role(str(m, "role")),
              str(m, "gun"),
              str(m, "kind"),
              str(m, "location"),
              copy instanceof String ? (String) copy : null));
    }
    Object meta = root.get("withMetadata");
    return new BackupManifest(str(root, "tool"), created, Boolean.TRUE.equals(meta), files, hw);
  }

  private static KeyId keyId(String s) throws ArchiveFormatException {
    try {
      return KeyId.of(s);
    } catch (UsageException e) {
      throw bad("a key ID is malformed");
    }
  }

  private static Role role(String s) throws ArchiveFormatException {
    try {
      return Role.of(s);
    } catch (UsageException e) {
      throw bad("a role is unknown");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String what) throws ArchiveFormatException {
    if (!(o instanceof Map)) {
      throw bad(what + " is not an object");
    }
    return (Map<String, Object>) o;
  }

  private static List<?> list(Object o, String what) throws ArchiveFormatException {
    if (!(o instanceof List)) {
      throw bad("'" + what + "' is not a list");
    }
    return (List<?>) o;
  }

  private static String str(Map<String, Object> m, String key) throws ArchiveFormatException {
    Object v = m.get(key);
    if (!(v instanceof String)) {
      throw bad("'" + key + "' is missing or not a string");
    }
    return (String) v;
  }

  private static ArchiveFormatException bad(String why) {
    return new ArchiveFormatException("the manifest is not valid: " + why);
  }
}
