package dev.trustkeys.backend.yubikey;

import dev.trustkeys.simulator.VirtualYubiKeyRig;
import java.util.Map;

/**
 * Brings the rig's primary card back to factory state through libykpiv in this JVM (block PIN and
 * PUK, reset).
 */
final class CardReset {
  private CardReset() {}

  static void reset(VirtualYubiKeyRig rig) throws Exception {
    try (YubiKeys yk =
        YubiKeys.probe(Map.of(YubiKeys.SOCKET_ENV, rig.env().get(YubiKeys.SOCKET_ENV)))) {
      YubiKeyDevice d = yk.select(rig.card().serial());
      PivSession s = yk.session(d);
      s.blockPin();
      s.blockPuk();
      s.reset();
    }
    rig.card().trace().clear();
  }
}
