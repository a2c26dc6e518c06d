package dev.trustkeys.backend.yubikey;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.trustkeys.core.io.Jna;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JNA binding to libykpiv 2.x ({@code libykpiv.so.2}): only public {@code ykpiv_*} functions of
 * {@code ykpiv.h} 2.2.0, whose prototypes are unchanged up to 2.7 (SONAME still 2).
 * Package-private: the rest of the code talks to {@link PivSession}. Unix LP64 only ({@code size_t}
 * and {@code unsigned long} are 64 bits).
 */
final class Ykpiv {
  static final int OK = 0;
  static final int PCSC_ERROR = -2;
  static final int SIZE_ERROR = -3;
  static final int APPLET_ERROR = -4;
  static final int AUTHENTICATION_ERROR = -5;
  static final int GENERIC_ERROR = -7;
  static final int KEY_ERROR = -8;
  static final int WRONG_PIN = -10;
  static final int INVALID_OBJECT = -11;
  static final int ALGORITHM_ERROR = -12;
  static final int PIN_LOCKED = -13;
  static final int NOT_SUPPORTED = -16;

  /** {@code ykpiv_util_devicemodel}, read from the ATR without an APDU: "YK" "4", "NE" "r3". */
  static final int DEVTYPE_YK4 = 0x594B0034;

  static final int DEVTYPE_NEO_R3 = 0x4E457233;

  /** Where libykpiv is looked for, unless {@code KEYS_LIBYKPIV} names the file. */
  static final List<String> SEARCH =
      List.of(
          "/usr/lib/x86_64-linux-gnu/libykpiv.so.2",
          "/usr/lib/aarch64-linux-gnu/libykpiv.so.2",
          "/usr/lib64/libykpiv.so.2",
          "/usr/lib/libykpiv.so.2",
          "/usr/local/lib/libykpiv.so.2");

  static final String LIBRARY_ENV = "KEYS_LIBYKPIV";

  /** The public API of libykpiv used here (ykpiv.h 2.2.0). */
  interface Lib extends Library {
    int ykpiv_init(PointerByReference state, int verbose);

    int ykpiv_done(Pointer state);

    /**
     * Takes over a PC/SC context and card handle (sends nothing; {@code ykpiv_done} releases both).
     */
    int ykpiv_connect_with_external_card(Pointer state, long context, long card);

    int ykpiv_disconnect(Pointer state);

    /** One command (chained if long, GET RESPONSE while 61xx), inside a PC/SC transaction. */
    int ykpiv_transfer_data(
        Pointer state,
        byte[] templ,
        byte[] in,
        long inLen,
        byte[] out,
        LongByReference outLen,
        IntByReference sw);

    int ykpiv_authenticate(Pointer state, Pointer key24);

    int ykpiv_set_mgmkey2(Pointer state, Pointer key24, byte touch);

    int ykpiv_sign_data(
        Pointer state,
        byte[] in,
        long inLen,
        byte[] out,
        LongByReference outLen,
        byte algorithm,
        byte key);

    int ykpiv_get_version(Pointer state, byte[] version, long len);

    int ykpiv_get_serial(Pointer state, IntByReference serial);

    int ykpiv_verify_select(
        Pointer state, Pointer pin, long pinLen, IntByReference tries, boolean forceSelect);

    int ykpiv_change_pin(
        Pointer state,
        Pointer oldPin,
        long oldLen,
        Pointer newPin,
        long newLen,
        IntByReference tries);

    int ykpiv_change_puk(
        Pointer state,
        Pointer oldPuk,
        long oldLen,
        Pointer newPuk,
        long newLen,
        IntByReference tries);

    int ykpiv_unblock_pin(
        Pointer state, Pointer puk, long pukLen, Pointer newPin, long newLen, IntByReference tries);

    int ykpiv_import_private_key(
        Pointer state,
        byte slot,
        byte algorithm,
        Pointer p,
        long pLen,
        Pointer q,
        long qLen,
        Pointer dp,
        long dpLen,
        Pointer dq,
        long dqLen,
        Pointer qinv,
        long qinvLen,
        Pointer ec,
        byte ecLen,
        byte pinPolicy,
        byte touchPolicy);

    int ykpiv_attest(Pointer state, byte slot, byte[] data, LongByReference len);

    int ykpiv_fetch_object(Pointer state, int objectId, byte[] data, LongByReference len);

    int ykpiv_util_generate_key(
        Pointer state,
        byte slot,
        byte algorithm,
        byte pinPolicy,
        byte touchPolicy,
        PointerByReference modulus,
        LongByReference modulusLen,
        PointerByReference exp,
        LongByReference expLen,
        PointerByReference point,
        LongByReference pointLen);

    int ykpiv_util_read_cert(
        Pointer state, byte slot, PointerByReference data, LongByReference len);

    int ykpiv_util_write_cert(Pointer state, byte slot, byte[] data, long len, byte certinfo);

    int ykpiv_util_delete_cert(Pointer state, byte slot);

    int ykpiv_util_block_puk(Pointer state);

    int ykpiv_util_reset(Pointer state);

    int ykpiv_util_free(Pointer state, Pointer data);

    int ykpiv_util_devicemodel(Pointer state);

    String ykpiv_strerror(int rc);
  }

  private static volatile Lib loaded;

  private Ykpiv() {}

  /** The library file to use, if one is installed. */
  static Optional<Path> locate(Map<String, String> env) {
    String override = env.get(LIBRARY_ENV);
    if (override != null && !override.isBlank()) {
      Path p = Path.of(override);
      return Files.isReadable(p) ? Optional.of(p) : Optional.empty();
    }
    // A plain loop: a stream here would spin lambda classes at run time on every `keys list`
    // (milliseconds).
    for (String candidate : SEARCH) {
      Path p = Path.of(candidate);
      if (Files.isReadable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Loads libykpiv (once per JVM). */
  static synchronized Lib load(Path file) {
    if (loaded == null) {
      Jna.prepare();
      loaded = Native.load(file.toString(), Lib.class);
    }
    return loaded;
  }
}
