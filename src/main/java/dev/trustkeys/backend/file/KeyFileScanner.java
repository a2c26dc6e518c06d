package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code private/} without decrypting anything: the flat layout of Notary 0.4+ ({@code <id>.key}) and the
 * older {@code root_keys/} and {@code tuf_keys/<gun>/} layouts of Notary 0.1-0.3. Files it cannot understand are
 * reported, never fatal, never touched.
 */
final class KeyFileScanner {
  static final String LEGACY_ROOT = "root_keys";
  static final String LEGACY_TUF = "tuf_keys";
  static final String LEGACY_CERTS = "trusted_certificates";
  private static final int MAX_KEY_FILE = 64 * 1024;

  private KeyFileScanner() {}

  /** Compiled only when a Notary 0.1-0.3 layout is found (not on the common listing path). */
  private static final class Legacy {
    static final Pattern NAME = Pattern.compile("([0-9a-f]{64})(?:_([A-Za-z0-9_./\\-]+))?\\.key");
  }

  /** The result of a scan: keys by ID (flat layout wins over legacy copies), and what could not be read. */
  static final class Scan {
    final Map<KeyId, KeyFile> keys = new LinkedHashMap<>();
    final List<KeyListing.Unreadable> unreadable = new ArrayList<>();
    /** One read buffer for every file of the scan (10,000 keys would otherwise allocate 80 MB and collect). */
    final byte[] buffer = new byte[MAX_KEY_FILE + 1];
  }

  static Scan scan(Path privateDir) {
    Scan scan = new Scan();
    if (!Files.isDirectory(privateDir)) {
      return scan;
    }
    // java.io.File.list: one native call that returns the names, where a DirectoryStream builds and checks a
    // Path per entry (this loop runs for every key on every `keys list`, mostly in the interpreter).
    String[] names = privateDir.toFile().list();
    if (names == null) {
      scan.unreadable.add(new KeyListing.Unreadable(privateDir.toString(), "cannot read directory: " + whyUnlistable(privateDir)));
      return scan;
    }
    Arrays.sort(names);
    List<KeyFile> legacy = new ArrayList<>();
    for (String name : names) {
      if (AtomicFiles.isTemporary(name)) {
        continue;
      }
      Path p = privateDir.resolve(name);
      boolean keyName = name.endsWith(".key") && KeyId.isKeyId(name.substring(0, name.length() - 4));
      // Key files are read straight away; the stat that tells a directory is only paid for other names, or
      // when the read fails (one system call less per key on the listing path).
      if (keyName) {
        try {
          KeyFile f = flatKey(p, name, scan.buffer);
          scan.keys.put(f.id(), f);
          continue;
        } catch (UnreadableException | UsageException e) {
          if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            scan.unreadable.add(new KeyListing.Unreadable(p.toString(), e.getMessage()));
            continue;
          }
        }
      }
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        if (name.equals(LEGACY_ROOT) || name.equals(LEGACY_TUF)) {
          scanLegacy(p, name.equals(LEGACY_TUF), legacy, scan);
        } else if (!name.equals(LEGACY_CERTS)) {
          scan.unreadable.add(new KeyListing.Unreadable(p.toString(), "unexpected directory (left alone)"));
        }
        continue;
      }
      scan.unreadable.add(new KeyListing.Unreadable(p.toString(), "not a key file: its name is not <key ID>.key (left alone)"));
    }
    for (KeyFile k : legacy) {
      scan.keys.putIfAbsent(k.id(), k);
    }
    return scan;
  }

  /** The error a directory stream gives for a directory File.list could not read (rare: the slow path). */
  private static String whyUnlistable(Path dir) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      return "it changed while being read";
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  private static KeyFile flatKey(Path p, String name, byte[] buffer) throws UnreadableException, UsageException {
    KeyId id = KeyId.of(name.substring(0, name.length() - 4));
    PemBlock block = readKeyBlock(p, buffer);
    String roleName = block.header("role");
    if (roleName == null) {
      throw new UnreadableException("no 'role' header");
    }
    Role role = role(roleName);
    String gun = role.belongsToGun() ? nullToEmpty(block.header("gun")) : "";
    return new KeyFile(p, id, role, gun, block, false);
  }

  private static void scanLegacy(Path dir, boolean tufKeys, List<KeyFile> out, Scan scan) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir, 16)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      scan.unreadable.add(new KeyListing.Unreadable(dir.toString(), "cannot read directory: " + e.getMessage()));
      return;
    }
    for (Path p : files) {
      Matcher m = Legacy.NAME.matcher(p.getFileName().toString());
      if (!m.matches()) {
        scan.unreadable.add(new KeyListing.Unreadable(p.toString(), "not a key file of the Notary 0.1-0.3 layout (left alone)"));
        continue;
      }
      try {
        KeyId id = KeyId.of(m.group(1));
        PemBlock block = readKeyBlock(p, scan.buffer);
        String roleName = block.header("role") != null ? block.header("role") : m.group(2);
        if (roleName == null) {
          roleName = tufKeys ? Role.DELEGATION.name() : Role.ROOT.name();
        }
        Role role = role(roleName);
        String gun = "";
        if (tufKeys && role.belongsToGun()) {
          Path rel = dir.relativize(p.getParent());
          gun = block.header("gun") != null ? block.header("gun") : rel.toString();
        }
        out.add(new KeyFile(p, id, role, gun, block, true));
      } catch (UnreadableException | UsageException e) {
        scan.unreadable.add(new KeyListing.Unreadable(p.toString(), e.getMessage()));
      }
    }
  }

  static PemBlock readKeyBlock(Path p) throws UnreadableException {
    return readKeyBlock(p, new byte[MAX_KEY_FILE + 1]);
  }

  /** Reads and parses one key file; {@code buffer} (MAX_KEY_FILE + 1 bytes) is scratch space, reused. */
  static PemBlock readKeyBlock(Path p, byte[] buffer) throws UnreadableException {
    byte[] bytes;
    // FileInputStream rather than Files.newInputStream: far less code between open(2) and read(2), which counts
    // when `keys list` reads thousands of key files at start-up.
    try (InputStream in = new FileInputStream(p.toString())) {
      int n = in.readNBytes(buffer, 0, MAX_KEY_FILE + 1);
      if (n > MAX_KEY_FILE) {
        throw new UnreadableException("too large for a key file");
      }
      bytes = Arrays.copyOf(buffer, n);
    } catch (IOException e) {
      throw new UnreadableException("cannot read: " + e.getMessage());
    }
    List<PemBlock> blocks;
    try {
      blocks = PemBlock.parseAll(bytes, StandardCharsets.US_ASCII);
    } catch (PemBlock.PemException e) {
      throw new UnreadableException(e.getMessage());
    }
    for (PemBlock b : blocks) {
      if (KeyFile.isPrivateKeyBlock(b)) {
        return b;
      }
    }
    throw new UnreadableException(blocks.isEmpty() ? "not PEM" : "holds no private key");
  }

  private static Role role(String name) throws UnreadableException {
    try {
      return Role.of(name);
    } catch (UsageException e) {
      throw new UnreadableException("unknown role '" + name + "'");
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** A file that cannot be understood as a key. */
  static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message);
    }
  }
}
