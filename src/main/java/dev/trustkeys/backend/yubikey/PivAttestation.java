package dev.trustkeys.backend.yubikey;

import dev.trustkeys.core.ExitCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1OctetString;

/**
 * A YubiKey's PIV attestation of one key, as {@code keys yubikey attest} prints it and as a key
 * object records it ({@code x-keys-yubikey-attestation}): PEM, the slot's attestation certificate
 * (which certifies the public key and names the YubiKey's serial, firmware and the key's PIN and
 * touch policies) followed by the YubiKey's own attestation certificate (slot f9). {@link #verify}
 * checks it against the public key it is recorded for and the attestation roots trusted here:
 * Yubico's PIV roots ({@link #yubicoRoots()}, bundled) and any given.
 */
public final class PivAttestation {
  static final String FIRMWARE_OID = "1.3.6.1.4.1.41482.3.3";

  /**
   * Bundled: Yubico's PIV attestation roots, PEM (docs/yubikey.md: where they come from,
   * fingerprints).
   */
  private static final String YUBICO_ROOTS = "yubico-piv-roots.pem";

  /** A recorded attestation is two certificates of a few kB; anything far larger is not one. */
  private static final int MAX_PEM = 64 * 1024;

  private final X509Certificate key;
  private final X509Certificate device;

  private PivAttestation(X509Certificate key, X509Certificate device) {
    this.key = key;
    this.device = device;
  }

  /** Reads a PEM chain: the key's attestation certificate, then the device's. */
  public static PivAttestation parse(String pem) throws YubiKeyException {
    if (pem.length() > MAX_PEM) {
      throw unreadable("it is " + pem.length() + " characters long");
    }
    List<X509Certificate> certs = certificates(pem.getBytes(StandardCharsets.US_ASCII));
    if (certs.size() != 2) {
      throw unreadable(
          "it holds " + certs.size() + " certificate(s), not the key's and the YubiKey's");
    }
    return new PivAttestation(certs.get(0), certs.get(1));
  }

  /**
   * Whether {@code pem} looks like an attestation chain (two certificates, the first with Yubico's
   * extensions).
   */
  public static boolean looksLikeOne(byte[] pem) {
    try {
      List<X509Certificate> certs = certificates(pem);
      return certs.size() == 2 && certs.get(0).getExtensionValue(FIRMWARE_OID) != null;
    } catch (YubiKeyException e) {
      return false;
    }
  }

  static List<X509Certificate> certificates(byte[] pem) throws YubiKeyException {
    try (InputStream in = new ByteArrayInputStream(pem)) {
      List<X509Certificate> out = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        out.add((X509Certificate) c);
      }
      return out;
    } catch (IOException | CertificateException | RuntimeException e) {
      throw unreadable("its certificates cannot be read");
    }
  }

  private static YubiKeyException unreadable(String why) {
    return new YubiKeyException(
        "the YubiKey attestation cannot be read: " + why, ExitCode.VERIFICATION_FAILED);
  }

  /** The PEM text, as recorded. */
  public String pem() throws YubiKeyException {
    try {
      return AttestationStore.pem(key) + AttestationStore.pem(device);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new YubiKeyException("cannot encode the attestation: " + e.getMessage());
    }
  }

  /** The public key it certifies. */
  public PublicKey publicKey() {
    return key.getPublicKey();
  }

  /** What a verified attestation says of the key and its YubiKey. */
  public record Verified(
      OptionalInt serial,
      Optional<Firmware> firmware,
      PinPolicy pinPolicy,
      TouchPolicy touchPolicy,
      String anchor) {
    /** "YubiKey 5550001, firmware 4.3.5, PIN policy always, touch policy never". */
    public String describe() {
      return "YubiKey "
          + (serial.isPresent()
              ? Integer.toUnsignedString(serial.getAsInt())
              : "(serial not named)")
          + firmware.map(f -> ", firmware " + f).orElse("")
          + ", PIN policy "
          + pinPolicy.name().toLowerCase()
          + ", touch policy "
          + touchPolicy.name().toLowerCase();
    }
  }

  /**
   * Checks the attestation: it certifies {@code expected}, is signed by the YubiKey's certificate,
   * and that is signed by one of {@code trusted}. Exit 7 with the reason when not.
   */
  public Verified verify(PublicKey expected, List<X509Certificate> trusted)
      throws YubiKeyException {
    if (!key.getPublicKey().equals(expected)) {
      throw new YubiKeyException(
          "attestation failed: it certifies another public key than the key it is recorded"
              + " for",
          ExitCode.VERIFICATION_FAILED);
    }
    if (trusted.isEmpty()) {
      throw new YubiKeyException(
          "attestation failed: no attestation root is trusted here",
          ExitCode.VERIFICATION_FAILED,
          dev.trustkeys.core.Remedy.of(dev.trustkeys.core.Remedy.Kind.GIVE_ATTESTATION_ROOT));
    }
    AttestationCheck.Result r =
        AttestationCheck.verify(key, device, expected, OptionalInt.empty(), trusted);
    BigInteger serial = AttestationCheck.serialOf(key);
    Slot slot = slot();
    AttestationCheck.Policies p = AttestationCheck.Policies.of(key, slot);
    return new Verified(
        serial == null || serial.bitLength() > 32
            ? OptionalInt.empty()
            : OptionalInt.of(serial.intValue()),
        firmware(),
        p.pin(),
        p.touch(),
        r.anchor().getSubjectX500Principal().getName());
  }

  /** The firmware the attestation names (Yubico's extension, three bytes), if any. */
  public Optional<Firmware> firmware() {
    byte[] ext = key.getExtensionValue(FIRMWARE_OID);
    if (ext == null) {
      return Optional.empty();
    }
    try {
      byte[] v = ASN1OctetString.getInstance(ext).getOctets();
      return v.length == 3
          ? Optional.of(new Firmware(v[0] & 0xff, v[1] & 0xff, v[2] & 0xff))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The slot the attestation is for: Yubico names it in the subject, "CN=YubiKey PIV Attestation
   * 9c".
   */
  private Slot slot() {
    String cn = key.getSubjectX500Principal().getName();
    int at = cn.lastIndexOf(' ');
    try {
      return Slot.parse(cn.substring(at + 1, Math.min(cn.length(), at + 3)));
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      return Slot.SIGNATURE;
    }
  }

  /** Yubico's PIV attestation roots, bundled with keys. */
  public static List<X509Certificate> yubicoRoots() {
    try (InputStream in = PivAttestation.class.getResourceAsStream(YUBICO_ROOTS)) {
      return certificates(in.readAllBytes());
    } catch (IOException | YubiKeyException | NullPointerException e) {
      throw new IllegalStateException(
          "the bundled Yubico PIV roots cannot be read: the keys jar is damaged", e);
    }
  }
}
