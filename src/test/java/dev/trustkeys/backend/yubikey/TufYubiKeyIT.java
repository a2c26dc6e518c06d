package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys tuf} with the root key on the virtual YubiKey: made there by init, and signing on the
 * card.
 */
class TufYubiKeyIT {
  static final int SERIAL = 30000017;
  static VirtualYubiKeyRig rig;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    rig = YubiKeyRigs.start(VirtualYubiKeyRig.builder().serial(SERIAL));
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  @BeforeEach
  void factoryReset() throws Exception {
    CardReset.reset(rig);
    rig.card().touch().setMode(dev.trustkeys.simulator.TouchMode.AUTO);
  }

  private KeysRunner keys() {
    KeysRunner k =
        new KeysRunner()
            .fastKdf()
            .jvm("-XX:TieredStopAtLevel=1")
            .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase-1")
            .env("NOTARY_TARGETS_PASSPHRASE", "targets-passphrase")
            .env("NOTARY_SNAPSHOT_PASSPHRASE", "snapshot-passphrase")
            .env("NOTARY_TIMESTAMP_PASSPHRASE", "timestamp-passphrase")
            .env("KEYS_YUBIKEY_PIN", "123456");
    rig.env().forEach(k::env);
    return k;
  }

  @Test
  void init_putsTheRootOnTheYubiKey_andSignsRootOnTheCard() throws Exception {
    String trust = tmp.resolve("trust").toString();
    Path repo = tmp.resolve("repo");
    rig.card().trace().clear();
    KeysRunner.Result init = keys().keys("-d", trust, "tuf", "init", repo.toString()).ok();
    Matcher m =
        Pattern.compile("Root key created: ([0-9a-f]{64}) in yubikey:serial=" + SERIAL + ";slot=9c")
            .matcher(init.out());
    assertTrue(m.find(), init.out());
    assertTrue(
        rig.card().trace().counters().toString().contains("GENERAL_AUTHENTICATE"),
        "root signed on the card: " + rig.card().trace().counters());
    keys().keys("-d", trust, "tuf", "verify", repo.toString()).ok();
    KeysRunner.Result status =
        keys().keys("-d", trust, "tuf", "status", repo.toString(), "--json").ok();
    // the look-up for signing reads only the slot, not the serial (docs/yubikey.md: APDU counts)
    assertTrue(
        status.out().contains("\"heldAt\": \"yubikey:") && status.out().contains("slot=9c\""),
        status.out());
    assertEquals(
        1,
        Files.list(repo.resolve("metadata"))
            .filter(p -> p.toString().endsWith(".root.json"))
            .count());
  }

  @Test
  void init_onDevice_recordsTheRootKeysAttestationInRootJson() throws Exception {
    String trust = tmp.resolve("trust").toString();
    Path repo = tmp.resolve("repo");
    Path simRoot =
        Files.writeString(
            tmp.resolve("sim-root.pem"),
            dev.trustkeys.testing.TestAttestations.pem(
                rig.card().state().authority().rootCertificate()));
    keys()
        .keys(
            "-d",
            trust,
            "tuf",
            "init",
            repo.toString(),
            "--on-device",
            "--attestation-root",
            simRoot.toString())
        .ok();
    String root = Files.readString(repo.resolve("metadata/1.root.json"));
    assertTrue(
        root.contains("\"x-keys-yubikey-attestation\": \"-----BEGIN CERTIFICATE-----"), root);
    keys().keys("-d", trust, "tuf", "verify", repo.toString()).ok();
    // a ceremony on this root names what the attestation shows
    Path req = tmp.resolve("root-2.json");
    KeysRunner.Result plan =
        keys()
            .keys(
                "-d",
                trust,
                "ceremony",
                "plan",
                "--tuf",
                repo.toString(),
                "--expires-in",
                "400",
                "-o",
                req.toString(),
                "--attestation-root",
                simRoot.toString())
            .ok();
    assertTrue(
        plan.out().contains("Attested: key ") && plan.out().contains("is on YubiKey " + SERIAL),
        plan.out());
  }

  /**
   * The PIN as the slot's policy requires: one YubiKey key signs root and targets of a new
   * repository (two signatures in one process). With PIN policy "once" the PIN is verified once;
   * with "always" (9c's default) before each signature.
   */
  @Test
  void init_twoSignaturesWithOneYubiKeyKey_verifiesThePinAsTheSlotPolicyRequires()
      throws Exception {
    for (String policy : new String[] {"once", "always"}) {
      CardReset.reset(rig);
      String trust = tmp.resolve("trust-" + policy).toString();
      KeysRunner.Result gen =
          keys()
              .keys("-d", trust, "generate", "--role", "root", "--yubikey", "--pin-policy", policy)
              .ok();
      Matcher m = Pattern.compile("keyID: ([0-9a-f]{64})").matcher(gen.out());
      assertTrue(m.find(), gen.out());
      rig.card().trace().clear();
      keys()
          .keys(
              "-d",
              trust,
              "tuf",
              "init",
              tmp.resolve("repo-" + policy).toString(),
              "--root-key",
              m.group(1),
              "--targets-key",
              m.group(1))
          .ok();
      assertEquals(
          2,
          rig.card().trace().count("GENERAL_AUTHENTICATE"),
          policy + ": root and targets signed on the" + " card " + rig.card().trace().counters());
      assertEquals(
          policy.equals("once") ? 1 : 2,
          rig.card().trace().count("VERIFY"),
          "PIN policy " + policy + ": " + rig.card().trace().counters());
    }
  }

  /**
   * A keyholder takes part in someone else's repository: root 1 names her YubiKey key with a {@code
   * ""} placeholder, and {@code keys tuf sign} from a fresh process fills it on the card. The APDUs
   * of that one TUF signature are counted from the card's trace (target: at most 6, as for {@code
   * keys sign}).
   */
  @Test
  void tufSign_ofAStagedRoot_fromAFreshProcess_signsOnTheCardInAtMostSixApdus() throws Exception {
    String holder = tmp.resolve("holder").toString();
    Path repo = tmp.resolve("repo");
    KeysRunner.Result gen =
        keys().keys("-d", holder, "generate", "--role", "root", "--yubikey").ok();
    Matcher m = Pattern.compile("keyID: ([0-9a-f]{64})").matcher(gen.out());
    assertTrue(m.find(), gen.out());
    String id = m.group(1);
    Path pub = tmp.resolve("holder-root.pub");
    keys().keys("-d", holder, "export", "--public", id, "-o", pub.toString()).ok();
    // the repository's maintainer has no YubiKey and no root key of her own
    keys()
        .keys(
            "-d",
            tmp.resolve("maintainer").toString(),
            "tuf",
            "init",
            repo.toString(),
            "--root-key",
            pub.toString(),
            "--no-yubikey")
        .ok();
    Path root = repo.resolve("metadata/1.root.json");
    assertTrue(Files.readString(root).contains("\"sig\": \"\""), Files.readString(root));

    byte[] staged = Files.readAllBytes(root);

    // without --key, each root key of the file is looked up back end by back end (the card's 9c
    // first)
    rig.card().trace().clear();
    keys().keys("-d", holder, "tuf", "sign", repo.toString(), "root").ok();
    long byRole = rig.card().trace().apduCount();
    System.out.println(
        "APDUs for keys tuf sign without --key (fresh process, one root signature): "
            + byRole
            + " "
            + rig.card().trace().counters());
    assertTrue(byRole <= 6, "one TUF signature took " + byRole + " APDUs (target: at most 6)");
    assertEquals(1, rig.card().trace().count("GENERAL_AUTHENTICATE"), "one signature on the card");
    Files.write(root, staged);

    rig.card().trace().clear();
    KeysRunner.Result sign =
        keys().keys("-d", holder, "tuf", "sign", repo.toString(), "root", "--key", id).ok();
    long apdus = rig.card().trace().apduCount();
    System.out.println(
        "APDUs for keys tuf sign (fresh process, one root signature): "
            + apdus
            + " "
            + rig.card().trace().counters());
    assertTrue(apdus <= 6, "one TUF signature took " + apdus + " APDUs (target: at most 6)");
    // SELECT PIV; the certificate in 9c (GET DATA + GET RESPONSE); PIN tries; VERIFY; the
    // signature. No serial.
    assertEquals(0, rig.card().trace().count("OTP_GET_SERIAL"), "the serial is not read to sign");
    assertEquals(
        1, rig.card().trace().count("VERIFY"), "the PIN once (slot 9c: PIN policy always)");
    assertEquals(1, rig.card().trace().count("GENERAL_AUTHENTICATE"), "one signature on the card");
    assertTrue(sign.out().contains("Signed root with key "), sign.out());
    assertTrue(!Files.readString(root).contains("\"sig\": \"\""), "the placeholder is filled");
    keys().keys("-d", holder, "tuf", "verify", repo.toString()).ok();
  }
}
