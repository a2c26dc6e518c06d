package dev.trustkeys.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSC's pkcs11-tool over ykcs11 2.2.0 against the virtual YubiKey; signatures checked with
 * openssl.
 */
class Pkcs11ToolIT {
  static final String YKCS11 = "/usr/lib/x86_64-linux-gnu/libykcs11.so.2";

  @TempDir Path tmp;
  VirtualYubiKeyRig rig;

  @BeforeAll
  static void tools() {
    Tool.requireInstalled("/usr/bin/pkcs11-tool", YKCS11, YubicoPivToolIT.PIV, "/usr/bin/openssl");
  }

  @BeforeEach
  void start() throws Exception {
    rig = VirtualYubiKeyRig.builder().serial(24681357).backupSerial(24681358).start();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  @Test
  void listSlots_showsBothVirtualYubiKeys() throws Exception {
    Tool.Result r = Tool.run(rig, "pkcs11-tool", "--module", YKCS11, "-L").ok();
    assertTrue(r.out().contains("Yubico YubiKey 4 OTP+U2F+CCID 00 00"), r.out());
    assertTrue(r.out().contains("YubiKey PIV #24681357"), r.out());
    assertTrue(r.out().contains("YubiKey PIV #24681358"), r.out());
    assertTrue(r.out().contains("token model        : YubiKey YK4"), r.out());
  }

  @Test
  void loginAndSignEcdsa_verifiesWithOpenssl() throws Exception {
    Path pub = tmp.resolve("pub.pem");
    Tool.run(
            rig,
            YubicoPivToolIT.PIV,
            "-a",
            "generate",
            "-s",
            "9a",
            "-A",
            "ECCP256",
            "-o",
            pub.toString())
        .ok();
    Path data = tmp.resolve("data.txt");
    Files.writeString(data, "signed through ykcs11\n");
    Path sig = tmp.resolve("sig.der");
    rig.card().trace().clear();
    Tool.run(
            rig,
            "pkcs11-tool",
            "--module",
            YKCS11,
            "--slot-index",
            "0",
            "--login",
            "--pin",
            "123456",
            "--sign",
            "--id",
            "01",
            "-m",
            "ECDSA-SHA256",
            "--signature-format",
            "openssl",
            "-i",
            data.toString(),
            "-o",
            sig.toString())
        .ok();
    assertEquals(1, rig.card().trace().count("GENERAL_AUTHENTICATE"));
    assertEquals(1, rig.card().trace().count("VERIFY"));
    Tool.Result v =
        Tool.run(
            rig,
            "openssl",
            "dgst",
            "-sha256",
            "-verify",
            pub.toString(),
            "-signature",
            sig.toString(),
            data.toString());
    assertTrue(v.out().contains("Verified OK"), v.toString());
  }

  @Test
  void loginAndSignRsa2048_verifiesWithOpenssl() throws Exception {
    Path pub = tmp.resolve("pub.pem");
    Tool.run(
            rig,
            YubicoPivToolIT.PIV,
            "-a",
            "generate",
            "-s",
            "9d",
            "-A",
            "RSA2048",
            "-o",
            pub.toString())
        .ok();
    Path data = tmp.resolve("data.txt");
    Files.writeString(data, "rsa through ykcs11\n");
    Path sig = tmp.resolve("sig.bin");
    Tool.run(
            rig,
            "pkcs11-tool",
            "--module",
            YKCS11,
            "--slot-index",
            "0",
            "--login",
            "--pin",
            "123456",
            "--sign",
            "--id",
            "03",
            "-m",
            "SHA256-RSA-PKCS",
            "-i",
            data.toString(),
            "-o",
            sig.toString())
        .ok();
    Tool.Result v =
        Tool.run(
            rig,
            "openssl",
            "dgst",
            "-sha256",
            "-verify",
            pub.toString(),
            "-signature",
            sig.toString(),
            data.toString());
    assertTrue(v.out().contains("Verified OK"), v.toString());
  }

  @Test
  void wrongPin_isReportedAndCounted() throws Exception {
    Tool.Result r =
        Tool.run(
            rig,
            "pkcs11-tool",
            "--module",
            YKCS11,
            "--slot-index",
            "0",
            "--login",
            "--pin",
            "000000",
            "-O");
    assertTrue(r.exit() != 0, r.toString());
    assertTrue((r.out() + r.err()).contains("CKR_PIN_INCORRECT"), r.toString());
    assertEquals(2, rig.card().state().pinTries());
    assertEquals(3, rig.backupCard().state().pinTries(), "backup card untouched");
  }
}
