package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.io.Jna;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds YubiKeys, cheaply: nothing is loaded unless libykpiv is installed and a PC/SC daemon socket
 * exists ({@code $PCSCLITE_CSOCK_NAME}, else {@code /run/pcscd/pcscd.comm}); then readers whose
 * name contains "yubikey" (any case) are connected to once each and their card's PIV application is
 * selected (one APDU, which every later command needs anyway). Serial numbers are read only where
 * they are needed: to choose by serial, to show them, and when several YubiKeys are plugged in.
 * Open sessions are kept for the life of this object (one process), so listing and then signing
 * connect once. Once one has verified the PIN or authenticated with the management key, they are
 * closed with a card reset when this object is closed or the process ends (as Yubico's own tools
 * do): a PIN verified by one {@code keys} command is not left verified on the YubiKey for whatever
 * runs next (pcscd does not reset a card when a client just exits). Without libykpiv or pcscd there
 * are simply no YubiKeys.
 */
public final class YubiKeys implements AutoCloseable {
  public static final String SOCKET_ENV = "PCSCLITE_CSOCK_NAME";
  static final Path DEFAULT_SOCKET = Path.of("/run/pcscd/pcscd.comm");

  private final Ykpiv.Lib lib;
  private final Pcsc.Lib pcsc;
  private final String unavailable;
  private List<YubiKeyDevice> devices;
  private Thread closeAtExit;

  private YubiKeys(Ykpiv.Lib lib, Pcsc.Lib pcsc, String unavailable) {
    this.lib = lib;
    this.pcsc = pcsc;
    this.unavailable = unavailable;
  }

  /** Looks for libykpiv and a PC/SC socket; loads nothing when either is missing. */
  public static YubiKeys probe(Map<String, String> env) {
    Optional<Path> libFile = Ykpiv.locate(env);
    if (libFile.isEmpty()) {
      return new YubiKeys(
          null, null, "libykpiv.so.2 is not installed (Debian/Ubuntu: apt install libykpiv2)");
    }
    String sock = env.get(SOCKET_ENV);
    Path socket = sock == null || sock.isBlank() ? DEFAULT_SOCKET : Path.of(sock);
    if (!Files.exists(socket)) {
      return new YubiKeys(
          null, null, "no PC/SC daemon is running (no " + socket + "; apt install pcscd)");
    }
    try {
      return new YubiKeys(Ykpiv.load(libFile.get()), Pcsc.load(), null);
    } catch (LinkageError e) {
      return new YubiKeys(null, null, "cannot load " + libFile.get() + ": " + Jna.whyNotLoaded(e));
    } catch (RuntimeException e) {
      return new YubiKeys(null, null, "cannot load " + libFile.get() + ": " + e.getMessage());
    }
  }

  /** Why no YubiKey can be used, if none can. */
  public Optional<String> unavailableReason() {
    return Optional.ofNullable(unavailable);
  }

  /**
   * The YubiKeys plugged in now (empty when libykpiv or pcscd is missing). With several, their
   * serials are read (to tell them apart in messages) and one whose serial cannot be read is left
   * out.
   */
  public synchronized List<YubiKeyDevice> devices() {
    return new ArrayList<>(connected());
  }

  /** The open session of a device from {@link #devices()}. */
  public synchronized PivSession session(YubiKeyDevice device) throws YubiKeyException {
    if (devices == null || !devices.contains(device)) {
      throw new YubiKeyException(device.name() + " is no longer connected: plug it in and retry");
    }
    return device.session();
  }

  /**
   * The one YubiKey to use: the one with {@code serial} if given, else the only one. Fails (exit 6)
   * when there is none, and (exit 2) when there are several and no serial was given.
   */
  public YubiKeyDevice select(Integer serial) throws YubiKeyException {
    List<YubiKeyDevice> all = devices();
    if (serial != null) {
      for (YubiKeyDevice d : all) {
        if (d.serial() == serial) {
          return d;
        }
      }
      throw new YubiKeyException("no YubiKey with serial " + serial + " is plugged in" + seen(all));
    }
    if (all.isEmpty()) {
      throw new YubiKeyException(
          "no YubiKey found"
              + (unavailable == null ? ": plug one in and try again" : ": " + unavailable));
    }
    if (all.size() > 1) {
      StringBuilder sb = new StringBuilder();
      for (YubiKeyDevice d : all) {
        sb.append(sb.length() == 0 ? "" : ", ").append(d.serial());
      }
      throw new YubiKeyException(
          "several YubiKeys are plugged in (serials " + sb + ")",
          ExitCode.USAGE,
          dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.CHOOSE_YUBIKEY));
    }
    return all.get(0);
  }

  private static String seen(List<YubiKeyDevice> all) throws YubiKeyException {
    if (all.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (plugged in: ");
    for (YubiKeyDevice d : all) {
      sb.append(d.serial()).append(' ');
    }
    return sb.toString().trim() + ")";
  }

  private List<YubiKeyDevice> connected() {
    if (devices != null) {
      return devices;
    }
    devices = new ArrayList<>();
    if (lib == null) {
      return devices;
    }
    for (String reader : Pcsc.readers(pcsc)) {
      if (!reader.toLowerCase(Locale.ROOT).contains("yubikey")) {
        continue;
      }
      PivSession s = null;
      try {
        s = PivSession.open(lib, pcsc, reader, this);
        s.select();
        devices.add(new YubiKeyDevice(reader, s));
      } catch (YubiKeyException | RuntimeException e) {
        // no card, another program holds it exclusively, or no PIV application: not a YubiKey we
        // can use
        if (s != null) {
          s.close();
        }
      }
    }
    if (devices.size() > 1) {
      List<YubiKeyDevice> readable = new ArrayList<>();
      for (YubiKeyDevice d : devices) {
        try {
          d.serial();
          readable.add(d);
        } catch (YubiKeyException | RuntimeException e) {
          d.session().close();
        }
      }
      devices = readable;
    }
    return devices;
  }

  /**
   * A session verified the PIN or authenticated with the management key: the sessions are closed
   * (disconnected with a card reset) when the process ends, unless {@link #close()} comes first.
   */
  synchronized void authenticated() {
    if (closeAtExit == null && devices != null) {
      closeAtExit = new CloseAtExit(this);
      Runtime.getRuntime().addShutdownHook(closeAtExit);
    }
  }

  @Override
  public synchronized void close() {
    if (devices != null) {
      devices.forEach(d -> d.session().close());
      devices = null;
    }
    if (closeAtExit != null && Thread.currentThread() != closeAtExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(closeAtExit);
      } catch (IllegalStateException e) {
        // the process is ending: the hook closes nothing more
      }
    }
    closeAtExit = null;
  }

  /** Closes the sessions (disconnect with a card reset) when the process ends. */
  private static final class CloseAtExit extends Thread {
    private final YubiKeys keys;

    CloseAtExit(YubiKeys keys) {
      super("keys-yubikey-close");
      this.keys = keys;
    }

    @Override
    public void run() {
      keys.close();
    }
  }
}
