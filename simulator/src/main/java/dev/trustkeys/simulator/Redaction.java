package dev.trustkeys.simulator;

import dev.trustkeys.simulator.piv.CommandApdu;

/**
 * Hides secrets in trace entries: PIN and PUK (VERIFY, CHANGE REFERENCE, RESET RETRY), private keys
 * (IMPORT KEY, including chained blocks), management keys (SET MGMT KEY, the PIN-protected object
 * 5FC109 in PUT/GET DATA). Secret bytes become "**" so lengths stay visible.
 */
final class Redaction {
  private static final String PRINTED_OBJECT_TAG = "5c035fc109";

  private Redaction() {}

  static String command(byte[] raw, CommandApdu c) {
    String hex = VirtualYubiKey.hex(raw);
    if (c == null || c.length() == 0 || !secretCommand(c, hex)) {
      return hex;
    }
    int headerBytes = raw.length - c.length();
    return hex.substring(0, headerBytes * 2) + "**".repeat(c.length());
  }

  private static boolean secretCommand(CommandApdu c, String hex) {
    switch (c.ins) {
      case 0x20:
      case 0x24:
      case 0x2C:
      case 0xFE:
      case 0xFF:
        return true;
      case 0xDB:
        return hex.contains(PRINTED_OBJECT_TAG);
      default:
        return false;
    }
  }

  static String response(CommandApdu c, byte[] out) {
    String hex = VirtualYubiKey.hex(out);
    if (c != null
        && c.ins == 0xCB
        && VirtualYubiKey.hex(c.data()).equals(PRINTED_OBJECT_TAG)
        && out.length > 2) {
      return "**".repeat(out.length - 2) + hex.substring(hex.length() - 4);
    }
    return hex;
  }
}
