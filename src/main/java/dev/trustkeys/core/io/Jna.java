package dev.trustkeys.core.io;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * JNA, set up once per process the way keys uses it. Every caller of JNA in keys (turning core
 * dumps off, PKCS#11 modules, libykpiv, libpcsclite) calls {@link #prepare} before it touches a JNA
 * class, whichever comes first in a command: {@code keys list} with a recorded token loads a
 * PKCS#11 module without ever turning core dumps off.
 *
 * <ul>
 *   <li><b>Where JNA's native part comes from.</b> JNA extracts it to a file created with mode 0666
 *       (less the umask), by default in {@code ~/.cache/JNA/temp}, a directory it creates the same
 *       way: under umask 000 another user could replace the library between its extraction and its
 *       loading, in a process about to decrypt keys. {@code bin/keys} points JNA at the copy the
 *       build made in {@code target/native} ({@code jna.boot.library.path}): then JNA extracts
 *       nothing, even if that copy does not load ({@code jna.nounpack}). Otherwise, unless the user
 *       chose JNA's extraction directory ({@code jna.tmpdir}), JNA extracts into a new directory
 *       only this user may enter (created 0700, with a random name), removed once the library is
 *       loaded.
 *   <li><b>No child process.</b> JNA computes its default library search path when first used, on
 *       Linux by running {@code ldconfig -p} in a child process: tens of milliseconds. keys names
 *       every native library by absolute path or by soname (libc.so.6, libpcsclite.so.1), which
 *       dlopen resolves itself, so unless the user set that path it is left empty
 *       (docs/performance.md).
 * </ul>
 */
public final class Jna {
  private static boolean prepared;

  private Jna() {}

  /**
   * Sets JNA up as above, once per process; later calls return at once. When JNA has to extract its
   * native part, it is loaded here, while the private directory exists. Where JNA cannot load,
   * nothing is thrown here: each caller meets the failure when it uses JNA.
   */
  public static synchronized void prepare() {
    if (prepared) {
      return;
    }
    prepared = true;
    if (System.getProperty("jna.platform.library.path") == null) {
      System.setProperty("jna.platform.library.path", "");
    }
    Path extracted = privateExtractionDirectory();
    if (extracted == null) {
      return;
    }
    try {
      // JNA's native part is loaded (extracted into the private directory) when this class is
      // initialised: now, while the directory exists
      Class.forName("com.sun.jna.Native");
    } catch (ClassNotFoundException | LinkageError e) {
      // JNA cannot load here: its callers fail as they did
    } finally {
      try {
        // JNA deletes the library it extracted once it is loaded
        Files.deleteIfExists(extracted);
      } catch (IOException e) {
        // Not empty: left in the temporary directory, private to this user.
      }
    }
  }

  /**
   * Why a native library could not be loaded through JNA, for a one-line message: the loader's own
   * first line, or, when JNA itself failed to start earlier in this process (its classes then
   * refuse to initialise), that.
   */
  public static String whyNotLoaded(LinkageError e) {
    if (e instanceof NoClassDefFoundError) {
      return "JNA's native support did not load in this process";
    }
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /**
   * The file name of JNA's native part: as JNA keeps it in its jar, and looks for it in {@code
   * jna.boot.library.path} ({@code libjnidispatch.so} on Linux).
   */
  public static String nativeLibraryName() {
    return System.mapLibraryName("jnidispatch").replace(".dylib", ".jnilib");
  }

  /**
   * The new private directory JNA is to extract into (set as {@code jna.tmpdir}), or null when it
   * extracts nothing or the user chose the directory.
   */
  private static Path privateExtractionDirectory() {
    if (bootLibraryPresent()) {
      // Should the copy not load (one made for another machine), JNA must not fall back to
      // extracting into its default directory: the caller then meets JNA's failure.
      if (System.getProperty("jna.nounpack") == null) {
        System.setProperty("jna.nounpack", "true");
      }
      return null;
    }
    if (System.getProperty("jna.tmpdir") != null) {
      return null;
    }
    try {
      // 0700, atomically, with a name nobody can guess
      Path dir = Files.createTempDirectory("keys-jna-");
      System.setProperty("jna.tmpdir", dir.toString());
      return dir;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether JNA will find its native part in {@code jna.boot.library.path} (where {@code bin/keys}
   * points it, at the copy the build made in {@code target/native}).
   */
  private static boolean bootLibraryPresent() {
    String path = System.getProperty("jna.boot.library.path");
    if (path == null) {
      return false;
    }
    String name = nativeLibraryName();
    try {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isRegularFile(Path.of(dir, name))) {
          return true;
        }
      }
    } catch (RuntimeException e) {
      // not a path here: JNA will not find it either
    }
    return false;
  }
}
