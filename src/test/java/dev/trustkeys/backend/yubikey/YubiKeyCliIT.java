package dev.trustkeys.backend.yubikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.backend.file.NotaryKeyNaming;
import dev.trustkeys.core.SignatureAlgorithm;
import dev.trustkeys.simulator.ApduTrace;
import dev.trustkeys.simulator.VirtualYubiKeyRig;
import dev.trustkeys.simulator.piv.Slot;
import dev.trustkeys.testing.KeysRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keys} as users run it (a child process per command) with the virtual YubiKey 4 plugged in,
 * or not: init's choice of back end, listing, signing on the card and falling back to the backup
 * file, APDU counts, touch prompts, the backup-failure rollback. Each test starts from a
 * factory-reset card.
 */
class YubiKeyCliIT {
  static final int SERIAL = 30000001;
  static final String PIN = "123456";
  static final Pattern CREATED = Pattern.compile("Root key created: ([0-9a-f]{64})");

  static VirtualYubiKeyRig rig;
  @TempDir Path tmp;
  Path trust;
  Path message;

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
    trust = tmp.resolve("trust");
    message = tmp.resolve("msg.json");
    Files.writeString(message, "{\"signed\":{\"_type\":\"Root\",\"version\":1}}");
  }

  static KeysRunner keys(VirtualYubiKeyRig r) {
    KeysRunner k =
        new KeysRunner()
            .fastKdf()
            .jvm("-XX:TieredStopAtLevel=1")
            .env("NOTARY_ROOT_PASSPHRASE", "root-passphrase-1")
            .env("DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE", "repo-passphrase-1");
    if (r != null) {
      r.env().forEach(k::env);
    } else {
      k.env(VirtualYubiKeyRig.SOCKET_ENV, "/nonexistent/pcscd.comm");
    }
    return k;
  }

  static String createdRoot(KeysRunner.Result r) {
    Matcher m = CREATED.matcher(r.out());
    assertTrue(m.find(), r.out());
    return m.group(1);
  }

  /**
   * The command APDUs of the card's trace since it was last cleared, by instruction (events like
   * ATR left out).
   */
  static Map<String, Long> apdusByInstruction() {
    Map<String, Long> out = new TreeMap<>();
    for (ApduTrace.Entry e : rig.card().trace().entries()) {
      out.merge(e.instruction(), 1L, Long::sum);
    }
    return out;
  }

  @Test
  void init_withYubiKey_putsRootIn9cWithCertificateAndBackup_listShowsBothLocations()
      throws Exception {
    KeysRunner.Result r = keys(rig).keys("-d", trust.toString(), "init", "example.com/app").ok();
    String id = createdRoot(r);
    assertTrue(
        r.out()
            .contains(
                "Root key created: " + id + " in yubikey:serial=" + SERIAL + ";slot=9c (backup: "),
        r.out());
    assertTrue(
        Files.exists(trust.resolve("private").resolve(id + ".key")),
        "encrypted backup file written");
    assertNotNull(rig.card().state().key(Slot.SIGNATURE), "key imported into 9c");
    assertFalse(
        rig.card().state().key(Slot.SIGNATURE).generated, "generated on the host, imported");
    assertEquals(
        id,
        NotaryKeyNaming.INSTANCE.idOf(rig.card().state().key(Slot.SIGNATURE).publicKey()).hex());
    assertNotNull(rig.card().state().object(Slot.SIGNATURE.objectId), "certificate in 9c");

    rig.card().trace().clear();
    String list = keys(rig).keys("-d", trust.toString(), "list").ok().out();
    long listApdus = rig.card().trace().apduCount();
    System.out.println(
        "APDUs for keys list (one key on the card): "
            + listApdus
            + " "
            + rig.card().trace().counters());
    assertTrue(listApdus <= 10, "listing took " + listApdus + " APDUs");
    // SELECT PIV; the serial through the OTP applet (SELECT OTP, GET SERIAL, SELECT PIV);
    // certificates 9c, 9a, 9d
    assertEquals(
        Map.of("SELECT", 3L, "OTP_GET_SERIAL", 1L, "GET_DATA", 3L, "GET_RESPONSE", 1L),
        apdusByInstruction(),
        "APDUs of keys list");
    assertTrue(
        list.lines()
            .anyMatch(
                l ->
                    l.startsWith("root")
                        && l.contains(id)
                        && l.endsWith("yubikey:serial=" + SERIAL + ";slot=9c")),
        list);
    assertTrue(
        list.lines()
            .anyMatch(
                l ->
                    l.startsWith("root")
                        && l.contains(id)
                        && l.endsWith(trust.resolve("private").toString())),
        "the backup file is listed too: " + list);

    String json = keys(rig).keys("-d", trust.toString(), "list", "--json").ok().out();
    assertTrue(
        json.contains("\"location\": \"yubikey\"")
            && json.contains("\"path\": \"yubikey:serial=" + SERIAL + ";slot=9c\""),
        json);
  }

  @Test
  void sign_withYubiKeyPresent_signsOnTheCard_withoutItUsesTheBackupFile() throws Exception {
    String id = createdRoot(keys(rig).keys("-d", trust.toString(), "init", "example.com/app").ok());
    PublicKey pub = rig.card().state().key(Slot.SIGNATURE).publicKey();
    byte[] msg = Files.readAllBytes(message);

    rig.card().trace().clear();
    KeysRunner.Result r =
        keys(rig)
            .env("KEYS_YUBIKEY_PIN", PIN)
            .keys("-d", trust.toString(), "sign", "--key", id, message.toString())
            .ok();
    long signApdus = rig.card().trace().apduCount();
    System.out.println(
        "APDUs for keys sign (fresh process, full key ID): "
            + signApdus
            + " "
            + rig.card().trace().counters());
    assertTrue(signApdus <= 6, "one signature took " + signApdus + " APDUs (target: at most 6)");
    // SELECT PIV; the certificate in 9c (over 256 bytes: GET DATA + GET RESPONSE), which holds the
    // key, so 9a and 9d are not read; PIN tries (empty VERIFY) to keep the last try safe; VERIFY;
    // the signature. No serial.
    assertEquals(
        Map.of(
            "SELECT",
            1L,
            "GET_DATA",
            1L,
            "GET_RESPONSE",
            1L,
            "VERIFY_STATUS",
            1L,
            "VERIFY",
            1L,
            "GENERAL_AUTHENTICATE",
            1L),
        apdusByInstruction(),
        "APDUs of keys sign");
    assertTrue(
        SignatureAlgorithm.ECDSA_P256_SHA256.verify(
            pub, msg, Base64.getDecoder().decode(r.out().trim())));
    assertTrue(
        r.err()
            .contains(
                "Warning: the YubiKey still uses the factory PIN 123456: run 'keys yubikey setup' to"
                    + " change it."),
        "warns about the factory PIN: " + r.err());
    assertFalse(r.out().contains(PIN) || r.err().contains(PIN + " "), "the PIN is never printed");

    rig.card().trace().clear();
    KeysRunner.Result prefix =
        keys(rig)
            .env("KEYS_YUBIKEY_PIN", PIN)
            .keys("-d", trust.toString(), "sign", "--key", id.substring(0, 8), message.toString())
            .ok();
    assertTrue(
        SignatureAlgorithm.ECDSA_P256_SHA256.verify(
            pub, msg, Base64.getDecoder().decode(prefix.out().trim())));
    System.out.println(
        "APDUs for keys sign (fresh process, key ID prefix): "
            + rig.card().trace().apduCount()
            + " "
            + rig.card().trace().counters());
    assertEquals(
        3,
        rig.card().trace().count("GET_DATA"),
        "a prefix is resolved against every key (all slots)");
    assertEquals(1, rig.card().trace().count("VERIFY"));
    assertEquals(1, rig.card().trace().count("GENERAL_AUTHENTICATE"));

    // the Location keys list shows names the key too: the keyring hands a yubikey: URI to the
    // YubiKey provider
    String location = "yubikey:serial=" + SERIAL + ";slot=9c";
    KeysRunner.Result byUri =
        keys(rig)
            .env("KEYS_YUBIKEY_PIN", PIN)
            .keys("-d", trust.toString(), "sign", "--key", location, message.toString())
            .ok();
    assertTrue(
        SignatureAlgorithm.ECDSA_P256_SHA256.verify(
            pub, msg, Base64.getDecoder().decode(byUri.out().trim())));
    KeysRunner.Result emptySlot =
        keys(rig)
            .keys("-d", trust.toString(), "sign", "--key", "yubikey:slot=9d", message.toString());
    assertEquals(4, emptySlot.exitCode(), emptySlot.toString());
    assertTrue(
        emptySlot.err().contains("slot 9d of ") && emptySlot.err().contains(" holds no key"),
        emptySlot.err());

    rig.card().remove();
    try {
      rig.card().trace().clear();
      String list = keys(rig).keys("-d", trust.toString(), "list").ok().out();
      assertFalse(list.contains("yubikey:"), list);
      KeysRunner.Result f =
          keys(rig).keys("-d", trust.toString(), "sign", "--key", id, message.toString()).ok();
      assertTrue(
          SignatureAlgorithm.ECDSA_P256_SHA256.verify(
              pub, msg, Base64.getDecoder().decode(f.out().trim())),
          "the backup file holds the same key");
      assertEquals(0, rig.card().trace().apduCount(), "the card was not used");
    } finally {
      rig.card().insert();
    }
  }

  @Test
  void init_withoutYubiKey_createsAFileKey_andYubiKeyFlagFailsWithExit6() throws Exception {
    KeysRunner.Result none =
        keys(null).keys("-d", trust.toString(), "init", "--yubikey", "example.com/app");
    none.expect(6);
    assertTrue(none.err().startsWith("keys: no YubiKey found"), none.err());
    assertEquals(1, none.err().lines().count(), "one line: " + none.err());
    assertEquals(
        java.util.List.of(),
        Files.exists(trust) ? YubiKeyDevicesIT.files(trust) : java.util.List.of(),
        "nothing created");

    KeysRunner.Result r = keys(null).keys("-d", trust.toString(), "init", "example.com/app").ok();
    String id = createdRoot(r);
    assertFalse(r.out().contains("yubikey:"), r.out());
    assertTrue(Files.exists(trust.resolve("private").resolve(id + ".key")));
    String json = keys(null).keys("yubikey", "list", "--json").ok().out();
    assertTrue(json.contains("\"yubikeys\": []") && json.contains("no PC/SC daemon"), json);
    KeysRunner noLib = keys(rig).env("KEYS_LIBYKPIV", "/nonexistent/libykpiv.so.2");
    String list = noLib.keys("-d", trust.toString(), "list").ok().out();
    assertTrue(
        list.contains(id) && !list.contains("yubikey:"), "no libykpiv: simply no YubiKey: " + list);
    assertTrue(noLib.keys("yubikey", "list").ok().out().contains("libykpiv.so.2 is not installed"));
    noLib.keys("yubikey", "status").expect(6);
  }

  @Test
  void init_noYubiKeyFlag_andExistingRootFile_leaveTheCardAlone() throws Exception {
    String id =
        createdRoot(
            keys(rig).keys("-d", trust.toString(), "init", "--no-yubikey", "example.com/a").ok());
    assertNull(rig.card().state().key(Slot.SIGNATURE), "--no-yubikey: nothing on the card");
    KeysRunner.Result again = keys(rig).keys("-d", trust.toString(), "init", "example.com/b").ok();
    assertTrue(again.out().contains("Root key found, using: " + id), again.out());
    assertNull(
        rig.card().state().key(Slot.SIGNATURE), "an existing root key is used wherever it lives");
    keys(rig).keys("-d", trust.toString(), "init", "--yubikey", "--no-yubikey", "x").expect(2);
  }

  @Test
  void init_backupCannotBeWritten_removesTheKeyFromTheYubiKeyAgain() throws Exception {
    KeysRunner.Result r =
        keys(rig)
            .fault("fail:write-before-rename")
            .keys("-d", trust.toString(), "init", "example.com/app");
    assertTrue(r.exitCode() != 0, r.toString());
    assertTrue(r.err().contains("removed from YubiKey " + SERIAL + " again"), r.err());
    assertEquals(
        1,
        r.err().lines().filter(l -> l.startsWith("keys:")).count(),
        "a one-line error: " + r.err());
    assertNull(rig.card().state().object(Slot.SIGNATURE.objectId), "no certificate left in 9c");
    assertEquals(
        2,
        rig.card().trace().count("IMPORT_KEY"),
        "imported, then overwritten with a throwaway key");
    String list = keys(rig).keys("-d", trust.toString(), "list").ok().out();
    assertFalse(list.contains("root"), "no root key anywhere: " + list);
  }

  @Test
  void sign_touchPolicyAlways_promptsForATouch_andNeverOtherwise() throws Exception {
    String plain =
        createdRoot(keys(rig).keys("-d", trust.toString(), "init", "example.com/a").ok());
    KeysRunner.Result noTouch =
        keys(rig)
            .env("KEYS_YUBIKEY_PIN", PIN)
            .keys("-d", trust.toString(), "sign", "--key", plain, message.toString())
            .ok();
    assertFalse(noTouch.err().contains("Touch your YubiKey"), noTouch.err());

    CardReset.reset(rig);
    Path other = tmp.resolve("other");
    String touchy =
        createdRoot(
            keys(rig)
                .keys("-d", other.toString(), "init", "--touch-policy", "always", "example.com/b")
                .ok());
    assertEquals(
        dev.trustkeys.simulator.piv.TouchPolicy.ALWAYS,
        rig.card().state().key(Slot.SIGNATURE).touchPolicy,
        "imported with touch policy always");
    long before = rig.card().touch().requests();
    KeysRunner.Result touch =
        keys(rig)
            .env("KEYS_YUBIKEY_PIN", PIN)
            .keys("-d", other.toString(), "sign", "--key", touchy, message.toString())
            .ok();
    assertTrue(
        touch
            .err()
            .contains("Touch your YubiKey now: it is waiting to sign with the key in slot 9c"),
        "the only YubiKey plugged in: no serial read just to name it: " + touch.err());
    assertEquals(before + 1, rig.card().touch().requests(), "the card waited for a touch");
  }

  @Test
  void generate_anyRoleOnTheYubiKey_keepsGunAndPolicies() throws Exception {
    KeysRunner.Result r =
        keys(rig)
            .keys(
                "-d",
                trust.toString(),
                "generate",
                "--role",
                "targets",
                "--gun",
                "example.com/app",
                "--yubikey",
                "--touch-policy",
                "cached",
                "--pin-policy",
                "once")
            .ok();
    assertTrue(r.out().contains("Location: yubikey:serial=" + SERIAL + ";slot=9c"), r.out());
    String list = keys(rig).keys("-d", trust.toString(), "list").ok().out();
    assertTrue(
        list.lines()
            .anyMatch(
                l ->
                    l.startsWith("targets")
                        && l.contains("example.com/app")
                        && l.endsWith("yubikey:serial=" + SERIAL + ";slot=9c")),
        list);
    String json = keys(rig).keys("yubikey", "status", "--json").ok().out();
    assertTrue(
        json.contains("\"role\": \"targets\"")
            && json.contains("\"gun\": \"example.com/app\"")
            && json.contains("\"pinPolicy\": \"once\"")
            && json.contains("\"touchPolicy\": \"cached\""),
        json);
    assertEquals(
        dev.trustkeys.simulator.piv.TouchPolicy.CACHED,
        rig.card().state().key(Slot.SIGNATURE).touchPolicy);
  }

  @Test
  void status_showsFactorySettings_setupChangesThem_withoutPrintingSecrets() throws Exception {
    String s = keys(rig).keys("yubikey", "status").ok().out();
    assertTrue(s.contains("PIN tries left: 3") && s.contains("FACTORY DEFAULT"), s);
    KeysRunner.Result setup =
        keys(rig)
            .env("KEYS_YUBIKEY_PIN", PIN)
            .env("KEYS_YUBIKEY_PUK", "12345678")
            .env("KEYS_YUBIKEY_NEW_PIN", "24681357")
            .env("KEYS_YUBIKEY_NEW_PUK", "97531086")
            .env(
                "KEYS_YUBIKEY_NEW_MANAGEMENT_KEY",
                "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718")
            .keys("yubikey", "setup")
            .ok();
    for (String secret : new String[] {"24681357", "97531086", "a1b2c3d4e5f6", "12345678"}) {
      assertFalse(
          setup.out().contains(secret) || setup.err().contains(secret),
          "printed a secret: " + setup);
    }
    String json = keys(rig).keys("yubikey", "status", "--json").ok().out();
    assertTrue(
        json.contains("\"factoryManagementKey\": false") && json.contains("\"pinTriesLeft\": 3"),
        json);
    keys(rig).env("KEYS_YUBIKEY_PIN", "24681357").keys("yubikey", "change-pin").expect(5);
    keys(rig)
        .env("KEYS_YUBIKEY_PIN", "24681357")
        .env("KEYS_YUBIKEY_NEW_PIN", "11223344")
        .keys("yubikey", "change-pin")
        .ok();
    // a new key needs the changed management key now
    keys(rig).keys("-d", trust.toString(), "init", "--yubikey", "example.com/app").expect(5);
    String id =
        createdRoot(
            keys(rig)
                .env(
                    "KEYS_YUBIKEY_MANAGEMENT_KEY",
                    "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718")
                .keys("-d", trust.toString(), "init", "--yubikey", "example.com/app")
                .ok());
    KeysRunner.Result signed =
        keys(rig)
            .env("KEYS_YUBIKEY_PIN", "11223344")
            .keys("-d", trust.toString(), "sign", "--key", id, message.toString())
            .ok();
    assertFalse(signed.err().contains("factory"), signed.err());
  }

  @Test
  void deviceCommands_changePukAndManagementKey_thenResetErasesTheKeysButNotTheBackup()
      throws Exception {
    String id = createdRoot(keys(rig).keys("-d", trust.toString(), "init", "example.com/app").ok());
    keys(rig)
        .env("KEYS_YUBIKEY_PUK", "12345678")
        .env("KEYS_YUBIKEY_NEW_PUK", "12345678")
        .keys("yubikey", "change-puk")
        .expect(2);
    Path puk = Files.writeString(tmp.resolve("puk"), "87654321\n");
    keys(rig)
        .env("KEYS_YUBIKEY_PUK", "12345678")
        .env("KEYS_YUBIKEY_NEW_PUK_FILE", puk.toString())
        .keys("yubikey", "change-puk")
        .ok();
    keys(rig)
        .env("KEYS_YUBIKEY_PUK", "12345678")
        .env("KEYS_YUBIKEY_NEW_PUK", "11112222")
        .keys("yubikey", "change-puk")
        .expect(3);
    assertEquals(2, rig.card().state().pukTries(), "the old PUK no longer works");
    keys(rig)
        .env("KEYS_YUBIKEY_NEW_MANAGEMENT_KEY", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978")
        .keys("yubikey", "set-management-key")
        .ok();
    keys(rig)
        .env("KEYS_YUBIKEY_NEW_MANAGEMENT_KEY", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978")
        .keys("yubikey", "set-management-key")
        .expect(5);
    assertTrue(keys(rig).keys("yubikey", "status").ok().out().contains("Management key: changed"));

    KeysRunner.Result refused = keys(rig).keys("yubikey", "reset").expect(5);
    assertTrue(refused.err().contains("--yes"), refused.err());
    assertNotNull(rig.card().state().key(Slot.SIGNATURE), "nothing erased without confirmation");
    keys(rig).keys("yubikey", "reset", "--yes").ok();
    assertNull(rig.card().state().key(Slot.SIGNATURE), "the PIV application was erased");
    String s = keys(rig).keys("yubikey", "status").ok().out();
    assertTrue(s.contains("PIN tries left: 3") && s.contains("FACTORY DEFAULT"), s);
    String list = keys(rig).keys("-d", trust.toString(), "list").ok().out();
    assertTrue(
        list.contains(id) && !list.contains("yubikey:"), "the backup file is still there: " + list);
  }
}
