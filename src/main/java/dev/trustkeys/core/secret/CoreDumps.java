package dev.trustkeys.core.secret;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import dev.trustkeys.core.io.Jna;

/**
 * Keeps decrypted keys and passphrases out of core dumps, as gpg-agent and ssh-agent do: the
 * core-file size limit goes to 0 ({@code setrlimit(RLIMIT_CORE)}, soft and hard) and the process is
 * marked not dumpable ({@code prctl(PR_SET_DUMPABLE, 0)}, which also keeps other processes of the
 * same user from reading its memory through {@code /proc} or attaching a debugger). {@code keys}
 * calls it before any command but a listing runs (a listing decrypts nothing, and must not pay for
 * loading the native library). JNA is set up by {@link Jna#prepare}: its native part is the copy
 * the build made, or else extracted into a directory private to this process's user.
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
      Jna.prepare();
      try {
        return NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
      } catch (LinkageError | RuntimeException e) {
        return null;
      }
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
   * {@link #disable} on a thread of its own, already started: the caller goes on with work that
   * reads nothing secret (binding the C library through JNA takes tens of milliseconds) and joins
   * the thread before any secret is read. {@code keys} starts it first thing for every command but
   * a listing, and the build's class-data-sharing training starts it the same way, so that the
   * archives hold the task's class (loading it from the jar instead opened the jar on every signing
   * command's main thread: docs/performance.md).
   */
  public static Thread disableInBackground() {
    Thread thread = new Thread(new Disable(), "keys-core-dumps");
    thread.start();
    return thread;
  }

  /** {@link #disable} as a task (a class, not a lambda: no class spun at run time). */
  private static final class Disable implements Runnable {
    @Override
    public void run() {
      disable();
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
