package dev.trustkeys.simulator;

import dev.trustkeys.simulator.piv.CardState;
import dev.trustkeys.simulator.piv.CardStateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: one or two virtual YubiKey 4 cards served in this JVM, plus a private pcscd
 * subprocess that shows them as readers "Yubico YubiKey 4 OTP+U2F+CCID 00 00" (primary) and "... 00
 * 01" (backup, or empty).
 *
 * <p>The JVM that runs the rig cannot point its own libpcsclite at the private pcscd
 * (PCSCLITE_CSOCK_NAME is read from the process environment); run PC/SC clients (yubico-piv-tool,
 * pkcs11-tool, notary, a child JVM with SunPKCS11) as child processes with {@link #env()} added,
 * e.g. via {@link #command(String...)}.
 *
 * <pre>{@code
 * try (VirtualYubiKeyRig rig = VirtualYubiKeyRig.builder().serial(12345678).start()) {
 *     Process p = rig.command("yubico-piv-tool", "-a", "status").start();
 *     rig.card().trace().count("VERIFY");
 * }
 * }</pre>
 */
public final class VirtualYubiKeyRig implements AutoCloseable {
  public static final String SOCKET_ENV = "PCSCLITE_CSOCK_NAME";

  private final Path dir;
  private final boolean ownDir;
  private final List<VpcdCardEndpoint> endpoints;
  private final VirtualYubiKey primary;
  private final VirtualYubiKey backup;
  private final String readerName;
  private final Duration startTimeout;
  private volatile IsolatedPcscd pcscd;

  private VirtualYubiKeyRig(
      Path dir,
      boolean ownDir,
      List<VpcdCardEndpoint> endpoints,
      VirtualYubiKey primary,
      VirtualYubiKey backup,
      String readerName,
      Duration startTimeout) {
    this.dir = dir;
    this.ownDir = ownDir;
    this.endpoints = endpoints;
    this.primary = primary;
    this.backup = backup;
    this.readerName = readerName;
    this.startTimeout = startTimeout;
  }

  private void startPcscd() throws IOException {
    long atr1 = primary.trace().counters().getOrDefault("ATR", 0L);
    long atr2 = backup == null ? 0 : backup.trace().counters().getOrDefault("ATR", 0L);
    pcscd = IsolatedPcscd.start(dir, endpoints.get(0).port(), readerName, startTimeout);
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while ((primary.isPresent() && primary.trace().counters().getOrDefault("ATR", 0L) == atr1)
        || (backup != null
            && backup.isPresent()
            && backup.trace().counters().getOrDefault("ATR", 0L) == atr2)) {
      if (System.nanoTime() > deadline || !pcscd.isAlive()) {
        throw new IOException("pcscd never polled the virtual card; see " + pcscd.log());
      }
      IsolatedPcscd.sleep(20);
    }
  }

  /**
   * Called when a card is removed or inserted. A YubiKey is its own USB reader, so unplugging it
   * makes the reader disappear: the rig stops pcscd and starts a new one (same socket path) in
   * which the slot holds a {@link BlankCard} (or the card again after insert). Clients see the
   * PC/SC service go away and come back, for both readers.
   */
  private synchronized void presenceChanged() {
    IsolatedPcscd old = pcscd;
    if (old != null) {
      old.close();
    }
    try {
      startPcscd();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The card in the first reader ("... 00 00"). */
  public VirtualYubiKey card() {
    return primary;
  }

  /** The card in the second reader ("... 00 01"), or null when the rig runs one card. */
  public VirtualYubiKey backupCard() {
    return backup;
  }

  /** Environment a child process needs to reach the private pcscd. */
  public Map<String, String> env() {
    return Map.of(SOCKET_ENV, pcscd.socket().toString());
  }

  /**
   * A ProcessBuilder with {@link #env()} applied and the working directory set to the rig
   * directory.
   */
  public ProcessBuilder command(String... cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env());
    pb.directory(dir.toFile());
    return pb;
  }

  public Path directory() {
    return dir;
  }

  public int port() {
    return endpoints.get(0).port();
  }

  public IsolatedPcscd pcscd() {
    return pcscd;
  }

  @Override
  public synchronized void close() {
    if (pcscd != null) {
      pcscd.close();
    }
    for (VpcdCardEndpoint e : endpoints) {
      try {
        e.close();
      } catch (IOException ex) {
        // best effort
      }
    }
    if (ownDir) {
      deleteTree(dir);
    }
  }

  static void deleteTree(Path root) {
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  @Override
  public String toString() {
    return "VirtualYubiKeyRig[port="
        + port()
        + ", "
        + pcscd
        + ", primary="
        + primary
        + ", backup="
        + backup
        + "]";
  }

  /** Options. Cards are ephemeral unless a state file is given. */
  public static final class Builder {
    private int serial = 10_000_001;
    private Integer backupSerial;
    private Path stateFile;
    private Path backupStateFile;
    private TouchMode touch = TouchMode.AUTO;
    private Duration touchTimeout = SimulatedTouch.DEFAULT_TIMEOUT;
    private Path traceFile;
    private Path dir;
    private String readerName = IsolatedPcscd.DEFAULT_READER_NAME;
    private int port;
    private Duration startTimeout = Duration.ofSeconds(15);

    public Builder serial(int s) {
      this.serial = s;
      return this;
    }

    public Builder backupSerial(int s) {
      this.backupSerial = s;
      return this;
    }

    public Builder stateFile(Path f) {
      this.stateFile = f;
      return this;
    }

    public Builder backupStateFile(Path f) {
      this.backupStateFile = f;
      return this;
    }

    public Builder touch(TouchMode m) {
      this.touch = m;
      return this;
    }

    public Builder touchTimeout(Duration d) {
      this.touchTimeout = d;
      return this;
    }

    public Builder traceFile(Path f) {
      this.traceFile = f;
      return this;
    }

    /**
     * Working directory for pcscd config, socket and log; a temp dir (deleted on close) by default.
     */
    public Builder directory(Path d) {
      this.dir = d;
      return this;
    }

    public Builder readerName(String n) {
      this.readerName = n;
      return this;
    }

    /** Base port (the backup uses port+1); 0 picks a free pair. */
    public Builder port(int p) {
      this.port = p;
      return this;
    }

    public Builder startTimeout(Duration d) {
      this.startTimeout = d;
      return this;
    }

    public VirtualYubiKeyRig start() throws IOException {
      boolean ownDir = dir == null;
      Path d =
          ownDir ? Files.createTempDirectory("keys-yubikey-sim") : Files.createDirectories(dir);
      VirtualYubiKey primary = card(serial, stateFile);
      VirtualYubiKey backup =
          backupSerial == null && backupStateFile == null
              ? null
              : card(backupSerial == null ? serial + 1 : backupSerial, backupStateFile);
      List<VpcdCardEndpoint> endpoints = bind(primary, backup);
      VirtualYubiKeyRig rig =
          new VirtualYubiKeyRig(d, ownDir, endpoints, primary, backup, readerName, startTimeout);
      try {
        rig.startPcscd();
      } catch (IOException | RuntimeException e) {
        rig.close();
        throw e;
      }
      primary.onPresenceChange(rig::presenceChanged);
      if (backup != null) {
        backup.onPresenceChange(rig::presenceChanged);
      }
      return rig;
    }

    private VirtualYubiKey card(int s, Path file) throws IOException {
      CardState state =
          file == null ? CardState.factoryNew(s) : CardStateFile.loadOrCreate(file, s);
      ApduTrace trace = new ApduTrace(Clock.systemUTC(), traceFile);
      Runnable persist =
          file == null
              ? () -> {}
              : () -> {
                try {
                  CardStateFile.save(state, file);
                } catch (IOException e) {
                  throw new UncheckedIOException("cannot save card state to " + file, e);
                }
              };
      return new VirtualYubiKey(state, new SimulatedTouch(touch, touchTimeout), trace, persist);
    }

    private List<VpcdCardEndpoint> bind(VirtualYubiKey primary, VirtualYubiKey backup)
        throws IOException {
      IOException last = null;
      for (int attempt = 0; attempt < 20; attempt++) {
        int base = port != 0 ? port : freePortPair();
        VpcdCardEndpoint first = null;
        try {
          first = new VpcdCardEndpoint(base, primary);
          VpcdCardEndpoint second = new VpcdCardEndpoint(base + 1, backup);
          return new ArrayList<>(List.of(first, second));
        } catch (IOException e) {
          last = e;
          if (first != null) {
            first.close();
          }
          if (port != 0) {
            break;
          }
        }
      }
      throw new IOException("cannot listen on 127.0.0.1 for the virtual cards", last);
    }

    private static int freePortPair() throws IOException {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        int p = s.getLocalPort();
        return p >= 65535 ? p - 1 : p;
      }
    }
  }
}
