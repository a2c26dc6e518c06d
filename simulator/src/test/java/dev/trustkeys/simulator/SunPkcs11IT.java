package dev.trustkeys.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.piv.Slot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK's SunPKCS11 over ykcs11, in a child JVM that gets PCSCLITE_CSOCK_NAME from the rig (a JVM
 * cannot change its own environment, and libpcsclite reads the variable from it).
 */
class SunPkcs11IT {
  @TempDir Path tmp;

  @Test
  void childJvm_signsWithSlot9a_andSignatureVerifiesInThisJvm() throws Exception {
    Tool.requireInstalled(Pkcs11ToolIT.YKCS11, YubicoPivToolIT.PIV);
    try (VirtualYubiKeyRig rig = VirtualYubiKeyRig.builder().serial(27182818).start()) {
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
      Path crt = tmp.resolve("c.pem");
      Files.writeString(
          crt,
          TestCerts.pem("CERTIFICATE", TestCerts.certificateFor(pub, "CN=sunpkcs11").getEncoded()));
      Tool.run(
              rig,
              YubicoPivToolIT.PIV,
              "-a",
              "import-certificate",
              "-s",
              "9a",
              "-i",
              crt.toString())
          .ok();
      String classes =
          Path.of(SunPkcs11Child.class.getProtectionDomain().getCodeSource().getLocation().toURI())
              .toString();
      String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          rig.command(
              javaBin,
              "-cp",
              classes,
              SunPkcs11Child.class.getName(),
              Pkcs11ToolIT.YKCS11,
              "X.509 Certificate for PIV Authentication",
              "hello sunpkcs11");
      pb.environment().put("SIM_PIN", "123456");
      Tool.Result r = Tool.run(pb, 60).ok();
      assertTrue(r.out().contains("VERIFIED true"), r.toString());
      String b64 =
          r.out().lines().filter(l -> l.startsWith("SIG ")).findFirst().orElseThrow().substring(4);
      Signature v = Signature.getInstance("SHA256withECDSA");
      v.initVerify(rig.card().state().key(Slot.AUTHENTICATION).publicKey());
      v.update("hello sunpkcs11".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertTrue(v.verify(Base64.getDecoder().decode(b64)));
      assertEquals(1, rig.card().trace().count("GENERAL_AUTHENTICATE"));
    }
  }
}
