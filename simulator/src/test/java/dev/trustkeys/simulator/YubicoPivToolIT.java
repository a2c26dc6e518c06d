package dev.trustkeys.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.piv.PinPolicy;
import dev.trustkeys.simulator.piv.Slot;
import dev.trustkeys.simulator.piv.TouchPolicy;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the virtual YubiKey with the real yubico-piv-tool 2.2.0 (libykpiv) through pcscd and vpcd.
 */
class YubicoPivToolIT {
  static final String PIV = "/usr/bin/yubico-piv-tool";
  static final String MGM = "010203040506070801020304050607080102030405060708";

  @TempDir Path tmp;
  VirtualYubiKeyRig rig;

  @BeforeAll
  static void tools() {
    Tool.requireInstalled(PIV, "/usr/sbin/pcscd", IsolatedPcscd.VPCD_DRIVER);
  }

  @BeforeEach
  void start() throws Exception {
    rig = VirtualYubiKeyRig.builder().serial(13572468).touchTimeout(Duration.ofMillis(500)).start();
  }

  @AfterEach
  void stop() {
    rig.close();
  }

  Tool.Result piv(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = PIV;
    System.arraycopy(args, 0, cmd, 1, args.length);
    return Tool.run(rig, cmd);
  }

  @Test
  void status_showsYubiKey4FirmwareSerialAndTries() throws Exception {
    Tool.Result r = piv("-a", "status").ok();
    assertTrue(r.out().contains("Version:\t4.3.5"), r.out());
    assertTrue(r.out().contains("Serial Number:\t13572468"), r.out());
    assertTrue(r.out().contains("PIN tries left:\t3"), r.out());
    assertTrue(
        rig.card().trace().count("OTP_GET_SERIAL") >= 1, "serial read through the OTP applet");
  }

  @Test
  void setChuidAndCcc_areStoredAsPivObjects() throws Exception {
    piv("-a", "set-chuid", "-a", "set-ccc").ok();
    assertEquals(59, rig.card().state().object(0x5FC102).length, "CHUID template");
    assertEquals(51, rig.card().state().object(0x5FC107).length, "CCC template");
    Tool.Result r = piv("-a", "status").ok();
    assertTrue(
        !r.out().contains("CHUID:\tNo data available") && r.out().contains("CHUID:"), r.out());
    assertTrue(!r.out().contains("CCC:\tNo data available") && r.out().contains("CCC:"), r.out());
  }

  @Test
  void verifyPin_wrongPinDecrementsTries_rightPinSucceeds() throws Exception {
    Tool.Result bad = piv("-a", "verify-pin", "-P", "654321");
    assertNotEquals(0, bad.exit());
    assertTrue(bad.err().contains("2 tries left"), bad.toString());
    assertEquals(2, rig.card().state().pinTries());
    piv("-a", "verify-pin", "-P", "123456").ok();
    assertEquals(3, rig.card().state().pinTries());
  }

  @Test
  void generate_withPolicies_thenAttest_chainsToSimulatorRoot() throws Exception {
    Path pub = tmp.resolve("pub.pem");
    piv(
            "-a",
            "generate",
            "-s",
            "9a",
            "-A",
            "ECCP256",
            "--pin-policy=once",
            "--touch-policy=always",
            "-o",
            pub.toString())
        .ok();
    assertEquals(PinPolicy.ONCE, rig.card().state().key(Slot.AUTHENTICATION).pinPolicy);
    assertEquals(TouchPolicy.ALWAYS, rig.card().state().key(Slot.AUTHENTICATION).touchPolicy);
    Tool.Result att = piv("-a", "attest", "-s", "9a").ok();
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(att.out().getBytes()));
    assertEquals(rig.card().state().key(Slot.AUTHENTICATION).publicKey(), cert.getPublicKey());
    assertEquals(
        BigInteger.valueOf(13572468), dev.trustkeys.simulator.piv.Attestation.serialOf(cert));
    // openssl verifies the chain: attestation -> F9 certificate -> simulator root
    Path f9 = tmp.resolve("f9.pem");
    Files.writeString(f9, piv("-a", "read-certificate", "-s", "f9").ok().out());
    Path root = tmp.resolve("root.pem");
    Files.writeString(
        root, VirtualYubiKeyServer.pem(rig.card().state().authority().rootCertificateDer()));
    Path leaf = tmp.resolve("att.pem");
    Files.writeString(leaf, att.out());
    Tool.Result v =
        Tool.run(
            rig,
            "openssl",
            "verify",
            "-CAfile",
            root.toString(),
            "-partial_chain",
            "-untrusted",
            f9.toString(),
            leaf.toString());
    assertTrue(v.out().contains(": OK"), v.toString());
  }

  @Test
  void generateRsa2048_andImportCertificateMadeInJava() throws Exception {
    Path pub = tmp.resolve("pub.pem");
    piv("-a", "generate", "-s", "9d", "-A", "RSA2048", "-o", pub.toString()).ok();
    assertTrue(
        rig.card().trace().count("GET_RESPONSE") >= 1,
        "RSA-2048 public key used response chaining");
    X509Certificate cert = TestCerts.selfSignedWithSoftwareKey("CN=imported");
    Path pem = tmp.resolve("cert.pem");
    Files.writeString(pem, VirtualYubiKeyServer.pem(cert.getEncoded()));
    assertTrue(cert.getEncoded().length > 255, "the certificate does not fit one short APDU");
    long putsBefore = rig.card().trace().count("PUT_DATA");
    piv("-a", "import-certificate", "-s", "9d", "-i", pem.toString()).ok();
    assertTrue(
        rig.card().trace().count("PUT_DATA") - putsBefore >= 2,
        "the import came in chained PUT DATA commands: " + rig.card().trace().counters());
    Tool.Result read = piv("-a", "read-certificate", "-s", "9d").ok();
    X509Certificate back =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(
                        read.out().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertEquals(cert, back, "the card gives back exactly the certificate imported");
  }

  @Test
  void importKey_thenAttest_isRefused() throws Exception {
    Path key = tmp.resolve("key.pem");
    Files.writeString(key, TestCerts.ecPrivateKeyPem());
    piv("-a", "import-key", "-s", "9e", "-i", key.toString()).ok();
    Tool.Result att = piv("-a", "attest", "-s", "9e");
    assertNotEquals(0, att.exit(), att.toString());
    assertEquals(0x6A80, lastSw(rig, "ATTEST"));
  }

  @Test
  void changePin_changePuk_unblockPin() throws Exception {
    piv("-a", "change-pin", "-P", "123456", "-N", "24681357").ok();
    piv("-a", "verify-pin", "-P", "24681357").ok();
    piv("-a", "change-puk", "-P", "12345678", "-N", "87654321").ok();
    for (int i = 0; i < 3; i++) {
      piv("-a", "verify-pin", "-P", "000000");
    }
    assertEquals(0, rig.card().state().pinTries());
    assertEquals(0x63C0, lastSw(rig, "VERIFY"));
    assertNotEquals(0, piv("-a", "verify-pin", "-P", "123456").exit());
    assertEquals(0x6983, lastSw(rig, "VERIFY"));
    piv("-a", "unblock-pin", "-P", "87654321", "-N", "11223344").ok();
    piv("-a", "verify-pin", "-P", "11223344").ok();
  }

  @Test
  void setMgmKey_thenOldKeyFails_newKeyWorks() throws Exception {
    String nk = "0a0b0c0d0e0f10111213141516171819202122232425262b";
    piv("-a", "set-mgm-key", "-n", nk).ok();
    Tool.Result old = piv("-a", "generate", "-s", "9a", "-o", tmp.resolve("x.pem").toString());
    assertNotEquals(0, old.exit(), old.toString());
    piv("-k" + nk, "-a", "generate", "-s", "9a", "-o", tmp.resolve("y.pem").toString()).ok();
  }

  @Test
  void pinRetries_setsCountersAndRestoresDefaults() throws Exception {
    piv(
            "-a",
            "verify-pin",
            "-P",
            "123456",
            "-a",
            "pin-retries",
            "--pin-retries",
            "5",
            "--puk-retries",
            "4")
        .ok();
    assertEquals(5, rig.card().state().pinTries());
    assertEquals(4, rig.card().state().pukTries());
    assertTrue(piv("-a", "status").ok().out().contains("PIN tries left:\t5"));
  }

  @Test
  void reset_onlyAfterPinAndPukAreBlocked() throws Exception {
    piv("-a", "generate", "-s", "9c", "-o", tmp.resolve("p.pem").toString()).ok();
    Tool.Result early = piv("-a", "reset");
    assertNotEquals(0, early.exit(), early.toString());
    for (int i = 0; i < 3; i++) {
      piv("-a", "verify-pin", "-P", "000000");
      piv("-a", "change-puk", "-P", "00000000", "-N", "11111111");
    }
    piv("-a", "reset").ok();
    assertEquals(null, rig.card().state().key(Slot.SIGNATURE));
    assertEquals(3, rig.card().state().pinTries());
    piv("-a", "verify-pin", "-P", "123456").ok();
  }

  @Test
  void signWithTouchNever_failsAfterTimeout() throws Exception {
    piv(
            "-a",
            "generate",
            "-s",
            "9a",
            "--touch-policy=always",
            "-o",
            tmp.resolve("p.pem").toString())
        .ok();
    Path cert = tmp.resolve("c.pem");
    Files.writeString(
        cert,
        VirtualYubiKeyServer.pem(
            TestCerts.certificateFor(tmp.resolve("p.pem"), "CN=t").getEncoded()));
    piv("-a", "import-certificate", "-s", "9a", "-i", cert.toString()).ok();
    piv(
            "-a",
            "verify-pin",
            "-P",
            "123456",
            "-a",
            "test-signature",
            "-s",
            "9a",
            "-i",
            cert.toString())
        .ok();
    assertEquals(1, rig.card().touch().requests(), "auto touch");
    rig.card().touch().setMode(TouchMode.NEVER);
    Tool.Result r =
        piv(
            "-a",
            "verify-pin",
            "-P",
            "123456",
            "-a",
            "test-signature",
            "-s",
            "9a",
            "-i",
            cert.toString());
    assertNotEquals(0, r.exit(), r.toString());
    assertEquals(1, rig.card().touch().timeouts());
    assertEquals(0x6982, lastSw(rig, "GENERAL_AUTHENTICATE"));
  }

  static int lastSw(VirtualYubiKeyRig rig, String ins) {
    int sw = -1;
    for (ApduTrace.Entry e : rig.card().trace().entries()) {
      if (e.instruction().equals(ins)) {
        sw = e.sw();
      }
    }
    return sw;
  }
}
