package dev.trustkeys.tuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.ExitCode;
import dev.trustkeys.core.UsageException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Notary's delegation edits: create, add, remove keys and paths, thresholds in range, unused keys
 * dropped.
 */
class DelegationsTest {
  static TufKey key() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return TufKey.forPublicKey(g.generateKeyPair().getPublic());
  }

  static final Targets EMPTY =
      new Targets(3, Instant.parse("2030-01-01T00:00:00Z"), Map.of(), Map.of(), List.of());

  @Test
  void add_createsWithThresholdOne_thenMergesKeysAndPaths() throws Exception {
    TufKey a = key();
    TufKey b = key();
    Targets t =
        Delegations.update(
            EMPTY, "targets/qa", Delegations.Change.addKeysAndPaths(List.of(a), List.of("qa-")));
    DelegatedRole d = t.delegation("targets/qa").orElseThrow();
    assertEquals(List.of(a.id().hex()), d.keyIds());
    assertEquals(1, d.threshold());
    assertEquals(List.of("qa-"), d.paths());
    t =
        Delegations.update(
            t,
            "targets/qa",
            new Delegations.Change(
                List.of(a, b),
                List.of(),
                List.of("qa-", "ci-"),
                List.of(),
                false,
                OptionalInt.of(2)));
    d = t.delegation("targets/qa").orElseThrow();
    assertEquals(List.of(a.id().hex(), b.id().hex()), d.keyIds());
    assertEquals(List.of("qa-", "ci-"), d.paths());
    assertEquals(2, d.threshold());
    assertEquals(3, t.version(), "the caller publishes the next version");
  }

  @Test
  void removeKeys_dropsKeysNoDelegationUses_andRemovingTheRoleDropsItsKeys() throws Exception {
    TufKey a = key();
    TufKey b = key();
    Targets t =
        Delegations.update(
            EMPTY, "targets/x", Delegations.Change.addKeysAndPaths(List.of(a, b), List.of("")));
    t =
        Delegations.update(
            t, "targets/releases", Delegations.Change.addKeysAndPaths(List.of(a), List.of("")));
    t = Delegations.update(t, "targets/x", Delegations.Change.removeKeys(List.of(a.id().hex())));
    assertEquals(List.of(b.id().hex()), t.delegation("targets/x").orElseThrow().keyIds());
    assertTrue(t.delegationKeys().containsKey(a.id().hex()), "releases still uses a");
    t = Delegations.remove(t, "targets/releases");
    assertEquals(Map.of(b.id().hex(), b), t.delegationKeys());
    assertEquals(
        List.of("targets/x"), t.delegationRoles().stream().map(DelegatedRole::name).toList());
  }

  @Test
  void clearPaths_thenAdd_removePaths() throws Exception {
    Targets t =
        Delegations.update(
            EMPTY,
            "targets/x",
            Delegations.Change.addKeysAndPaths(List.of(key()), List.of("a", "b")));
    t =
        Delegations.update(
            t,
            "targets/x",
            new Delegations.Change(
                List.of(), List.of(), List.of("c"), List.of("a"), true, OptionalInt.empty()));
    assertEquals(List.of("c"), t.delegation("targets/x").orElseThrow().paths());
  }

  @Test
  void thresholdsOutOfRange_andARoleWithoutKeys_areRefused() throws Exception {
    UsageException none =
        assertThrows(
            UsageException.class,
            () ->
                Delegations.update(
                    EMPTY,
                    "targets/x",
                    Delegations.Change.addKeysAndPaths(List.of(), List.of(""))));
    assertTrue(none.getMessage().contains("give at least one key"), none.getMessage());
    TufKey a = key();
    for (int bad : new int[] {0, 2, -1}) {
      UsageException e =
          assertThrows(
              UsageException.class,
              () ->
                  Delegations.update(
                      EMPTY,
                      "targets/x",
                      new Delegations.Change(
                          List.of(a),
                          List.of(),
                          List.of(),
                          List.of(),
                          false,
                          OptionalInt.of(bad))));
      assertEquals(ExitCode.USAGE, e.exitCode());
      assertTrue(
          e.getMessage().contains("between 1 and its number of keys (1), not " + bad),
          e.getMessage());
    }
  }

  @Test
  void paths_arePrefixes_restrictedToTheParents() {
    assertTrue(Delegations.checkPaths("anything", List.of("")));
    assertTrue(Delegations.checkPaths("qa-1", List.of("x", "qa-")));
    assertEquals(false, Delegations.checkPaths("prod", List.of("qa-")));
    assertEquals(
        List.of("qa-nightly", "qa-"),
        Delegations.restrict(List.of("qa-"), List.of("qa-nightly", "prod", "qa-")));
    assertTrue(Delegations.isChildOf("targets/a", "targets"));
    assertEquals(false, Delegations.isChildOf("targets/a/b", "targets"));
    assertEquals("targets/a", Delegations.parentOf("targets/a/b"));
  }
}
