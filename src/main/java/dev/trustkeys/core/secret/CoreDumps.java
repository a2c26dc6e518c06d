package dev.trustkeys.core.secret;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps decrypted keys and passphrases out of core dumps, as gpg-agent and ssh-agent do: the
 * core-file size limit goes to 0 ({@code setrlimit(RLIMIT_CORE)}, soft and hard) and the process is
 * marked not dumpable ({@code prctl(PR_SET_DUMPABLE, 0)}, which also keeps other processes of the
 * same user from reading its memory through {@code /proc} or attaching a debugger). {@code keys}
 * calls it before any command but a listing runs (a listing decrypts nothing, and must not pay for
 * loading the native library). JNA's native part is the copy the build made, where {@code bin/keys}
 * points JNA, or else is extracted into a directory private to this process's user ({@link
 * LibC#privateExtractionDirectory}).
 */
public final class CoreDumps {
  private static final int RLIMIT_CORE = 4; // Linux and macOS
  private static final int PR_SET_DUMPABLE = 4;
  private static final int PR_GET_DUMPABLE = 3;

  private CoreDumps() {}

  /** What {@link #disable} achieved. */
  public enum Outcome {
    /** No core file size, and (on Linux) not dumpable. */
    DISABLED,
    /**
     * The C library could not be reached (no native access here): core dumps are as the system has
     * them.
     */
    UNAVAILABLE
  }

  /**
   * The C library, looked up once. Its two functions are called through JNA's {@link Function}
   * rather than bound by direct mapping ({@code Native.register}): registering reflects on the
   * class and builds JNA's type descriptions, about 15 ms more of every command that turns core
   * dumps off, for two calls (docs/performance.md).
   */
  private static final class LibC {
    static final NativeLibrary C = bind();

    private static NativeLibrary bind() {
      Path extracted = privateExtractionDirectory();
      // JNA computes its default library search path when first used, on Linux by running
      // `ldconfig -p` in a child process: tens of milliseconds of every command that calls this.
      // keys names every native library by absolute path or by soname (libc.so.6,
      // libpcsclite.so.1), which dlopen resolves itself, so unless the user set that path it is
      // left empty (docs/performance.md).
      if (System.getProperty("jna.platform.library.path") == null) {
        System.setProperty("jna.platform.library.path", "");
      }
      try {
        return NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
      } catch (LinkageError | RuntimeException e) {
        return null;
      } finally {
        if (extracted != null) {
          try {
            // JNA deletes the library it extracted once it is loaded
            Files.deleteIfExists(extracted);
          } catch (IOException e) {
            // Not empty: left in the temporary directory, private to this user.
          }
        }
      }
    }

    /**
     * JNA extracts its native part to a file created with mode 0666 (less the umask), by default in
     * {@code ~/.cache/JNA/temp}, a directory it creates the same way: under umask 000 another user
     * could replace the library between its extraction and its loading, in a process about to
     * decrypt keys. {@code bin/keys} points JNA at the copy the build made ({@link
     * #bootLibraryPresent}), which needs no extraction, and then JNA extracts nothing even if that
     * copy does not load. Otherwise, unless the user chose JNA's extraction directory, JNA extracts
     * into a new directory only this user may enter (created 0700, with a random name). Returns
     * that directory, or null.
     */
    private static Path privateExtractionDirectory() {
      if (bootLibraryPresent()) {
        // Should the copy not load (one made for another machine), JNA must not fall back to
        // extracting into its default directory: core dumps then stay as the system has them.
        if (System.getProperty("jna.nounpack") == null) {
          System.setProperty("jna.nounpack", "true");
        }
        return null;
      }
      if (System.getProperty("jna.tmpdir") != null) {
        return null;
      }
      try {
        Path dir =
            Files.createTempDirectory(
                "keys-jna-"); // 0700, atomically, with a name nobody can guess
        System.setProperty("jna.tmpdir", dir.toString());
        return dir;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }

    /**
     * Whether JNA will find its native part in {@code jna.boot.library.path} (where {@code
     * bin/keys} points it, at the copy the build made in {@code target/native}) and so extracts
     * nothing.
     */
    private static boolean bootLibraryPresent() {
      String path = System.getProperty("jna.boot.library.path");
      if (path == null) {
        return false;
      }
      // the name JNA looks for there
      String name = System.mapLibraryName("jnidispatch").replace(".dylib", ".jnilib");
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

    /** {@code setrlimit(resource, {soft, hard})}. */
    static int setrlimit(int resource, long[] limits) {
      return C.getFunction("setrlimit").invokeInt(new Object[] {resource, limits});
    }

    /** {@code prctl(option, arg2, arg3, arg4, arg5)}, the arguments as unsigned longs. */
    static int prctl(int option, long arg2, long arg3, long arg4, long arg5) {
      return C.getFunction("prctl").invokeInt(new Object[] {option, arg2, arg3, arg4, arg5});
    }
  }

  /**
   * Turns core dumps off for this process (best effort: where native access fails the process runs
   * on, with {@link Outcome#UNAVAILABLE}).
   */
  public static Outcome disable() {
    if (!(Platform.isLinux() || Platform.isMac()) || LibC.C == null) {
      return Outcome.UNAVAILABLE;
    }
    try {
      boolean ok = LibC.setrlimit(RLIMIT_CORE, new long[] {0, 0}) == 0;
      if (Platform.isLinux()) {
        ok &= LibC.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
      }
      return ok ? Outcome.DISABLED : Outcome.UNAVAILABLE;
    } catch (LinkageError | RuntimeException e) {
      return Outcome.UNAVAILABLE;
    }
  }

  /**
   * Whether this process may dump core ({@code prctl(PR_GET_DUMPABLE)}, Linux); for tests and
   * {@code doctor}.
   */
  public static boolean dumpable() {
    if (!Platform.isLinux() || LibC.C == null) {
      return true;
    }
    return LibC.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0;
  }
}
