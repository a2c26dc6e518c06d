package dev.trustkeys.simulator;

import dev.trustkeys.simulator.piv.CommandApdu;

/** Names of instructions for the trace and the counters. */
final class Instructions {
  private Instructions() {}

  static String name(boolean otpSelected, CommandApdu c) {
    if (c.ins == 0xA4) {
      return "SELECT";
    }
    if (otpSelected) {
      return c.ins == 0x01 && c.p1 == 0x10 ? "OTP_GET_SERIAL" : String.format("OTP_%02X", c.ins);
    }
    switch (c.ins) {
      case 0x20:
        return c.length() == 0 ? "VERIFY_STATUS" : "VERIFY";
      case 0x24:
        return c.p2 == 0x81 ? "CHANGE_PUK" : "CHANGE_PIN";
      case 0x2C:
        return "RESET_RETRY";
      case 0x47:
        return "GENERATE";
      case 0x87:
        return c.p2 == 0x9B ? "AUTHENTICATE_MGMT" : "GENERAL_AUTHENTICATE";
      case 0xC0:
        return "GET_RESPONSE";
      case 0xCB:
        return "GET_DATA";
      case 0xDB:
        return "PUT_DATA";
      case 0xF7:
        return "GET_METADATA";
      case 0xF8:
        return "GET_SERIAL";
      case 0xF9:
        return "ATTEST";
      case 0xFA:
        return "SET_PIN_RETRIES";
      case 0xFB:
        return "RESET";
      case 0xFD:
        return "GET_VERSION";
      case 0xFE:
        return "IMPORT_KEY";
      case 0xFF:
        return "SET_MGMT_KEY";
      default:
        return String.format("INS_%02X", c.ins);
    }
  }
}
