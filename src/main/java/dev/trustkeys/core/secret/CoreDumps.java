package dev.trustkeys.core.secret;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps decrypted keys and passphrases out of core dumps, as gpg-agent and ssh-agent do: the
 * core-file size limit goes to 0 ({@code setrlimit(RLIMIT_CORE)}, soft and hard) and the process is
 * marked not dumpable ({@code prctl(PR_SET_DUMPABLE, 0)}, which also keeps other processes of the
 * same user from reading its memory through {@code /proc} or attaching a debugger). {@code keys}
 * calls it before any command but a listing runs (a listing decrypts nothing, and must not pay for
 * loading the native library). JNA's native part is extracted into a directory private to this
 * process's user ({@link LibC#privateExtractionDirectory}).
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

  /** The C library, bound once (direct mapping: no proxy classes, no reflection per call). */
  private static final class LibC {
    static final boolean BOUND = bind();

    private static boolean bind() {
      Path extracted = privateExtractionDirectory();
      // JNA computes its default library search path when first used, on Linux by running `ldconfig
      // -p` in a
      // child process: tens of milliseconds of every command that calls this. keys names every
      // native library
      // by absolute path or by soname (libc.so.6, libpcsclite.so.1), which dlopen resolves itself,
      // so unless the
      // user set that path it is left empty (docs/performance.md).
      if (System.getProperty("jna.platform.library.path") == null) {
        System.setProperty("jna.platform.library.path", "");
      }
      try {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        return true;
      } catch (LinkageError | RuntimeException e) {
        return false;
      } finally {
        if (extracted != null) {
          try {
            Files.deleteIfExists(
                extracted); // JNA deletes the library it extracted once it is loaded
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
     * decrypt keys. Unless the user set JNA's directories, JNA extracts into a new directory only
     * this user may enter (created 0700, with a random name). Returns that directory, or null.
     */
    private static Path privateExtractionDirectory() {
      if (System.getProperty("jna.tmpdir") != null
          || System.getProperty("jna.boot.library.path") != null) {
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

    static native int setrlimit(int resource, long[] limits);

    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);
  }

  /**
   * Turns core dumps off for this process (best effort: where native access fails the process runs
   * on, with {@link Outcome#UNAVAILABLE}).
   */
  public static Outcome disable() {
    if (!(Platform.isLinux() || Platform.isMac()) || !LibC.BOUND) {
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
    if (!Platform.isLinux() || !LibC.BOUND) {
      return true;
    }
    return LibC.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0;
  }
}
