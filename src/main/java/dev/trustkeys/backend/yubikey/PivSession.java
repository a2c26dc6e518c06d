package dev.trustkeys.backend.yubikey;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.trustkeys.core.ExitCode;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * One open connection to the PIV application of one YubiKey, through libykpiv: the verbs of the
 * card (verify PIN, generate, import, attest, sign, ...). Secrets passed in are copied into native
 * memory that is zeroed after the call; the caller zeroes its own arrays. Not thread-safe; close it
 * when done.
 */
public final class PivSession implements AutoCloseable {
  private static final int MAX_OBJECT = 3072;
  private static final int P256_LENGTH = 32;
  private static final int SW_OK = 0x9000;
  private static final int SELECT_RESPONSE = 261;
  private static final byte[] SELECT = {0x00, (byte) 0xa4, 0x04, 0x00};
  private static final byte[] PIV_AID = {(byte) 0xa0, 0x00, 0x00, 0x03, 0x08};

  private final Ykpiv.Lib lib;
  private final Pointer state;
  private final String reader;
  private final YubiKeys owner;
  private Integer serial;
  private String version;
  private boolean selected;
  private boolean pinVerified;

  private PivSession(Ykpiv.Lib lib, Pointer state, String reader, YubiKeys owner) {
    this.lib = lib;
    this.state = state;
    this.reader = reader;
    this.owner = owner;
  }

  /**
   * Connects to the YubiKey in {@code reader} (its exact PC/SC name) without sending anything: the
   * PIV application is selected by {@link #select()}, and the serial and firmware version are read
   * only when asked for (libykpiv's own {@code ykpiv_connect} spends six APDUs on SELECT, version,
   * serial and PIN tries). Once the PIN is verified or the management key authenticated, {@code
   * owner} is told ({@link YubiKeys#authenticated()}), to reset the card when the process ends.
   */
  static PivSession open(Ykpiv.Lib lib, Pcsc.Lib pcsc, String reader, YubiKeys owner)
      throws YubiKeyException {
    Pcsc.Connection c = Pcsc.connect(pcsc, reader);
    PointerByReference ref = new PointerByReference();
    int rc = lib.ykpiv_init(ref, 0);
    if (rc != Ykpiv.OK) {
      Pcsc.release(pcsc, c);
      throw failure(lib, rc, "initialise libykpiv");
    }
    Pointer st = ref.getValue();
    rc = lib.ykpiv_connect_with_external_card(st, c.context(), c.card());
    if (rc != Ykpiv.OK) {
      lib.ykpiv_done(st);
      Pcsc.release(pcsc, c);
      throw new YubiKeyException(
          "cannot connect to the YubiKey in reader '"
              + reader
              + "' ("
              + lib.ykpiv_strerror(rc)
              + "): is it plugged in? Close other programs using it and try again");
    }
    return new PivSession(lib, st, reader, owner);
  }

  /**
   * SELECT of the PIV application (one APDU), once per session: {@link YubiKeys} does it to tell a
   * YubiKey from another card, and every command here makes sure of it first.
   */
  void select() throws YubiKeyException {
    if (selected) {
      return;
    }
    byte[] out = new byte[SELECT_RESPONSE];
    LongByReference outLen = new LongByReference(out.length);
    IntByReference sw = new IntByReference();
    check(
        lib.ykpiv_transfer_data(state, SELECT, PIV_AID, PIV_AID.length, out, outLen, sw),
        "select the PIV application");
    if (sw.getValue() != SW_OK) {
      throw new YubiKeyException(
          "the YubiKey in reader '"
              + reader
              + "' refused to select its PIV application (SW "
              + String.format("%04X", sw.getValue())
              + "): is PIV enabled on it (ykman config)?");
    }
    selected = true;
  }

  /**
   * The device model from the ATR (no APDU): a YubiKey 4 or NEO gives its serial through the OTP
   * applet.
   */
  private boolean serialThroughOtp() {
    int model = lib.ykpiv_util_devicemodel(state);
    return model == Ykpiv.DEVTYPE_YK4 || model == Ykpiv.DEVTYPE_NEO_R3;
  }

  public String reader() {
    return reader;
  }

  /**
   * The serial number, read once: on a YubiKey 4, 3 APDUs (SELECT of the OTP applet, its GET
   * SERIAL, SELECT of PIV again); a YubiKey 5 answers on PIV (GET VERSION, for libykpiv to know,
   * then GET SERIAL). Read it before the PIN is verified or the management key authenticated:
   * leaving PIV drops both.
   */
  public int serial() throws YubiKeyException {
    if (serial == null) {
      boolean otp = serialThroughOtp();
      if (!otp) {
        version();
      }
      // through the OTP applet, PIV is left (and selected again): the PIN is no longer verified
      pinVerified &= !otp;
      IntByReference s = new IntByReference();
      check(lib.ykpiv_get_serial(state, s), "read the serial number");
      serial = s.getValue();
      selected |= otp;
    }
    return serial;
  }

  /** The serial if it was read already (no APDU). */
  public java.util.OptionalInt knownSerial() {
    return serial == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(serial);
  }

  /** Firmware version, "4.3.5". */
  public String version() throws YubiKeyException {
    if (version == null) {
      select();
      byte[] buf = new byte[16];
      check(lib.ykpiv_get_version(state, buf, buf.length), "read the firmware version");
      int n = 0;
      while (n < buf.length && buf[n] != 0) {
        n++;
      }
      version = new String(buf, 0, n, StandardCharsets.US_ASCII);
    }
    return version;
  }

  /** "YubiKey 4", "YubiKey 5", "YubiKey NEO", from the firmware version. */
  public String model() throws YubiKeyException {
    String v = version();
    if (v.startsWith("4.")) {
      return "YubiKey 4";
    }
    if (v.startsWith("5.")) {
      return "YubiKey 5";
    }
    return v.startsWith("1.") || v.startsWith("0.") ? "YubiKey NEO" : "YubiKey";
  }

  /**
   * PIN tries left, without spending one (an empty VERIFY; one APDU). Returns -1 when the PIN is
   * already verified in this session (the card then does not tell the count).
   */
  public int getPinAttempts() throws YubiKeyException {
    select();
    IntByReference tries = new IntByReference(0);
    int rc = lib.ykpiv_verify_select(state, null, 0, tries, false);
    pinVerified = rc == Ykpiv.OK;
    if (rc == Ykpiv.OK) {
      return -1;
    }
    if (rc == Ykpiv.WRONG_PIN || rc == Ykpiv.PIN_LOCKED) {
      return rc == Ykpiv.PIN_LOCKED ? 0 : tries.getValue();
    }
    throw failure(rc, "read the PIN tries");
  }

  /**
   * VERIFY PIN. Throws {@link InvalidPinException} with the tries left, {@link PinBlockedException}
   * at 0.
   */
  public void verifyPin(char[] pin) throws YubiKeyException {
    checkPinFormat(pin, "PIN");
    IntByReference tries = new IntByReference(0);
    int rc;
    select();
    pinVerified = false;
    try (Native p = Native.ascii(pin)) {
      rc = lib.ykpiv_verify_select(state, p.memory, p.length, tries, false);
    }
    pinResult(rc, tries.getValue(), "PIN");
    pinVerified = true;
    owner.authenticated();
  }

  /**
   * Whether the PIN is verified in this session as far as this process knows (no APDU): verified
   * here, or found verified by {@link #getPinAttempts()}, and PIV not left since. The card then
   * still holds it verified for keys of PIN policy "once", unless another program using the YubiKey
   * (PC/SC access is shared) reset it or selected another application in between, which this
   * process learns only from the card's refusal to sign ({@link #signDigest} then clears this).
   */
  public boolean pinVerified() {
    return pinVerified;
  }

  public void changePin(char[] oldPin, char[] newPin) throws YubiKeyException {
    changeReference(oldPin, newPin, true);
  }

  public void changePuk(char[] oldPuk, char[] newPuk) throws YubiKeyException {
    changeReference(oldPuk, newPuk, false);
  }

  private void changeReference(char[] oldValue, char[] newValue, boolean pin)
      throws YubiKeyException {
    String what = pin ? "PIN" : "PUK";
    checkPinFormat(oldValue, "current " + what);
    checkPinFormat(newValue, "new " + what);
    IntByReference tries = new IntByReference(0);
    int rc;
    select();
    try (Native o = Native.ascii(oldValue);
        Native n = Native.ascii(newValue)) {
      rc =
          pin
              ? lib.ykpiv_change_pin(state, o.memory, o.length, n.memory, n.length, tries)
              : lib.ykpiv_change_puk(state, o.memory, o.length, n.memory, n.length, tries);
    }
    pinResult(rc, tries.getValue(), what);
  }

  /** RESET RETRY: sets a new PIN with the PUK. */
  public void unblockPin(char[] puk, char[] newPin) throws YubiKeyException {
    checkPinFormat(puk, "PUK");
    checkPinFormat(newPin, "new PIN");
    IntByReference tries = new IntByReference(0);
    int rc;
    select();
    try (Native o = Native.ascii(puk);
        Native n = Native.ascii(newPin)) {
      rc = lib.ykpiv_unblock_pin(state, o.memory, o.length, n.memory, n.length, tries);
    }
    pinResult(rc, tries.getValue(), "PUK");
  }

  /**
   * Authenticates with the management key; false when the card rejects it (there is no retry
   * counter).
   */
  public boolean authenticate(ManagementKey key) throws YubiKeyException {
    select();
    int rc;
    try (Native k = Native.bytes(key.bytes())) {
      rc = lib.ykpiv_authenticate(state, k.memory);
    }
    if (rc == Ykpiv.AUTHENTICATION_ERROR) {
      return false;
    }
    check(rc, "authenticate with the management key");
    owner.authenticated();
    return true;
  }

  /** Sets a new management key (needs authentication with the current one). */
  public void setManagementKey(ManagementKey key) throws YubiKeyException {
    select();
    try (Native k = Native.bytes(key.bytes())) {
      check(lib.ykpiv_set_mgmkey2(state, k.memory, (byte) 0), "set the management key");
    }
  }

  /**
   * Generates a P-256 key in {@code slot} (needs the management key) and returns its public key.
   */
  public PublicKey generateKey(Slot slot, KeyType type, PinPolicy pin, TouchPolicy touch)
      throws YubiKeyException {
    if (type != KeyType.ECCP256) {
      throw new IllegalArgumentException("only ECCP256 keys are generated for TUF");
    }
    select();
    PointerByReference mod = new PointerByReference();
    PointerByReference exp = new PointerByReference();
    PointerByReference point = new PointerByReference();
    LongByReference modLen = new LongByReference();
    LongByReference expLen = new LongByReference();
    LongByReference pointLen = new LongByReference();
    check(
        lib.ykpiv_util_generate_key(
            state,
            (byte) slot.value,
            (byte) type.value,
            (byte) pin.value,
            (byte) touch.value,
            mod,
            modLen,
            exp,
            expLen,
            point,
            pointLen),
        "generate a key in slot " + slot.hex());
    try {
      byte[] q = point.getValue().getByteArray(0, (int) pointLen.getValue());
      return p256(q);
    } finally {
      free(mod.getValue());
      free(exp.getValue());
      free(point.getValue());
    }
  }

  /** Imports a P-256 private key into {@code slot} (needs the management key). */
  public void importKey(Slot slot, ECPrivateKey key, PinPolicy pin, TouchPolicy touch)
      throws YubiKeyException {
    select();
    byte[] d = unsigned(key.getS(), P256_LENGTH);
    try (Native n = Native.bytes(d)) {
      check(
          lib.ykpiv_import_private_key(
              state,
              (byte) slot.value,
              (byte) KeyType.ECCP256.value,
              null,
              0,
              null,
              0,
              null,
              0,
              null,
              0,
              null,
              0,
              n.memory,
              (byte) P256_LENGTH,
              (byte) pin.value,
              (byte) touch.value),
          "import the key into slot " + slot.hex());
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  /** The certificate in {@code slot}, if there is one. */
  public Optional<X509Certificate> readCertificate(Slot slot) throws YubiKeyException {
    select();
    PointerByReference data = new PointerByReference();
    LongByReference len = new LongByReference();
    int rc = lib.ykpiv_util_read_cert(state, (byte) slot.value, data, len);
    try {
      if (rc == Ykpiv.PCSC_ERROR) {
        throw failure(rc, "read the certificate in slot " + slot.hex());
      }
      if (rc != Ykpiv.OK || data.getValue() == null || len.getValue() == 0) {
        return Optional.empty();
      }
      byte[] der = data.getValue().getByteArray(0, (int) len.getValue());
      return Optional.of(certificate(der));
    } catch (CertificateException e) {
      return Optional.empty();
    } finally {
      free(data.getValue());
    }
  }

  public void writeCertificate(Slot slot, X509Certificate cert) throws YubiKeyException {
    select();
    byte[] der;
    try {
      der = cert.getEncoded();
    } catch (CertificateException e) {
      throw new IllegalArgumentException(e);
    }
    check(
        lib.ykpiv_util_write_cert(state, (byte) slot.value, der, der.length, (byte) 0),
        "write the certificate to slot " + slot.hex());
  }

  public void deleteCertificate(Slot slot) throws YubiKeyException {
    select();
    check(
        lib.ykpiv_util_delete_cert(state, (byte) slot.value),
        "delete the certificate in slot " + slot.hex());
  }

  /** The attestation certificate for the key in {@code slot} (only keys generated on the card). */
  public X509Certificate attestKey(Slot slot) throws YubiKeyException {
    select();
    byte[] buf = new byte[MAX_OBJECT];
    LongByReference len = new LongByReference(buf.length);
    int rc = lib.ykpiv_attest(state, (byte) slot.value, buf, len);
    if (rc == Ykpiv.KEY_ERROR || rc == Ykpiv.GENERIC_ERROR || rc == Ykpiv.NOT_SUPPORTED) {
      throw new YubiKeyException(
          "slot "
              + slot.hex()
              + " holds no key generated on this YubiKey: only those can"
              + " be attested (imported keys cannot)",
          ExitCode.NOT_FOUND);
    }
    check(rc, "attest slot " + slot.hex());
    try {
      return certificate(Arrays.copyOf(buf, (int) len.getValue()));
    } catch (CertificateException e) {
      throw new YubiKeyException(
          "the YubiKey returned an unreadable attestation certificate: " + e.getMessage());
    }
  }

  /**
   * The certificate of the card's attestation key (slot f9), which signs attestation certificates.
   */
  public Optional<X509Certificate> attestationIssuer() throws YubiKeyException {
    return readCertificate(Slot.ATTESTATION);
  }

  /**
   * Signs a SHA-256 digest with the P-256 key in {@code slot}; returns the DER ECDSA signature.
   * Throws {@link YubiKeyException} with exit code 3 when the card wants the PIN first.
   */
  public byte[] signDigest(Slot slot, byte[] digest) throws YubiKeyException {
    select();
    byte[] out = new byte[256];
    LongByReference outLen = new LongByReference(out.length);
    int rc =
        lib.ykpiv_sign_data(
            state,
            digest,
            digest.length,
            out,
            outLen,
            (byte) KeyType.ECCP256.value,
            (byte) slot.value);
    if (rc == Ykpiv.AUTHENTICATION_ERROR) {
      pinVerified = false;
      throw new YubiKeyException(
          "the YubiKey refused to sign with slot "
              + slot.hex()
              + ": it needs the PIN (or a touch that did not come)",
          ExitCode.WRONG_SECRET);
    }
    check(rc, "sign with slot " + slot.hex());
    return Arrays.copyOf(out, (int) outLen.getValue());
  }

  /** Blocks the PUK (by spending its tries): the first step of a reset. */
  public void blockPuk() throws YubiKeyException {
    select();
    int rc = lib.ykpiv_util_block_puk(state);
    if (rc != Ykpiv.OK && rc != Ykpiv.WRONG_PIN && rc != Ykpiv.PIN_LOCKED) {
      check(rc, "block the PUK");
    }
  }

  /**
   * Spends the remaining PIN tries with a PIN that cannot be right (the second step of a reset).
   */
  public void blockPin() throws YubiKeyException {
    select();
    pinVerified = false;
    char[] wrong = "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000".toCharArray();
    for (int i = 0; i < 16; i++) {
      IntByReference tries = new IntByReference(0);
      int rc;
      try (Native p = Native.ascii(wrong)) {
        rc = lib.ykpiv_verify_select(state, p.memory, p.length, tries, false);
      }
      if (rc == Ykpiv.PIN_LOCKED || (rc == Ykpiv.WRONG_PIN && tries.getValue() == 0)) {
        return;
      }
      if (rc == Ykpiv.OK) {
        throw new YubiKeyException("cannot block the PIN for a reset");
      }
    }
  }

  /**
   * The whole reset workflow: blocks the PIN and the PUK (a card resets only then), then RESET.
   * Erases every key and certificate and restores the factory PIN, PUK and management key.
   */
  public void resetApplication() throws YubiKeyException {
    blockPin();
    blockPuk();
    reset();
  }

  /**
   * RESET: erases every key and certificate and restores the factory PIN, PUK and management key.
   */
  public void reset() throws YubiKeyException {
    select();
    pinVerified = false;
    check(
        lib.ykpiv_util_reset(state),
        "reset the PIV application (PIN and PUK must both be blocked)");
  }

  @Override
  public void close() {
    lib.ykpiv_done(state);
  }

  @Override
  public String toString() {
    return "PivSession[" + reader + "]";
  }

  private void pinResult(int rc, int tries, String what) throws YubiKeyException {
    if (rc == Ykpiv.OK) {
      return;
    }
    if (rc == Ykpiv.PIN_LOCKED || (rc == Ykpiv.WRONG_PIN && tries == 0)) {
      throw new PinBlockedException(
          "the " + what + " of YubiKey " + serialOrReader() + " is blocked",
          "PIN".equals(what)
              ? dev.trustkeys.core.Remedy.forYubiKey(
                  dev.trustkeys.core.Remedy.Kind.UNBLOCK_PIN, null)
              : dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.RESET_YUBIKEY));
    }
    if (rc == Ykpiv.WRONG_PIN) {
      throw new InvalidPinException(
          "wrong "
              + what
              + " for YubiKey "
              + serialOrReader()
              + ": "
              + tries
              + (tries == 1 ? " try" : " tries")
              + " left before it is blocked",
          tries);
    }
    throw failure(rc, "check the " + what);
  }

  /**
   * For a failed PIN or PUK check: the serial (read now if need be: nothing is verified to lose),
   * else the reader.
   */
  private String serialOrReader() {
    try {
      return String.valueOf(serial());
    } catch (YubiKeyException | RuntimeException e) {
      return "'" + reader + "'";
    }
  }

  private static void checkPinFormat(char[] pin, String what) throws YubiKeyException {
    String problem = PinFormat.problem(pin, what);
    if (problem != null) {
      throw new YubiKeyException(problem + " (nothing was sent to the YubiKey)", ExitCode.USAGE);
    }
  }

  private void check(int rc, String what) throws YubiKeyException {
    check(lib, rc, what);
  }

  private static void check(Ykpiv.Lib lib, int rc, String what) throws YubiKeyException {
    if (rc != Ykpiv.OK) {
      throw failure(lib, rc, what);
    }
  }

  private YubiKeyException failure(int rc, String what) {
    return failure(lib, rc, what);
  }

  private static YubiKeyException failure(Ykpiv.Lib lib, int rc, String what) {
    if (rc == Ykpiv.PCSC_ERROR) {
      return new YubiKeyException(
          "cannot "
              + what
              + ": the YubiKey was removed or stopped answering (PC/SC error);"
              + " plug it in and try again");
    }
    if (rc == Ykpiv.AUTHENTICATION_ERROR) {
      return new YubiKeyException(
          "cannot " + what + ": the YubiKey wants the management key (or the PIN) first",
          ExitCode.WRONG_SECRET);
    }
    return new YubiKeyException(
        "cannot " + what + ": " + lib.ykpiv_strerror(rc) + " (libykpiv " + rc + ")");
  }

  private void free(Pointer p) {
    if (p != null) {
      lib.ykpiv_util_free(state, p);
    }
  }

  static X509Certificate certificate(byte[] der) throws CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  static PublicKey p256(byte[] uncompressed) throws YubiKeyException {
    if (uncompressed.length != 1 + 2 * P256_LENGTH || uncompressed[0] != 4) {
      throw new YubiKeyException("the YubiKey returned a malformed P-256 public key");
    }
    try {
      java.security.AlgorithmParameters ap = java.security.AlgorithmParameters.getInstance("EC");
      ap.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = ap.getParameterSpec(ECParameterSpec.class);
      ECPoint w =
          new ECPoint(
              new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 1 + P256_LENGTH)),
              new BigInteger(
                  1, Arrays.copyOfRange(uncompressed, 1 + P256_LENGTH, uncompressed.length)));
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
    } catch (GeneralSecurityException e) {
      throw new YubiKeyException(
          "the YubiKey returned an invalid P-256 public key: " + e.getMessage());
    }
  }

  private static byte[] unsigned(BigInteger v, int width) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[width];
    int start = Math.max(0, b.length - width);
    System.arraycopy(b, start, out, width - (b.length - start), b.length - start);
    Arrays.fill(b, (byte) 0);
    return out;
  }

  /** Native memory holding a secret, zeroed and released on close. */
  private static final class Native implements AutoCloseable {
    final Memory memory;
    final int length;

    private Native(Memory memory, int length) {
      this.memory = memory;
      this.length = length;
    }

    static Native ascii(char[] chars) {
      Memory m = new Memory(Math.max(1, chars.length));
      for (int i = 0; i < chars.length; i++) {
        m.setByte(i, (byte) chars[i]);
      }
      return new Native(m, chars.length);
    }

    static Native bytes(byte[] b) {
      Memory m = new Memory(Math.max(1, b.length));
      m.write(0, b, 0, b.length);
      return new Native(m, b.length);
    }

    @Override
    public void close() {
      memory.clear();
      memory.close();
    }
  }
}
