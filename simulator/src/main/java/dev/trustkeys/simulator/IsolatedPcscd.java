package dev.trustkeys.simulator;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private pcscd that only sees the virtual reader. It runs in its own mount namespace ({@code
 * unshare -m --propagation private}) where a private directory is bind-mounted on {@code
 * /run/pcscd} (when the host has no /run/pcscd, a tmpfs is first mounted on /run inside the
 * namespace, so nothing is created on the host), and where /dev/bus/usb is hidden so real USB
 * readers stay invisible. Clients reach it with {@code PCSCLITE_CSOCK_NAME=<dir>/run/pcscd.comm}.
 * Stopped by PID in {@link #close()}.
 */
public final class IsolatedPcscd implements Closeable {
  public static final String VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";
  public static final String DEFAULT_READER_NAME = "Yubico YubiKey 4 OTP+U2F+CCID";

  private final Path dir;
  private final Process process;

  private IsolatedPcscd(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  /**
   * Writes a reader.conf.d for vpcd connecting out to 127.0.0.1:{@code port} (and port+1), starts
   * pcscd and waits until its socket exists.
   */
  public static IsolatedPcscd start(Path dir, int port, String friendlyName, Duration timeout)
      throws IOException {
    for (String tool : new String[] {"/usr/sbin/pcscd", VPCD_DRIVER, "/usr/bin/unshare"}) {
      if (!Files.exists(Path.of(tool))) {
        throw new IOException(
            tool
                + " not found: install the Debian packages pcscd, vsmartcard-vpcd and"
                + " util-linux");
      }
    }
    Path conf = Files.createDirectories(dir.resolve("reader.conf.d"));
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.deleteIfExists(run.resolve("pcscd.comm"));
    String hexPort = String.format("0x%04X", port);
    Files.writeString(
        conf.resolve("vpcd"),
        "FRIENDLYNAME \""
            + friendlyName
            + "\"\n"
            + "DEVICENAME   127.0.0.1:"
            + hexPort
            + "\n"
            + "LIBPATH      "
            + VPCD_DRIVER
            + "\n"
            + "CHANNELID    "
            + hexPort
            + "\n");
    String script =
        "set -e\n"
            + "if [ ! -d /run/pcscd ]; then mount -t tmpfs -o mode=0755 tmpfs /run; mkdir /run/pcscd; fi\n"
            + "mount --bind \"$1\" /run/pcscd\n"
            + "if [ -d /dev/bus/usb ]; then mount -t tmpfs tmpfs /dev/bus/usb; fi\n"
            + "exec /usr/sbin/pcscd --foreground --error --config \"$2\"\n";
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/unshare"));
    if (!isRoot()) {
      cmd.add("--map-root-user");
    }
    cmd.addAll(
        List.of(
            "--mount",
            "--propagation",
            "private",
            "/bin/sh",
            "-c",
            script,
            "pcscd-ns",
            run.toString(),
            conf.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("pcscd.log").toFile());
    Process p = pb.start();
    IsolatedPcscd pcscd = new IsolatedPcscd(dir, p);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Files.exists(run.resolve("pcscd.comm"))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        pcscd.close();
        throw new IOException(
            "isolated pcscd did not start (exit "
                + (p.isAlive() ? "-" : p.exitValue())
                + "); log: "
                + Files.readString(dir.resolve("pcscd.log")).strip());
      }
      sleep(20);
    }
    return pcscd;
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Value for PCSCLITE_CSOCK_NAME. */
  public Path socket() {
    return dir.resolve("run").resolve("pcscd.comm");
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return dir.resolve("pcscd.log");
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "IsolatedPcscd[pid=" + process.pid() + ", socket=" + socket() + "]";
  }
}
