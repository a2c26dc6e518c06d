package dev.trustkeys.backend.pkcs11;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.trustkeys.core.io.Jna;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The few PKCS#11 calls SunPKCS11 does not expose: slot and token info (with the PIN flags), and
 * reading certificate objects without logging in. Bound with JNA to the module's exported C_
 * functions. The module is initialised once per path (SunPKCS11 shares the instance: its own
 * C_Initialize gets CKR_CRYPTOKI_ALREADY_INITIALIZED, which it ignores) and never finalised. Unix
 * (LP64) only.
 */
final class Cryptoki {
  static final long CKR_OK = 0;
  static final long CKR_GENERAL_ERROR = 0x5;
  static final long CKR_DEVICE_ERROR = 0x30;
  static final long CKR_DEVICE_REMOVED = 0x32;
  static final long CKR_PIN_INCORRECT = 0xA0;
  static final long CKR_PIN_LOCKED = 0xA4;
  static final long CKR_TOKEN_NOT_PRESENT = 0xE0;
  static final long CKR_BUFFER_TOO_SMALL = 0x150;
  static final long CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

  static final long CKA_CLASS = 0x0;
  static final long CKA_TOKEN = 0x1;
  static final long CKA_LABEL = 0x3;
  static final long CKA_VALUE = 0x11;
  static final long CKA_ID = 0x102;
  static final long CKO_CERTIFICATE = 0x1;

  private static final long CKF_OS_LOCKING_OK = 0x2;
  private static final long CKF_RW_SESSION = 0x2;
  private static final long CKF_SERIAL_SESSION = 0x4;
  private static final long CKU_SO = 0;
  private static final int INFO_SIZE = 512;
  private static final int FLAGS_OFFSET = 96;
  private static final int MAX_OBJECTS = 256;
  private static final Map<Path, Cryptoki> LOADED = new HashMap<>();

  private final Path module;
  private final NativeLibrary lib;

  private Cryptoki(Path module, NativeLibrary lib) {
    this.module = module;
    this.lib = lib;
  }

  /** Loads and initialises the module (once per path in this JVM). */
  static synchronized Cryptoki load(Path module) throws CkException {
    Path key = module.toAbsolutePath().normalize();
    Cryptoki c = LOADED.get(key);
    if (c != null) {
      return c;
    }
    Jna.prepare();
    NativeLibrary lib;
    try {
      lib =
          NativeLibrary.getInstance(
              key.toString(), Map.of(Library.OPTION_OPEN_FLAGS, localOpenFlags()));
    } catch (LinkageError e) {
      throw new CkException(
          "C_Initialize", CKR_GENERAL_ERROR, "cannot load " + key + ": " + Jna.whyNotLoaded(e));
    }
    c = new Cryptoki(key, lib);
    Memory args = new Memory(6L * Native.POINTER_SIZE);
    args.clear();
    args.setNativeLong(4L * Native.POINTER_SIZE, new NativeLong(CKF_OS_LOCKING_OK));
    long rv = c.call("C_Initialize", args);
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
      throw new CkException("C_Initialize", rv, null);
    }
    LOADED.put(key, c);
    return c;
  }

  /**
   * dlopen flags that keep a module's symbols to itself (RTLD_LAZY | RTLD_LOCAL). JNA's default,
   * RTLD_GLOBAL, would let the C_* functions of the first module loaded (ykcs11, tried first in
   * discovery) interpose on those of every module loaded after it in this process: SoftHSM's own
   * function list then calls ykcs11's C_GetSlotInfo, and SunPKCS11 fails on SoftHSM's slot with
   * CKR_SLOT_ID_INVALID.
   */
  private static int localOpenFlags() {
    return Platform.isMac() ? 0x1 | 0x4 : 0x1; // RTLD_LAZY, and RTLD_LOCAL (0 on Linux, 4 on macOS)
  }

  Path module() {
    return module;
  }

  /** The slots, all or only those with a token present. */
  long[] slots(boolean tokenPresent) throws CkException {
    Memory count = new Memory(NativeLong.SIZE);
    check(
        "C_GetSlotList", call("C_GetSlotList", (byte) (tokenPresent ? 1 : 0), Pointer.NULL, count));
    int n = (int) count.getNativeLong(0).longValue();
    if (n == 0) {
      return new long[0];
    }
    Memory list = new Memory((long) n * NativeLong.SIZE);
    check("C_GetSlotList", call("C_GetSlotList", (byte) (tokenPresent ? 1 : 0), list, count));
    n = (int) count.getNativeLong(0).longValue();
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = list.getNativeLong((long) i * NativeLong.SIZE).longValue();
    }
    return out;
  }

  /** CK_TOKEN_INFO of the token in {@code slot} (with C_GetSlotInfo's description). */
  TokenInfo tokenInfo(long slot) throws CkException {
    Memory slotInfo = new Memory(INFO_SIZE);
    check("C_GetSlotInfo", call("C_GetSlotInfo", new NativeLong(slot), slotInfo));
    Memory info = new Memory(INFO_SIZE);
    check("C_GetTokenInfo", call("C_GetTokenInfo", new NativeLong(slot), info));
    return new TokenInfo(
        slot,
        text(slotInfo, 0, 64),
        text(info, 0, 32),
        text(info, 32, 32),
        text(info, 64, 16),
        text(info, 80, 16),
        info.getNativeLong(FLAGS_OFFSET).longValue(),
        version(info, FLAGS_OFFSET + 11L * NativeLong.SIZE + 2));
  }

  /** A CK_VERSION (two bytes, major and minor) as "major.minor". */
  private static String version(Memory m, long offset) {
    return (m.getByte(offset) & 0xff) + "." + (m.getByte(offset + 1) & 0xff);
  }

  /** Every certificate object on the token, read in a public session (no login). */
  List<TokenObject> certificates(long slot) throws CkException {
    long session = openSession(slot, false);
    try {
      Memory template = new Memory(2L * attributeSize());
      Memory cls = ulong(CKO_CERTIFICATE);
      Memory yes = new Memory(1);
      yes.setByte(0, (byte) 1);
      setAttribute(template, 0, CKA_CLASS, cls, NativeLong.SIZE);
      setAttribute(template, 1, CKA_TOKEN, yes, 1);
      check(
          "C_FindObjectsInit",
          call("C_FindObjectsInit", new NativeLong(session), template, new NativeLong(2)));
      Memory handles = new Memory((long) MAX_OBJECTS * NativeLong.SIZE);
      Memory count = new Memory(NativeLong.SIZE);
      long rv =
          call(
              "C_FindObjects",
              new NativeLong(session),
              handles,
              new NativeLong(MAX_OBJECTS),
              count);
      call("C_FindObjectsFinal", new NativeLong(session));
      check("C_FindObjects", rv);
      int n = (int) count.getNativeLong(0).longValue();
      List<TokenObject> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long h = handles.getNativeLong((long) i * NativeLong.SIZE).longValue();
        byte[] label = attribute(session, h, CKA_LABEL);
        out.add(
            new TokenObject(
                label == null ? "" : new String(label, StandardCharsets.UTF_8),
                attribute(session, h, CKA_ID),
                attribute(session, h, CKA_VALUE)));
      }
      return out;
    } finally {
      call("C_CloseSession", new NativeLong(session));
    }
  }

  /**
   * Initialises the token in {@code slot} and sets its user PIN (C_InitToken, C_InitPIN). For the
   * test helper and the simulator only: {@code keys} itself never initialises tokens. The PIN
   * arrays are not kept.
   */
  void initToken(long slot, byte[] soPin, byte[] userPin, String label) throws CkException {
    byte[] padded = new byte[32];
    java.util.Arrays.fill(padded, (byte) ' ');
    byte[] l = label.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(l, 0, padded, 0, Math.min(l.length, 32));
    try (Memory so = bytes(soPin);
        Memory user = bytes(userPin);
        Memory lab = bytes(padded)) {
      check(
          "C_InitToken",
          call("C_InitToken", new NativeLong(slot), so, new NativeLong(soPin.length), lab));
      long session = openSession(slot, true);
      try {
        check(
            "C_Login",
            call(
                "C_Login",
                new NativeLong(session),
                new NativeLong(CKU_SO),
                so,
                new NativeLong(soPin.length)));
        check(
            "C_InitPIN",
            call("C_InitPIN", new NativeLong(session), user, new NativeLong(userPin.length)));
        call("C_Logout", new NativeLong(session));
      } finally {
        so.clear();
        user.clear();
        call("C_CloseSession", new NativeLong(session));
      }
    }
  }

  private long openSession(long slot, boolean rw) throws CkException {
    Memory handle = new Memory(NativeLong.SIZE);
    long flags = CKF_SERIAL_SESSION | (rw ? CKF_RW_SESSION : 0);
    check(
        "C_OpenSession",
        call(
            "C_OpenSession",
            new NativeLong(slot),
            new NativeLong(flags),
            Pointer.NULL,
            Pointer.NULL,
            handle));
    return handle.getNativeLong(0).longValue();
  }

  private byte[] attribute(long session, long object, long type) throws CkException {
    Memory attr = new Memory(attributeSize());
    setAttribute(attr, 0, type, null, 0);
    long rv =
        call(
            "C_GetAttributeValue",
            new NativeLong(session),
            new NativeLong(object),
            attr,
            new NativeLong(1));
    long len = attr.getNativeLong(Native.POINTER_SIZE + NativeLong.SIZE).longValue();
    if (rv != CKR_OK || len <= 0 || len > (1 << 20)) {
      return null;
    }
    Memory value = new Memory(len);
    setAttribute(attr, 0, type, value, len);
    check(
        "C_GetAttributeValue",
        call(
            "C_GetAttributeValue",
            new NativeLong(session),
            new NativeLong(object),
            attr,
            new NativeLong(1)));
    return value.getByteArray(
        0, (int) attr.getNativeLong(Native.POINTER_SIZE + NativeLong.SIZE).longValue());
  }

  private static int attributeSize() {
    return NativeLong.SIZE + Native.POINTER_SIZE + NativeLong.SIZE;
  }

  private static void setAttribute(Memory template, int index, long type, Pointer value, long len) {
    long off = (long) index * attributeSize();
    template.setNativeLong(off, new NativeLong(type));
    template.setPointer(off + NativeLong.SIZE, value);
    template.setNativeLong(off + NativeLong.SIZE + Native.POINTER_SIZE, new NativeLong(len));
  }

  private static Memory ulong(long v) {
    Memory m = new Memory(NativeLong.SIZE);
    m.setNativeLong(0, new NativeLong(v));
    return m;
  }

  private static Memory bytes(byte[] b) {
    Memory m = new Memory(Math.max(1, b.length));
    m.write(0, b, 0, b.length);
    return m;
  }

  private long call(String name, Object... args) {
    Function f = lib.getFunction(name);
    return ((NativeLong) f.invoke(NativeLong.class, args)).longValue();
  }

  private static void check(String function, long rv) throws CkException {
    if (rv != CKR_OK) {
      throw new CkException(function, rv, null);
    }
  }

  private static String text(Memory m, int offset, int length) {
    byte[] b = m.getByteArray(offset, length);
    int end = b.length;
    while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == 0)) {
      end--;
    }
    return new String(b, 0, end, StandardCharsets.UTF_8);
  }

  /** An object read without login: its label, CKA_ID and value (DER for certificates). */
  record TokenObject(String label, byte[] id, byte[] value) {}

  /** A PKCS#11 call returned an error (CKR_ code). */
  static final class CkException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long rv;

    CkException(String function, long rv, String detail) {
      super(function + " failed: " + (detail != null ? detail : ckrName(rv)));
      this.rv = rv;
    }

    long rv() {
      return rv;
    }
  }

  static String ckrName(long rv) {
    switch ((int) rv) {
      case 0x3:
        return "CKR_SLOT_ID_INVALID";
      case 0x5:
        return "CKR_GENERAL_ERROR";
      case 0x30:
        return "CKR_DEVICE_ERROR";
      case 0x31:
        return "CKR_DEVICE_MEMORY";
      case 0x32:
        return "CKR_DEVICE_REMOVED";
      case 0xA0:
        return "CKR_PIN_INCORRECT";
      case 0xA4:
        return "CKR_PIN_LOCKED";
      case 0xB3:
        return "CKR_SESSION_HANDLE_INVALID";
      case 0xE0:
        return "CKR_TOKEN_NOT_PRESENT";
      case 0xE1:
        return "CKR_TOKEN_NOT_RECOGNIZED";
      default:
        return String.format("CKR 0x%X", rv);
    }
  }
}
