package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.TouchMode;
import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.simulator.piv.Slot;
import dev.trustkeys.testing.KeysRunner;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys made on the YubiKey (--on-device) and attested; a YubiKey pulled out in the middle of init;
 * two YubiKeys plugged in at once (--serial). Each test has its own rig.
 */
class YubiKeyDevicesIT {
  @TempDir Path tmp;

  @Test
  void onDevice_attestationChecked_keptBesideTheKeys_wrongRootRefusedAndKeyWiped()
      throws Exception {
    try (VirtualYubiKeyRig rig = YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(40000001))) {
      Path trust = tmp.resolve("trust");
      Path root = tmp.resolve("root.pem");
      Files.writeString(
          root, AttestationStore.pem(rig.card().state().authority().rootCertificate()));
      Path wrong = tmp.resolve("wrong.pem");
      Files.writeString(wrong, AttestationStore.pem(otherCa()));
      KeysRunner k = YubiKeyCliIT.keys(rig).env("KEYS_YUBIKEY_PIN", "123456");

      KeysRunner.Result bad =
          k.keys(
                  "-d",
                  trust.toString(),
                  "init",
                  "--on-device",
                  "--attestation-root",
                  wrong.toString(),
                  "example.com/app")
              .expect(7);
      assertTrue(
          bad.err().contains("attestation failed")
              && bad.err().contains("removed from YubiKey 40000001 again"),
          bad.err());
      assertNull(rig.card().state().object(Slot.SIGNATURE.objectId), "no certificate left");
      assertFalse(
          rig.card().state().key(Slot.SIGNATURE).generated, "the generated key was overwritten");

      KeysRunner.Result ok =
          k.keys(
                  "-d",
                  trust.toString(),
                  "init",
                  "--on-device",
                  "--attestation-root",
                  root.toString(),
                  "example.com/app")
              .ok();
      String id = YubiKeyCliIT.createdRoot(ok);
      assertTrue(ok.out().contains("(made on the device, not exportable)"), ok.out());
      assertTrue(rig.card().state().key(Slot.SIGNATURE).generated);
      assertFalse(
          Files.exists(trust.resolve("private").resolve(id + ".key")),
          "no backup of an on-device key");
      Path att = trust.resolve("yubikey").resolve(id + ".attestation.pem");
      assertEquals(
          2,
          Files.readString(att).split("BEGIN CERTIFICATE").length - 1,
          "attestation + device cert");

      KeysRunner.Result attest =
          k.keys("yubikey", "attest", "9c", "--attestation-root", root.toString()).ok();
      assertTrue(attest.out().startsWith("-----BEGIN CERTIFICATE-----"), attest.out());
      assertTrue(
          attest.err().contains("verified up to CN=Virtual YubiKey PIV Root CA"), attest.err());
      k.keys("yubikey", "attest", "9c", "--attestation-root", wrong.toString()).expect(7);
      k.keys("yubikey", "attest", "9a").expect(4);

      Path msg = Files.writeString(tmp.resolve("m"), "hello");
      k.keys("-d", trust.toString(), "sign", "--key", id, msg.toString()).ok();
      String notary =
          YubiKeyCliIT.keys(rig)
              .command("notary", "-d", trust.toString(), "key", "list")
              .ok()
              .out();
      assertTrue(
          notary
              .lines()
              .anyMatch(l -> l.startsWith("root") && l.contains(id) && l.endsWith("yubikey")),
          notary);
    }
  }

  @Test
  void yubiKeyRemovedDuringInit_failsWithExit6_trustDirUnchanged_retrySucceeds() throws Exception {
    try (VirtualYubiKeyRig rig =
        YubiKeyRigs.start(
            VirtualYubiKeyRig.builder()
                .serial(40000002)
                .touch(TouchMode.delay(3_000))
                .touchTimeout(Duration.ofSeconds(30)))) {
      Path trust = tmp.resolve("trust");
      Files.createDirectories(trust);
      KeysRunner k = YubiKeyCliIT.keys(rig).env("KEYS_YUBIKEY_PIN", "123456");
      Process p =
          k.start(
              k.keysCommand(
                  "-d",
                  trust.toString(),
                  "init",
                  "--on-device",
                  "--touch-policy",
                  "always",
                  "example.com/app"));
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread drain =
          new Thread(
              () -> {
                try {
                  p.getErrorStream().transferTo(err);
                } catch (java.io.IOException e) {
                  // process gone
                }
              });
      drain.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (rig.card().touch().requests() == 0) {
        assertTrue(System.nanoTime() < deadline && p.isAlive(), "init never asked for a touch");
        Thread.sleep(50);
      }
      rig.card().remove();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      drain.join();
      String e = err.toString(StandardCharsets.UTF_8);
      assertEquals(6, p.exitValue(), e);
      assertTrue(e.contains("Touch your YubiKey (serial 40000002) now"), e);
      List<String> errors = e.lines().filter(l -> l.startsWith("keys:")).toList();
      assertEquals(1, errors.size(), e);
      assertTrue(errors.get(0).contains("removed or stopped answering"), e);
      assertEquals(List.of(), files(trust), "nothing written to the trust directory");

      rig.card().touch().setMode(TouchMode.AUTO);
      rig.card().insert();
      String id =
          YubiKeyCliIT.createdRoot(
              k.keys(
                      "-d",
                      trust.toString(),
                      "init",
                      "--on-device",
                      "--touch-policy",
                      "always",
                      "example.com/app")
                  .ok());
      assertNotNull(rig.card().state().object(Slot.SIGNATURE.objectId));
      String list = k.keys("-d", trust.toString(), "list").ok().out();
      assertTrue(list.contains(id) && list.contains("yubikey:serial=40000002;slot=9c"), list);
    }
  }

  @Test
  void twoYubiKeys_needSerial_andKeysGoToTheChosenOne() throws Exception {
    try (VirtualYubiKeyRig rig =
        YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(40000003).backupSerial(40000004))) {
      Path trust = tmp.resolve("trust");
      KeysRunner k = YubiKeyCliIT.keys(rig).env("KEYS_YUBIKEY_PIN", "123456");
      String json = k.keys("yubikey", "list", "--json").ok().out();
      assertTrue(
          json.contains("\"serial\": 40000003") && json.contains("\"serial\": 40000004"), json);
      KeysRunner.Result several =
          k.keys("-d", trust.toString(), "init", "example.com/app").expect(2);
      assertTrue(
          several
              .err()
              .contains(
                  "several YubiKeys are plugged in (serials 40000003, 40000004): choose one"
                      + " with --serial N"),
          several.err());
      k.keys("yubikey", "status").expect(2);
      k.keys("-d", trust.toString(), "init", "--serial", "40000009", "example.com/app").expect(6);

      String id =
          YubiKeyCliIT.createdRoot(
              k.keys("-d", trust.toString(), "init", "--serial", "40000004", "example.com/app")
                  .ok());
      assertNull(rig.card().state().key(Slot.SIGNATURE), "first YubiKey untouched");
      assertNotNull(rig.backupCard().state().key(Slot.SIGNATURE), "key on the chosen YubiKey");
      String list = k.keys("-d", trust.toString(), "list").ok().out();
      assertTrue(
          list.contains("yubikey:serial=40000004;slot=9c") && !list.contains("serial=40000003"),
          list);
      String status = k.keys("yubikey", "status", "--serial", "40000004", "--json").ok().out();
      assertTrue(status.contains("\"slot\": \"9c\"") && status.contains(id), status);
      rig.backupCard().trace().clear();
      Path msg = Files.writeString(tmp.resolve("m"), "hello");
      k.keys("-d", trust.toString(), "sign", "--key", id, msg.toString()).ok();
      assertEquals(
          1,
          rig.backupCard().trace().count("GENERAL_AUTHENTICATE"),
          "signed on the chosen YubiKey");
    }
  }

  static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  static X509Certificate otherCa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    X500Name n = new X500Name("CN=Not the attestation root");
    Date now = new Date();
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    n,
                    BigInteger.TEN,
                    now,
                    new Date(now.getTime() + 86_400_000L),
                    n,
                    kp.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
  }
}
