package dev.trustkeys.backend.file;

import dev.trustkeys.core.KeyId;
import dev.trustkeys.core.KeyListing;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.UsageException;
import dev.trustkeys.core.io.FileTooLargeException;
import dev.trustkeys.core.io.InputFiles;
import dev.trustkeys.core.io.IoErrors;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code private/} without decrypting anything: the flat layout of Notary 0.4+ ({@code
 * <id>.key}) and the older {@code root_keys/} and {@code tuf_keys/<gun>/} layouts of Notary
 * 0.1-0.3. Files it cannot understand are reported, never fatal, never touched.
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

  /**
   * The result of a scan: the keys, one file per ID (the flat layout wins over legacy copies), and
   * what could not be read. A list, not a map by ID: a listing only walks it, and the flat layout's
   * names make their IDs unique already (a map cost `keys list` a hash and an entry per key).
   */
  static final class Scan {
    final List<KeyFile> keys = new ArrayList<>();
    final List<KeyListing.Unreadable> unreadable = new ArrayList<>();

    /** The key file of {@code id}, or null. */
    KeyFile get(KeyId id) {
      for (KeyFile f : keys) {
        if (f.id().equals(id)) {
          return f;
        }
      }
      return null;
    }
  }

  static Scan scan(Path privateDir) {
    return scan(privateDir, null);
  }

  /**
   * Scans {@code privateDir}; with an {@code order}, each reader sorts the flat-layout keys it read
   * (so that a listing's sort of the whole only merges runs), and {@link Scan#keys} iterates in
   * runs of that order.
   */
  static Scan scan(Path privateDir, Comparator<KeyFile> order) {
    if (!Files.isDirectory(privateDir)) {
      return new Scan();
    }
    // java.io.File.list: one native call that returns the names, where a DirectoryStream builds and
    // checks a Path per entry (this loop runs for every key on every `keys list`, mostly in the
    // interpreter).
    String[] names = privateDir.toFile().list();
    if (names == null) {
      Scan scan = new Scan();
      scan.unreadable.add(
          new KeyListing.Unreadable(
              privateDir.toString(), "cannot read the directory: " + whyUnlistable(privateDir)));
      return scan;
    }
    return read(privateDir, names, order);
  }

  /**
   * Reads the entries {@code privateDir} listed as {@code names}. Another process may have removed
   * some since (a {@code keys remove}, a restore): a name that is gone is not there, neither a key
   * nor an unreadable entry.
   */
  static Scan read(Path privateDir, String[] names, Comparator<KeyFile> order) {
    Scan scan = new Scan();
    // Not sorted here: listings sort by Notary's order (ID last), lookups go by ID. Sorting 10,000
    // names cost more than a tenth of a listing.
    Part[] parts = readFlatKeys(privateDir, names, order);
    List<String> others = new ArrayList<>();
    for (Part part : parts) {
      scan.keys.addAll(part.keys); // one file per name: IDs unique
      scan.unreadable.addAll(part.unreadable);
      others.addAll(part.others);
    }
    // in a fixed order, whichever reader took them: the legacy layouts' copies of one key are then
    // always taken in the same order (root_keys before tuf_keys)
    Collections.sort(others);
    List<KeyFile> legacy = new ArrayList<>();
    for (String name : others) {
      Path p = privateDir.resolve(name);
      if (gone(p)) {
        continue;
      }
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        if (name.equals(LEGACY_ROOT) || name.equals(LEGACY_TUF)) {
          scanLegacy(p, name.equals(LEGACY_TUF), legacy, scan);
        } else if (!name.equals(LEGACY_CERTS)) {
          scan.unreadable.add(
              new KeyListing.Unreadable(p.toString(), "unexpected directory (left alone)"));
        }
        continue;
      }
      scan.unreadable.add(
          new KeyListing.Unreadable(
              p.toString(), "not a key file: its name is not <key ID>.key (left alone)"));
    }
    if (!legacy.isEmpty()) {
      Set<KeyId> seen = new HashSet<>();
      for (KeyFile k : scan.keys) {
        seen.add(k.id());
      }
      for (KeyFile k : legacy) {
        if (seen.add(k.id())) {
          scan.keys.add(k);
        }
      }
    }
    scan.unreadable.sort(BY_LOCATION);
    return scan;
  }

  /**
   * Below this many names one thread reads them all. Two threads read 300 keys about 4% sooner and
   * 1,000 keys 3% sooner than one on the 2-core machine (interleaved runs of bin/keys, 30 cycles
   * each; at 100 keys, no difference). The property is for tests (to take the parallel path with a
   * few keys) and for measuring.
   */
  static int parallelThreshold() {
    return Integer.getInteger("keys.scan.parallelThreshold", 200);
  }

  /**
   * How many names a reader takes at a time. The readers take the next run of names until none is
   * left, so that one slowed down (on two cores the JIT compiles beside them) leaves more to the
   * other instead of finishing last with half of them.
   */
  private static final int RUN = 32;

  /** What one reader found in the names it took. */
  private static final class Part implements Runnable {
    final Path dir;
    final String[] names;

    /** The first name no reader has taken yet, shared by the readers. */
    final AtomicInteger next;

    final List<KeyFile> keys = new ArrayList<>();
    final List<KeyListing.Unreadable> unreadable = new ArrayList<>();

    /**
     * Names that are not flat-layout key files (or are directories named like one): handled
     * afterwards.
     */
    final List<String> others = new ArrayList<>();

    Throwable failure;

    final Comparator<KeyFile> order;

    Part(Path dir, String[] names, AtomicInteger next, Comparator<KeyFile> order) {
      this.dir = dir;
      this.names = names;
      this.next = next;
      this.order = order;
    }

    @Override
    public void run() {
      try {
        byte[] buffer = new byte[MAX_KEY_FILE + 1];
        String prefix = dir.toString() + "/";
        for (int from = next.getAndAdd(RUN); from < names.length; from = next.getAndAdd(RUN)) {
          read(from, Math.min(from + RUN, names.length), buffer, prefix);
        }
        if (order != null) {
          keys.sort(order);
        }
      } catch (RuntimeException | Error e) {
        failure = e;
      }
    }

    /** Reads names {@code from} (included) to {@code to}. */
    private void read(int from, int to, byte[] buffer, String prefix) {
      for (int i = from; i < to; i++) {
        String name = names[i];
        if (AtomicFiles.isTemporary(name)) {
          continue;
        }
        KeyId id =
            name.endsWith(".key") ? KeyId.ofOrNull(name.substring(0, name.length() - 4)) : null;
        if (id == null) {
          others.add(name);
          continue;
        }
        // Key files are read straight away; the stat that tells a directory is only paid for
        // other names, or when the read fails (one system call less per key on the listing path).
        // No Path is built per key (the KeyFile makes its own when asked): the string is all
        // open(2) needs.
        String file = prefix + name;
        try {
          KeyFile f = flatKey(dir, name, id, file, buffer);
          f.algorithm(); // told here, by this reader, rather than by the listing's one thread
          // afterwards
          keys.add(f);
        } catch (UnreadableException | UsageException e) {
          Path p = dir.resolve(name);
          if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            others.add(name);
          } else if (!gone(p)) {
            unreadable.add(new KeyListing.Unreadable(file, e.getMessage()));
          }
        }
      }
    }
  }

  /**
   * Reads the flat-layout key files among {@code names}. A large directory is shared between two to
   * four threads (as many as there are processors, at least two): opening and reading thousands of
   * small files is mostly system calls, and they run in parallel (10,000 keys on two cores: about
   * half the time of one thread).
   */
  private static Part[] readFlatKeys(Path dir, String[] names, Comparator<KeyFile> order) {
    int threads =
        names.length < parallelThreshold()
            ? 1
            : Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    Part[] parts = new Part[threads];
    Thread[] workers = new Thread[threads];
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      parts[t] = new Part(dir, names, next, order);
      if (t > 0) {
        workers[t] = new Thread(parts[t], "keys-scan-" + t);
        workers[t].setDaemon(true);
        workers[t].start();
      }
    }
    parts[0].run();
    boolean interrupted = false;
    for (int t = 1; t < threads; t++) {
      while (true) {
        try {
          workers[t].join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    for (Part part : parts) {
      if (part.failure instanceof RuntimeException) {
        throw (RuntimeException) part.failure;
      }
      if (part.failure instanceof Error) {
        throw (Error) part.failure;
      }
    }
    return parts;
  }

  /**
   * The error a directory stream gives for a directory File.list could not read (rare: the slow
   * path).
   */
  private static String whyUnlistable(Path dir) {
    try {
      Files.newDirectoryStream(dir).close(); // only its error matters
      return "it changed while being read";
    } catch (IOException e) {
      return IoErrors.reason(e);
    }
  }

  /**
   * Unreadable entries in a stable order (the directory's order is arbitrary). A class: no lambda
   * at start-up.
   */
  private static final Comparator<KeyListing.Unreadable> BY_LOCATION = new ByLocation();

  private static final class ByLocation implements Comparator<KeyListing.Unreadable> {
    @Override
    public int compare(KeyListing.Unreadable a, KeyListing.Unreadable b) {
      return a.location().compareTo(b.location());
    }
  }

  /**
   * The key file of {@code id} in the flat layout ({@code <id>.key}), read alone: what {@link
   * #scan} holds for {@code id} whenever that file is a key it can read (the flat layout wins over
   * legacy copies), without reading every other file. Null when the file is not there or is no
   * readable key: the caller then scans, which also finds a legacy copy and says why the file is
   * unreadable.
   */
  static KeyFile flatKey(Path privateDir, KeyId id) {
    String name = id.hex() + ".key";
    try {
      return flatKey(
          privateDir, name, id, privateDir.resolve(name).toString(), new byte[MAX_KEY_FILE + 1]);
    } catch (UnreadableException | UsageException e) {
      return null;
    }
  }

  private static KeyFile flatKey(Path dir, String name, KeyId id, String file, byte[] buffer)
      throws UnreadableException, UsageException {
    PemBlock block = readKeyBlock(file, buffer);
    String roleName = block.header("role");
    if (roleName == null) {
      throw new UnreadableException("no 'role' header");
    }
    Role role = role(roleName);
    String gun = role.belongsToGun() ? nullToEmpty(block.header("gun")) : "";
    return new KeyFile(dir, name, id, role, gun, block);
  }

  private static void scanLegacy(Path dir, boolean tufKeys, List<KeyFile> out, Scan scan) {
    List<Path> files = new ArrayList<>();
    try { // the walk reports what it cannot read itself, and goes on
      Files.walkFileTree(
          dir, EnumSet.noneOf(FileVisitOption.class), 16, new LegacyWalk(files, scan.unreadable));
    } catch (IOException e) {
      scan.unreadable.add(
          new KeyListing.Unreadable(
              dir.toString(), "cannot read the directory: " + IoErrors.reason(e)));
      return;
    }
    Collections.sort(files);
    byte[] buffer = new byte[MAX_KEY_FILE + 1];
    for (Path p : files) {
      Matcher m = Legacy.NAME.matcher(p.getFileName().toString());
      if (!m.matches()) {
        scan.unreadable.add(
            new KeyListing.Unreadable(
                p.toString(), "not a key file of the Notary 0.1-0.3 layout (left alone)"));
        continue;
      }
      try {
        KeyId id = KeyId.of(m.group(1));
        PemBlock block = readKeyBlock(p.toString(), buffer);
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
        if (!gone(p)) {
          scan.unreadable.add(new KeyListing.Unreadable(p.toString(), e.getMessage()));
        }
      }
    }
  }

  /**
   * Collects the files under a Notary 0.1-0.3 layout's directory: regular files and links to them.
   * An entry that cannot be read is reported; one removed during the walk (by another process) is
   * not there. A class, not a lambda (this package's rule for the listing path).
   */
  static final class LegacyWalk extends SimpleFileVisitor<Path> {
    private final List<Path> files;
    private final List<KeyListing.Unreadable> unreadable;

    LegacyWalk(List<Path> files, List<KeyListing.Unreadable> unreadable) {
      this.files = files;
      this.unreadable = unreadable;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file))) {
        files.add(file);
      }
      return FileVisitResult.CONTINUE;
    }

    /** An entry whose attributes could not be read, or a directory that could not be opened. */
    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      failed(file, "cannot read: ", e);
      return FileVisitResult.CONTINUE;
    }

    /** A directory whose listing failed part way. */
    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      if (e != null) {
        failed(dir, "cannot read the directory: ", e);
      }
      return FileVisitResult.CONTINUE;
    }

    private void failed(Path p, String what, IOException e) {
      if (!(e instanceof NoSuchFileException)) {
        unreadable.add(new KeyListing.Unreadable(p.toString(), what + IoErrors.reason(e)));
      }
    }
  }

  /**
   * Whether {@code p}, listed by its directory, is no longer there at all (not even as a link): it
   * was removed since, by another process. A failure to tell (a permission error) is not "gone".
   */
  private static boolean gone(Path p) {
    return Files.notExists(p, LinkOption.NOFOLLOW_LINKS);
  }

  static PemBlock readKeyBlock(Path p) throws UnreadableException {
    return readKeyBlock(p.toString(), new byte[MAX_KEY_FILE + 1]);
  }

  /**
   * Reads and parses one key file; {@code buffer} (MAX_KEY_FILE + 1 bytes) is scratch space,
   * reused.
   */
  static PemBlock readKeyBlock(String file, byte[] buffer) throws UnreadableException {
    byte[] bytes;
    // InputFiles: a FIFO (or a link to one) named like a key would block the open forever; it is
    // refused after one stat. A FileInputStream underneath rather than Files.newInputStream: far
    // less code between open(2) and read(2), which counts when `keys list` reads thousands of key
    // files at start-up.
    try {
      bytes = Arrays.copyOf(buffer, InputFiles.read(file, buffer, MAX_KEY_FILE));
    } catch (FileTooLargeException e) {
      throw new UnreadableException("too large for a key file");
    } catch (IOException e) {
      throw new UnreadableException(IoErrors.reason(e));
    }
    try {
      return KeyFile.privateKeyBlock(bytes);
    } catch (PemBlock.PemException e) {
      throw new UnreadableException(e.getMessage());
    }
  }

  private static Role role(String name) throws UnreadableException {
    try {
      return Role.fromHeader(name);
    } catch (UsageException e) {
      throw new UnreadableException("unknown role " + dev.trustkeys.core.Untrusted.quote(name));
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
