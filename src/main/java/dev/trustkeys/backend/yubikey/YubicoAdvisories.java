package dev.trustkeys.backend.yubikey;

import java.util.ArrayList;
import java.util.List;

/**
 * Yubico's security advisories that concern a TUF signing key on a YubiKey's PIV application, by
 * firmware. Encoded (facts from Yubico's advisories):
 *
 * <ul>
 *   <li><b>YSA-2024-03</b> (Infineon ECDSA private key recovery, "EUCLEAK"): a side channel in
 *       Infineon's cryptographic library, which every YubiKey with firmware before 5.7.0 uses, lets
 *       an attacker with physical access to the YubiKey and specialised equipment recover an ECDSA
 *       private key. Firmware 5.7.0 and later use Yubico's own library. Applies to ECDSA keys.
 *   <li><b>YSA-2019-02</b> (YubiKey FIPS Series reduced initial randomness): firmware 4.4.2 and
 *       4.4.4 use partly predictable random values for the first operations after power-up, which
 *       weakens ECDSA signatures and RSA keys made then. Fixed in 4.4.5.
 *   <li><b>YSA-2017-01</b> (Infineon weak RSA key generation, ROCA, CVE-2017-15361): RSA keys
 *       generated on a YubiKey 4 with firmware 4.2.6 to 4.3.4 can be factored from their public
 *       key. Fixed in 4.3.5. Applies to RSA keys generated on the device (imported keys are not
 *       affected).
 * </ul>
 */
public final class YubicoAdvisories {
  private static final Firmware V4_2_6 = new Firmware(4, 2, 6);
  private static final Firmware V4_3_5 = new Firmware(4, 3, 5);
  private static final Firmware V5_7_0 = new Firmware(5, 7, 0);

  /** One advisory that applies: its ID, what it means for the key, and the way out. */
  public record Advisory(String id, String text) {
    @Override
    public String toString() {
      return "Yubico advisory " + id + ": " + text;
    }
  }

  private YubicoAdvisories() {}

  /**
   * The advisories that apply to a key of algorithm {@code keyAlgorithm} ("EC" or "RSA", as Java
   * names it) on a YubiKey with {@code firmware}; {@code generatedOnDevice} when the key was made
   * by the YubiKey (an attested key).
   */
  public static List<Advisory> forKey(
      Firmware firmware, String keyAlgorithm, boolean generatedOnDevice) {
    List<Advisory> out = new ArrayList<>();
    boolean ec = "EC".equals(keyAlgorithm);
    boolean rsa = "RSA".equals(keyAlgorithm);
    if (ec && firmware.before(V5_7_0)) {
      out.add(
          new Advisory(
              "YSA-2024-03",
              "firmware "
                  + firmware
                  + " uses Infineon's library, from which someone"
                  + " who holds the YubiKey for a while with special equipment can recover an ECDSA private key; firmware"
                  + " 5.7.0 and later are not affected: keep the YubiKey locked away, or move the key to a newer YubiKey"));
    }
    if ((ec || rsa)
        && firmware.major() == 4
        && firmware.minor() == 4
        && (firmware.patch() == 2 || firmware.patch() == 4)) {
      out.add(
          new Advisory(
              "YSA-2019-02",
              "YubiKey FIPS firmware "
                  + firmware
                  + " uses partly predictable random"
                  + " values right after it is plugged in, which weakens ECDSA signatures and RSA keys made then; replace"
                  + " the YubiKey (fixed in 4.4.5)"));
    }
    if (rsa && generatedOnDevice && !firmware.before(V4_2_6) && firmware.before(V4_3_5)) {
      out.add(
          new Advisory(
              "YSA-2017-01",
              "RSA keys generated on firmware "
                  + firmware
                  + " can be factored from"
                  + " their public key (ROCA, CVE-2017-15361); replace the key (fixed in 4.3.5)"));
    }
    return out;
  }
}
