package dev.trustkeys.simulator;

import static dev.trustkeys.simulator.CardDriver.sw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.trustkeys.simulator.piv.CardState;
import dev.trustkeys.simulator.piv.CardStateFile;
import dev.trustkeys.simulator.piv.Slot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardStateFileTest {
  @TempDir Path tmp;

  @Test
  void save_thenLoad_keepsPinsKeysObjectsAndAttestation_withMode0600() throws Exception {
    Path file = tmp.resolve("card.state");
    CardState state = CardStateFile.loadOrCreate(file, 8675309);
    CardDriver d =
        new CardDriver(
            new VirtualYubiKey(
                state,
                new SimulatedTouch(TouchMode.AUTO, SimulatedTouch.DEFAULT_TIMEOUT),
                new ApduTrace(),
                () -> {
                  try {
                    CardStateFile.save(state, file);
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                }));
    d.selectPiv();
    d.authenticate(CardDriver.DEFAULT_MGMT);
    assertEquals(0x9000, sw(d.send("0047009C05AC03800111")));
    assertEquals(0x63C2, d.verify("000000"));

    CardState loaded = CardStateFile.load(file);
    assertEquals(8675309, loaded.serial());
    assertEquals(2, loaded.pinTries());
    assertEquals(state.key(Slot.SIGNATURE).publicKey(), loaded.key(Slot.SIGNATURE).publicKey());
    assertNotNull(loaded.key(Slot.ATTESTATION));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    // the reloaded card still attests with its F9 key
    CardDriver again =
        new CardDriver(
            new VirtualYubiKey(
                loaded,
                new SimulatedTouch(TouchMode.AUTO, SimulatedTouch.DEFAULT_TIMEOUT),
                new ApduTrace(),
                () -> {}));
    again.selectPiv();
    assertEquals(0x61, sw(again.send("00F99C0000")) >> 8);
  }

  @Test
  void toString_revealsNoSecrets() {
    CardState s = CardState.factoryNew(1);
    String text = s + " " + s.key(Slot.ATTESTATION) + " " + s.authority();
    assertFalse(text.contains("123456"), text);
    assertFalse(text.contains("0102030405060708"), text);
  }

  @Test
  void printedObject_needsPinToRead_andAdminDataDoesNot() throws Exception {
    CardDriver d = CardDriver.fresh(2);
    d.selectPiv();
    d.authenticate(CardDriver.DEFAULT_MGMT);
    assertEquals("9000", d.send("00DB3FFF0E5C035FC1095307880589030A0B0C"));
    assertEquals("9000", d.send("00DB3FFF0B5C035FFF005304800281 00".replace(" ", "")));
    assertEquals("53048002810 09000".replace(" ", ""), d.send("00CB3FFF055C035FFF00"));
    assertEquals("6982", d.send("00CB3FFF055C035FC109"));
    d.verify("123456");
    assertEquals("5307880589030a0b0c9000", d.send("00CB3FFF055C035FC109"));
    assertEquals("6a80", d.send("00DB3FFF085C03123456530100"), "not a PIV object");
    assertEquals(
        "9000", d.send("00DB3FFF075C035FC109 5300".replace(" ", "")), "empty content deletes");
    assertEquals("6a82", d.send("00CB3FFF055C035FC109"));
  }
}
