package dev.trustkeys.core.secret;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Keeps decrypted keys and passphrases out of core dumps, as gpg-agent and ssh-agent do: the core-file size limit
 * goes to 0 ({@code setrlimit(RLIMIT_CORE)}, soft and hard) and the process is marked not dumpable ({@code
 * prctl(PR_SET_DUMPABLE, 0)}, which also keeps other processes of the same user from reading its memory through
 * {@code /proc} or attaching a debugger). {@code keys} calls it before any command but a listing runs (a listing
 * decrypts nothing, and must not pay for loading the native library).
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
    /** The C library could not be reached (no native access here): core dumps are as the system has them. */
    UNAVAILABLE
  }

  /** The C library, bound once (direct mapping: no proxy classes, no reflection per call). */
  private static final class LibC {
    static final boolean BOUND = bind();

    private static boolean bind() {
      try {
        Native.register(LibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        return true;
      } catch (LinkageError | RuntimeException e) {
        return false;
      }
    }

    static native int setrlimit(int resource, long[] limits);

    static native int prctl(int option, long arg2, long arg3, long arg4, long arg5);
  }

  /**
   * Turns core dumps off for this process (best effort: where native access fails the process runs on, with
   * {@link Outcome#UNAVAILABLE}).
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

  /** Whether this process may dump core ({@code prctl(PR_GET_DUMPABLE)}, Linux); for tests and {@code doctor}. */
  public static boolean dumpable() {
    if (!Platform.isLinux() || !LibC.BOUND) {
      return true;
    }
    return LibC.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0;
  }
}
