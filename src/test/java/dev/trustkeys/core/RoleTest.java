package dev.trustkeys.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Role names as Notary accepts them: the four base roles, "delegation", and clean targets/...
 * paths.
 */
class RoleTest {
  @ParameterizedTest
  @ValueSource(strings = {"root", "targets", "snapshot", "timestamp", "delegation"})
  void baseRoles_areTheSharedConstants(String name) throws UsageException {
    assertSame(Role.of(name), Role.of(name));
    assertEquals(name, Role.of(name).name());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "targets/releases",
        "targets/a/b",
        "targets/Team_1.x-y",
        "targets/..x",
        "targets/a..b"
      })
  void cleanDelegationPaths_areDelegations(String name) throws UsageException {
    Role r = Role.of(name);
    assertEquals(name, r.name());
    assertTrue(r.isDelegation());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "Root", "targets/", "targets//a", "targets/a/", "targets/..", "targets/../x",
            "targets/a/../b",
        "targets/.", "targets/./a", "targets/a b", "targets/é", "targets/a:b", "targetsx/a",
            "/targets/a", "timestamp/x"
      })
  void otherNames_areRefusedWithTheListOfValidOnes(String name) {
    UsageException e = assertThrows(UsageException.class, () -> Role.of(name));
    assertTrue(
        e.getMessage().contains("use root, targets, snapshot, timestamp or a delegation"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "ci-bot_2", "Bob", "signer.x"})
  void signerNamesInKeyFiles_areReadAsNotaryDoes(String name) throws UsageException {
    Role r = Role.fromHeader(name);
    assertEquals(name, r.name());
    assertTrue(r.isSigner());
    assertFalse(r.belongsToGun());
    assertFalse(r.isRoot());
    UsageException e = assertThrows(UsageException.class, () -> Role.of(name));
    assertTrue(e.getMessage().contains("unknown role"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"root", "targets", "snapshot", "timestamp", "delegation", "targets/releases"})
  void knownNamesInKeyFiles_areTheSameRoles(String name) throws UsageException {
    assertEquals(Role.of(name), Role.fromHeader(name));
    assertFalse(Role.fromHeader(name).isSigner());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "a b", "a\tb", "line\nbreak", "targets/../x", "targets/", "a/b", "/x"})
  void unnameableHeaders_areRefused(String name) {
    assertThrows(UsageException.class, () -> Role.fromHeader(name));
    assertThrows(UsageException.class, () -> Role.fromHeader("x".repeat(256)));
  }
}
