package dev.trustkeys.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real notary client (Debian 0.6.1, built with pkcs11) lists a root key placed as notary places
 * it: slot 9c, private key imported, self-signed certificate CN=root. notary looks for
 * /usr/lib/x86_64-linux-gnu/libykcs11.so, which Debian's ykcs11 package ships as a symlink to
 * libykcs11.so.2, so no workaround is needed on Debian 12.
 */
class NotaryIT {
  static final String NOTARY_YKCS11 = "/usr/lib/x86_64-linux-gnu/libykcs11.so";

  @TempDir Path tmp;

  @BeforeAll
  static void tools() {
    Tool.requireInstalled("/usr/bin/notary", NOTARY_YKCS11, YubicoPivToolIT.PIV);
  }

  @Test
  void keyList_showsRootKeyInSlot9cWithLocationYubikey() throws Exception {
    KeyPair kp = TestCerts.p256();
    X509Certificate cert = TestCerts.certificate("CN=root", kp.getPublic(), kp.getPrivate(), 3650);
    Path key = tmp.resolve("root.key");
    Files.writeString(key, TestCerts.pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
    Path crt = tmp.resolve("root.crt");
    Files.writeString(crt, TestCerts.pem("CERTIFICATE", cert.getEncoded()));
    String keyId = notaryCanonicalId(kp);
    Path trust = tmp.resolve("trust");
    try (VirtualYubiKeyRig rig = VirtualYubiKeyRig.builder().serial(31415926).start()) {
      String empty = Tool.run(rig, "notary", "-d", trust.toString(), "key", "list").ok().out();
      assertFalse(empty.contains("yubikey"), empty);
      Tool.run(rig, YubicoPivToolIT.PIV, "-a", "import-key", "-s", "9c", "-i", key.toString()).ok();
      Tool.run(
              rig,
              YubicoPivToolIT.PIV,
              "-a",
              "import-certificate",
              "-s",
              "9c",
              "-i",
              crt.toString())
          .ok();
      Files.delete(key);
      String out = Tool.run(rig, "notary", "-d", trust.toString(), "key", "list").ok().out();
      assertTrue(
          out.lines()
              .anyMatch(l -> l.startsWith("root") && l.contains(keyId) && l.endsWith("yubikey")),
          out);
      assertTrue(rig.card().trace().count("GET_DATA") > 0, "notary read the card");
    }
    // without the virtual card notary falls back to the file store and lists nothing on a token
    Tool.Result none =
        Tool.run(
                new ProcessBuilder("notary", "-d", trust.toString(), "key", "list")
                    .directory(tmp.toFile()),
                60)
            .ok();
    assertFalse(none.out().contains(keyId), none.out());
  }

  /** notary's canonical key ID: sha256 of the canonical JSON of the (non-x509) ecdsa public key. */
  static String notaryCanonicalId(KeyPair kp) throws Exception {
    String json =
        "{\"keytype\":\"ecdsa\",\"keyval\":{\"private\":null,\"public\":\""
            + Base64.getEncoder().encodeToString(kp.getPublic().getEncoded())
            + "\"}}";
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
  }
}
