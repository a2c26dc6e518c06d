package dev.trustkeys.backend.yubikey;

import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.trustkeys.core.ExitCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds YubiKeys, cheaply: nothing is loaded unless libykpiv is installed and a PC/SC daemon socket exists
 * ({@code $PCSCLITE_CSOCK_NAME}, else {@code /run/pcscd/pcscd.comm}); then readers whose name contains
 * "yubikey" (any case) are opened once each. Open sessions are kept for the life of this object (one process), so
 * listing and then signing connect once. Without libykpiv or pcscd there are simply no YubiKeys.
 */
public final class YubiKeys implements AutoCloseable {
  public static final String SOCKET_ENV = "PCSCLITE_CSOCK_NAME";
  static final Path DEFAULT_SOCKET = Path.of("/run/pcscd/pcscd.comm");

  private final Ykpiv.Lib lib;
  private final String unavailable;
  private Map<YubiKeyDevice, PivSession> sessions;

  private YubiKeys(Ykpiv.Lib lib, String unavailable) {
    this.lib = lib;
    this.unavailable = unavailable;
  }

  /** Looks for libykpiv and a PC/SC socket; loads nothing when either is missing. */
  public static YubiKeys probe(Map<String, String> env) {
    Optional<Path> libFile = Ykpiv.locate(env);
    if (libFile.isEmpty()) {
      return new YubiKeys(null, "libykpiv.so.2 is not installed (Debian/Ubuntu: apt install libykpiv2)");
    }
    String sock = env.get(SOCKET_ENV);
    Path socket = sock == null || sock.isBlank() ? DEFAULT_SOCKET : Path.of(sock);
    if (!Files.exists(socket)) {
      return new YubiKeys(null, "no PC/SC daemon is running (no " + socket + "; apt install pcscd)");
    }
    try {
      return new YubiKeys(Ykpiv.load(libFile.get()), null);
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return new YubiKeys(null, "cannot load " + libFile.get() + ": " + e.getMessage());
    }
  }

  /** Why no YubiKey can be used, if none can. */
  public Optional<String> unavailableReason() {
    return Optional.ofNullable(unavailable);
  }

  /** The YubiKeys plugged in now (empty when libykpiv or pcscd is missing). */
  public synchronized List<YubiKeyDevice> devices() {
    return new ArrayList<>(sessions().keySet());
  }

  /** The open session of a device from {@link #devices()}. */
  public synchronized PivSession session(YubiKeyDevice device) throws YubiKeyException {
    PivSession s = sessions().get(device);
    if (s == null) {
      throw new YubiKeyException("YubiKey " + device.serial() + " is no longer connected: plug it in and retry");
    }
    return s;
  }

  /**
   * The one YubiKey to use: the one with {@code serial} if given, else the only one. Fails (exit 6) when there
   * is none, and (exit 2) when there are several and no serial was given.
   */
  public YubiKeyDevice select(Integer serial) throws YubiKeyException {
    List<YubiKeyDevice> all = devices();
    if (serial != null) {
      return all.stream().filter(d -> d.serial() == serial).findFirst().orElseThrow(() ->
          new YubiKeyException("no YubiKey with serial " + serial + " is plugged in" + seen(all)));
    }
    if (all.isEmpty()) {
      throw new YubiKeyException("no YubiKey found" + (unavailable == null ? ": plug one in and try again"
          : ": " + unavailable));
    }
    if (all.size() > 1) {
      StringBuilder sb = new StringBuilder();
      all.forEach(d -> sb.append(sb.length() == 0 ? "" : ", ").append(d.serial()));
      throw new YubiKeyException("several YubiKeys are plugged in (serials " + sb + "): choose one with --serial N",
          ExitCode.USAGE);
    }
    return all.get(0);
  }

  private static String seen(List<YubiKeyDevice> all) {
    if (all.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (plugged in: ");
    all.forEach(d -> sb.append(d.serial()).append(' '));
    return sb.toString().trim() + ")";
  }

  private Map<YubiKeyDevice, PivSession> sessions() {
    if (sessions != null) {
      return sessions;
    }
    sessions = new LinkedHashMap<>();
    if (lib == null) {
      return sessions;
    }
    for (String reader : readers()) {
      PivSession s = null;
      try {
        s = PivSession.open(lib, reader);
        sessions.put(new YubiKeyDevice(reader, s.serial(), s.version(), s.model()), s);
      } catch (YubiKeyException | RuntimeException e) {
        if (s != null) {
          s.close();
        }
      }
    }
    return sessions;
  }

  private List<String> readers() {
    List<String> out = new ArrayList<>();
    PointerByReference ref = new PointerByReference();
    if (lib.ykpiv_init(ref, 0) != Ykpiv.OK) {
      return out;
    }
    try {
      byte[] buf = new byte[4096];
      LongByReference len = new LongByReference(buf.length);
      if (lib.ykpiv_list_readers(ref.getValue(), buf, len) != Ykpiv.OK) {
        return out;
      }
      int start = 0;
      int end = (int) Math.min(len.getValue(), buf.length);
      for (int i = 0; i < end; i++) {
        if (buf[i] == 0) {
          if (i > start) {
            String name = new String(buf, start, i - start, StandardCharsets.UTF_8);
            if (name.toLowerCase(Locale.ROOT).contains("yubikey")) {
              out.add(name);
            }
          }
          start = i + 1;
        }
      }
      return out;
    } finally {
      lib.ykpiv_done(ref.getValue());
    }
  }

  @Override
  public synchronized void close() {
    if (sessions != null) {
      sessions.values().forEach(PivSession::close);
      sessions = null;
    }
  }
}
