package dev.trustkeys.backend.yubikey;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.NativeLongByReference;
import dev.trustkeys.core.io.Jna;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few PC/SC calls (libpcsclite, {@code libpcsclite.so.1}) needed to open a card connection that
 * libykpiv then takes over ({@code ykpiv_connect_with_external_card}): contexts, reader names,
 * connect. No APDU goes through here: libykpiv ({@link PivSession}) stays the one place that talks
 * to the card. libpcsclite reads {@code $PCSCLITE_CSOCK_NAME} itself. Linux LP64: {@code LONG},
 * {@code DWORD} and the handles are C longs.
 */
final class Pcsc {
  static final long SUCCESS = 0;
  private static final int SCOPE_SYSTEM = 2;
  private static final int SHARE_SHARED = 2;
  private static final int PROTOCOL_T1 = 2;
  private static final int RESET_CARD = 1;
  private static final int MAX_READERS_BUFFER = 65536;

  /** libpcsclite's public API (winscard.h), the part used here. */
  interface Lib extends Library {
    NativeLong SCardEstablishContext(
        NativeLong scope,
        NativeLong reserved1,
        NativeLong reserved2,
        NativeLongByReference context);

    NativeLong SCardReleaseContext(NativeLong context);

    NativeLong SCardListReaders(
        NativeLong context, String groups, byte[] readers, NativeLongByReference length);

    NativeLong SCardConnect(
        NativeLong context,
        String reader,
        NativeLong shareMode,
        NativeLong protocols,
        NativeLongByReference card,
        NativeLongByReference activeProtocol);

    NativeLong SCardDisconnect(NativeLong card, NativeLong disposition);
  }

  /** A connection to the card in one reader, with the context it was made in (both C handles). */
  record Connection(long context, long card) {}

  private static volatile Lib loaded;

  private Pcsc() {}

  /**
   * Loads libpcsclite (once per JVM); libykpiv already depends on it, so it is installed wherever
   * libykpiv is.
   */
  static synchronized Lib load() {
    if (loaded == null) {
      Jna.prepare();
      loaded = Native.load("libpcsclite.so.1", Lib.class);
    }
    return loaded;
  }

  /**
   * The reader names pcscd knows, in its order; empty when there are none or pcscd does not answer.
   */
  static List<String> readers(Lib lib) {
    List<String> out = new ArrayList<>();
    NativeLongByReference ctx = new NativeLongByReference();
    if (lib.SCardEstablishContext(new NativeLong(SCOPE_SYSTEM), null, null, ctx).longValue()
        != SUCCESS) {
      return out;
    }
    try {
      NativeLongByReference len = new NativeLongByReference(new NativeLong(0));
      if (lib.SCardListReaders(ctx.getValue(), null, null, len).longValue() != SUCCESS) {
        return out;
      }
      byte[] buf =
          new byte[(int) Math.min(Math.max(len.getValue().longValue(), 1), MAX_READERS_BUFFER)];
      len.setValue(new NativeLong(buf.length));
      if (lib.SCardListReaders(ctx.getValue(), null, buf, len).longValue() != SUCCESS) {
        return out;
      }
      int start = 0;
      int end = (int) Math.min(len.getValue().longValue(), buf.length);
      for (int i = 0; i < end; i++) {
        if (buf[i] == 0) {
          if (i > start) {
            out.add(new String(buf, start, i - start, StandardCharsets.UTF_8));
          }
          start = i + 1;
        }
      }
      return out;
    } finally {
      lib.SCardReleaseContext(ctx.getValue());
    }
  }

  /**
   * Connects to the card in {@code reader} (shared, T=1 only, as libykpiv's own connect does): no
   * APDU is sent. The caller hands both handles to libykpiv, which releases them in {@code
   * ykpiv_done}, or calls {@link #release} if that hand-over fails.
   */
  static Connection connect(Lib lib, String reader) throws YubiKeyException {
    NativeLongByReference ctx = new NativeLongByReference();
    long rc = lib.SCardEstablishContext(new NativeLong(SCOPE_SYSTEM), null, null, ctx).longValue();
    if (rc != SUCCESS) {
      throw new YubiKeyException(
          "cannot reach the PC/SC daemon (" + hex(rc) + "): is pcscd running?");
    }
    NativeLongByReference card = new NativeLongByReference();
    NativeLongByReference protocol = new NativeLongByReference();
    rc =
        lib.SCardConnect(
                ctx.getValue(),
                reader,
                new NativeLong(SHARE_SHARED),
                new NativeLong(PROTOCOL_T1),
                card,
                protocol)
            .longValue();
    if (rc != SUCCESS) {
      lib.SCardReleaseContext(ctx.getValue());
      throw new YubiKeyException(
          "cannot connect to the YubiKey in reader '"
              + reader
              + "' (PC/SC "
              + hex(rc)
              + "): is it plugged in? Close other programs using it and try again");
    }
    return new Connection(ctx.getValue().longValue(), card.getValue().longValue());
  }

  /** Disconnects (resetting the card, as libykpiv does) and releases the context. */
  static void release(Lib lib, Connection c) {
    lib.SCardDisconnect(new NativeLong(c.card()), new NativeLong(RESET_CARD));
    lib.SCardReleaseContext(new NativeLong(c.context()));
  }

  private static String hex(long rc) {
    return String.format("0x%08X", rc & 0xffffffffL);
  }
}
