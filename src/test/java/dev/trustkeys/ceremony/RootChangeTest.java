package dev.trustkeys.ceremony;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustkeys.core.Algorithm;
import dev.trustkeys.core.KeySpec;
import dev.trustkeys.core.Role;
import dev.trustkeys.core.Signer;
import dev.trustkeys.testing.MemoryBackend;
import dev.trustkeys.tuf.Expiry;
import dev.trustkeys.tuf.RoleKeys;
import dev.trustkeys.tuf.Root;
import dev.trustkeys.tuf.RootCertificates;
import dev.trustkeys.tuf.TufKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The change a holder reads is computed from the two roots: whatever part of the proposed root
 * someone edits (any role's keys or threshold, consistent_snapshot, an extra key), it shows, with
 * the key's full ID.
 */
class RootChangeTest {
  static final String GUN = "example.com/change/app";
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  final MemoryBackend keys = new MemoryBackend("change");

  TufKey plain() throws Exception {
    Signer s =
        keys.signer(keys.generate(new KeySpec(Role.TARGETS, GUN, Algorithm.ECDSA_P256)).id());
    return TufKey.forPublicKey(s.publicKey());
  }

  TufKey certificate() throws Exception {
    Signer s = keys.signer(keys.generate(new KeySpec(Role.ROOT, "", Algorithm.ECDSA_P256)).id());
    return TufKey.forCertificate(RootCertificates.create(s, GUN, NOW));
  }

  @Test
  void everyEditedPartOfTheProposedRoot_isShown() throws Exception {
    TufKey root = certificate();
    TufKey targets = plain();
    TufKey other = plain();
    Root base =
        new Root(
            1,
            NOW.plus(Expiry.ROOT),
            false,
            Map.of(root.id().hex(), root, targets.id().hex(), targets),
            Map.of(
                "root",
                new RoleKeys(List.of(root.id().hex()), 1),
                "targets",
                new RoleKeys(List.of(targets.id().hex()), 1),
                "snapshot",
                new RoleKeys(List.of(targets.id().hex()), 1),
                "timestamp",
                new RoleKeys(List.of(targets.id().hex()), 1)));
    TufKey attacker = plain();
    TufKey unused = plain();
    Map<String, TufKey> k = new java.util.HashMap<>(base.keys());
    k.put(attacker.id().hex(), attacker);
    k.put(unused.id().hex(), unused);
    k.put(other.id().hex(), other);
    Map<String, RoleKeys> roles = new java.util.HashMap<>(base.roles());
    roles.put("targets", new RoleKeys(List.of(attacker.id().hex()), 1));
    roles.put("snapshot", new RoleKeys(List.of(targets.id().hex(), other.id().hex()), 2));
    Root next = new Root(2, NOW.plus(Expiry.ROOT), true, k, roles);

    List<String> lines =
        RootChange.between(
                CeremonyDialect.NOTARY.root(base.toJson()),
                CeremonyDialect.NOTARY.root(next.toJson()))
            .lines();
    assertEquals("root version 1 -> 2, expires " + Expiry.format(next.expires()), lines.get(0));
    assertTrue(lines.contains("root threshold stays 1"), lines.toString());
    assertTrue(lines.contains("remove targets key " + targets.id().hex()), lines.toString());
    assertTrue(lines.contains("add targets key " + attacker.id().hex()), lines.toString());
    assertTrue(lines.contains("add snapshot key " + other.id().hex()), lines.toString());
    assertTrue(lines.contains("snapshot threshold 1 -> 2"), lines.toString());
    assertTrue(lines.contains("consistent_snapshot false -> true"), lines.toString());
    assertTrue(
        lines.contains("also lists key " + unused.id().hex() + ", which no role uses"),
        lines.toString());
    assertEquals(
        "must be signed by 1 of the 1 current root key(s) and by 1 of the 1 new root key(s)",
        lines.get(lines.size() - 1));
  }
}
