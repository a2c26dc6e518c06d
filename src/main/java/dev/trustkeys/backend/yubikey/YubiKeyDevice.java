package dev.trustkeys.backend.yubikey;

import java.util.OptionalInt;

/**
 * A YubiKey plugged into a PC/SC reader, as {@link YubiKeys} found it. What it is (serial, model,
 * firmware) is read from the card only when asked for, because each costs APDUs: signing with the
 * only YubiKey plugged in never needs its serial. One instance per reader and {@link YubiKeys};
 * equal only to itself.
 */
public final class YubiKeyDevice {
  private final String reader;
  private final PivSession session;

  YubiKeyDevice(String reader, PivSession session) {
    this.reader = reader;
    this.session = session;
  }

  public String reader() {
    return reader;
  }

  /** The serial number (read from the card the first time; see {@link PivSession#serial()}). */
  public int serial() throws YubiKeyException {
    return session.serial();
  }

  /** The serial if it has been read (no APDU). */
  public OptionalInt knownSerial() {
    return session.knownSerial();
  }

  /** Firmware version, "4.3.5" (one APDU the first time). */
  public String firmware() throws YubiKeyException {
    return session.version();
  }

  /** "YubiKey 4", "YubiKey 5", "YubiKey NEO". */
  public String model() throws YubiKeyException {
    return session.model();
  }

  /**
   * How messages name it: "YubiKey 12345678" once the serial is known, else "the YubiKey" (the
   * serial is read whenever several YubiKeys are plugged in, so there is then only one to mean).
   */
  public String name() {
    OptionalInt s = knownSerial();
    return s.isPresent() ? "YubiKey " + s.getAsInt() : "the YubiKey";
  }

  /**
   * "YubiKey 12345678", reading the serial if it is not known yet (3 APDUs on a YubiKey 4), for
   * messages about a problem (wrong or blocked PIN, last try); {@link #name()} if it cannot be
   * read. Never while the PIN or the management key is verified: a YubiKey 4 gives its serial
   * outside PIV, which undoes both.
   */
  public String identified() {
    try {
      return "YubiKey " + serial();
    } catch (YubiKeyException | RuntimeException e) {
      return name();
    }
  }

  /**
   * The subject of a PIN or management-key request: "YubiKey 12345678", or "YubiKey" when the
   * serial is not known (secret sources tell a YubiKey PIN from a token PIN by the leading word).
   */
  public String subject() {
    OptionalInt s = knownSerial();
    return s.isPresent() ? "YubiKey " + s.getAsInt() : "YubiKey";
  }

  /** A remedy about this YubiKey, named by its serial when that is known. */
  public dev.trustkeys.core.Remedy remedy(dev.trustkeys.core.Remedy.Kind kind) {
    OptionalInt s = knownSerial();
    return dev.trustkeys.core.Remedy.forYubiKey(
        kind, s.isPresent() ? String.valueOf(s.getAsInt()) : null);
  }

  PivSession session() {
    return session;
  }

  @Override
  public String toString() {
    return "YubiKeyDevice[" + reader + "]";
  }
}
