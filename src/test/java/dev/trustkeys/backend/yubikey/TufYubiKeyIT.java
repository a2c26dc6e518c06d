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

/** {@code keys tuf} with the root key on the virtual YubiKey: made there by init, and signing on the card. */
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
    KeysRunner k = new KeysRunner().fastKdf().jvm("-XX:TieredStopAtLevel=1")
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
    Matcher m = Pattern.compile("Root key created: ([0-9a-f]{64}) in yubikey:serial=" + SERIAL + ";slot=9c")
        .matcher(init.out());
    assertTrue(m.find(), init.out());
    assertTrue(rig.card().trace().counters().toString().contains("GENERAL_AUTHENTICATE"),
        "root signed on the card: " + rig.card().trace().counters());
    keys().keys("-d", trust, "tuf", "verify", repo.toString()).ok();
    KeysRunner.Result status = keys().keys("-d", trust, "tuf", "status", repo.toString(), "--json").ok();
    // the look-up for signing reads only the slot, not the serial (docs/yubikey.md: APDU counts)
    assertTrue(status.out().contains("\"heldAt\": \"yubikey:") && status.out().contains("slot=9c\""), status.out());
    assertEquals(1, Files.list(repo.resolve("metadata")).filter(p -> p.toString().endsWith(".root.json")).count());
  }
}
