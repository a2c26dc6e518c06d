package dev.trustkeys.backend.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Role;
import org.junit.jupiter.api.Test;

class KeyLabelTest {
  @Test
  void parse_ofText_roundTripsRoleGunAndTag_evenWithColonsAndSlashesInTheGun() throws Exception {
    KeyLabel l =
        new KeyLabel(Role.of("targets/releases"), "registry.example.com:5000/team/app", "0a1b2c3d");
    assertEquals("keys:targets/releases:registry.example.com:5000/team/app:0a1b2c3d", l.text());
    assertEquals(l, KeyLabel.parse(l.text()).orElseThrow());
    assertEquals(
        new KeyLabel(Role.ROOT, "", "ffffffff"),
        KeyLabel.parse("keys:root::ffffffff").orElseThrow());
  }

  @Test
  void parse_foreignLabels_areNotKeysLabels() {
    assertTrue(KeyLabel.parse("X.509 Certificate for Digital Signature").isEmpty());
    assertTrue(KeyLabel.parse("keys:root:").isEmpty());
    assertTrue(KeyLabel.parse("keys:wizard::0a1b2c3d").isEmpty());
    assertTrue(KeyLabel.parse("keys:root::XYZ").isEmpty());
    assertTrue(KeyLabel.parse(null).isEmpty());
  }

  @Test
  void fresh_givesDifferentTags() {
    assertNotEquals(KeyLabel.fresh(Role.ROOT, "").tag(), KeyLabel.fresh(Role.ROOT, "").tag());
  }
}
